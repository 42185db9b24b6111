// Kafka's deserializers (org.apache.kafka.common.serialization.*) as the console consumer's
// DefaultMessageFormatter uses them: the formatter hands the deserializer the bytes (or the
// null.literal bytes when the field is null), prints `toString()` of the result as UTF-8.
//
// Each one mirrors Kafka's byte[] deserialize(): the same size checks and exception messages
// (SerializationException `Size of data received by IntegerDeserializer is not 4`, ...), and
// Java's toString of the result: Double/Float as Double.toString/Float.toString, UUID in its
// canonical lower-case form, byte[] as `[B@<identity hash>`, Bytes with `\xNN` escapes,
// ByteBuffer as `java.nio.HeapByteBuffer[pos=0 lim=N cap=N]`.

import { javaDoubleToString } from '../../config/types';

/** An exception a deserializer throws: printed as `<javaClass>: <message>`. */
export class JavaRuntimeError extends Error {
  constructor(readonly javaClass: string, message: string) {
    super(message);
    this.name = 'JavaRuntimeError';
  }
}

const SERIALIZATION = 'org.apache.kafka.common.errors.SerializationException';

function serializationError(message: string): JavaRuntimeError {
  return new JavaRuntimeError(SERIALIZATION, message);
}

export interface Deserializer {
  /** The result's Java toString(). */
  deserialize(data: Buffer): string;
}

// ---------------------------------------------------------------------------------------------
// Charsets (Java names, case-insensitive, with the common aliases)

type Decoder = (b: Buffer) => string;

function decoderFor(name: string): Decoder | null {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  switch (n) {
    case 'utf-8': case 'utf8': case 'unicode-1-1-utf-8':
      return (b) => b.toString('utf8');
    case 'iso-8859-1': case 'iso8859-1': case 'latin1': case 'iso-latin-1': case 'l1': case 'cp819': case 'ibm819': case '8859-1':
      return (b) => b.toString('latin1');
    case 'us-ascii': case 'ascii': case 'iso646-us': case 'default': case 'cp367': case 'ibm367': case '646':
      return (b) => {
        let s = '';
        for (let i = 0; i < b.length; i++) s += b[i] < 0x80 ? String.fromCharCode(b[i]) : '\ufffd';
        return s;
      };
    case 'utf-16le': case 'utf-16-le': case 'x-utf-16le': case 'unicodelittleunmarked':
      return (b) => new TextDecoder('utf-16le', { ignoreBOM: true }).decode(b);
    case 'utf-16be': case 'utf-16-be': case 'x-utf-16be': case 'unicodebigunmarked':
      return (b) => new TextDecoder('utf-16be', { ignoreBOM: true }).decode(b);
    case 'utf-16': case 'utf16': case 'unicode':
      // Java: big-endian unless a byte-order mark says otherwise.
      return (b) => (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe
        ? new TextDecoder('utf-16le').decode(b)
        : new TextDecoder('utf-16be').decode(b));
    default:
      try {
        const td = new TextDecoder(n);
        return (b) => td.decode(b);
      } catch {
        return null;
      }
  }
}

function encodingConfig(configs: ReadonlyMap<string, string>, isKey: boolean): string | undefined {
  return configs.get(isKey ? 'key.deserializer.encoding' : 'value.deserializer.encoding') ?? configs.get('deserializer.encoding');
}

// ---------------------------------------------------------------------------------------------
// Java toString helpers

/** Float.toString: the shortest decimal that reads back as the same float. */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  for (let p = 1; p <= 9; p++) {
    const x = Number(f.toPrecision(p));
    if (Math.fround(x) === f) return javaDoubleToString(x);
  }
  return javaDoubleToString(f);
}

/** Long.parseLong(s, 16), or null when Java would throw NumberFormatException. */
function parseHexLong(s: string): bigint | null {
  if (!/^[+-]?[0-9a-fA-F]+$/.test(s)) return null;
  const neg = s.startsWith('-');
  const v = BigInt(`0x${s.replace(/^[+-]/, '')}`) * (neg ? -1n : 1n);
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return null;
  return v;
}

/** java.util.UUID.fromString(s).toString(), or null when fromString throws. */
export function javaUuidString(s: string): string | null {
  if (s.length > 36) return null;
  const parts = s.split('-');
  if (parts.length !== 5) return null;
  const masks = [0xffffffffn, 0xffffn, 0xffffn, 0xffffn, 0xffffffffffffn];
  const widths = [8, 4, 4, 4, 12];
  let out = '';
  for (let i = 0; i < 5; i++) {
    const v = parseHexLong(parts[i]);
    if (v === null) return null;
    const m = BigInt.asUintN(64, v) & masks[i];
    out += (i ? '-' : '') + m.toString(16).padStart(widths[i], '0');
  }
  return out;
}

let hashSeed = (Math.random() * 0x7fffffff) | 0;

/** Something shaped like Object.toString() of a byte[]: `[B@` + a hex identity hash. */
function identityHash(): string {
  // xorshift: distinct-looking values, as identity hashes are.
  hashSeed ^= hashSeed << 13;
  hashSeed ^= hashSeed >>> 17;
  hashSeed ^= hashSeed << 5;
  return ((hashSeed >>> 0) & 0x7fffffff).toString(16);
}

const HEX = '0123456789ABCDEF';

// ---------------------------------------------------------------------------------------------

const PKG = 'org.apache.kafka.common.serialization.';

export const KNOWN_DESERIALIZERS = [
  'StringDeserializer', 'ByteArrayDeserializer', 'ByteBufferDeserializer', 'BytesDeserializer', 'IntegerDeserializer',
  'LongDeserializer', 'ShortDeserializer', 'DoubleDeserializer', 'FloatDeserializer', 'UUIDDeserializer',
  'BooleanDeserializer', 'VoidDeserializer',
].map((n) => PKG + n);

/**
 * Instantiate and configure a deserializer by its Java class name. Throws JavaRuntimeError
 * (`java.lang.ClassNotFoundException: <name>` for an unknown class, SerializationException for a
 * bad `*.deserializer.encoding`), which the formatter logs as Kafka does.
 * `configs` are the formatter properties with the `key.deserializer.` etc. prefix stripped.
 */
export function createDeserializer(className: string, configs: ReadonlyMap<string, string>, isKey: boolean): Deserializer {
  switch (className) {
    case `${PKG}StringDeserializer`: {
      const enc = encodingConfig(configs, isKey);
      let decode: Decoder = (b) => b.toString('utf8');
      if (enc !== undefined) {
        const d = decoderFor(enc);
        if (!d) throw serializationError(`Unsupported encoding ${enc}`);
        decode = d;
      }
      return { deserialize: decode };
    }
    case `${PKG}UUIDDeserializer`: {
      const enc = encodingConfig(configs, isKey) ?? 'UTF8';
      const decode = decoderFor(enc);
      return {
        deserialize(b) {
          if (!decode) throw serializationError(`Error when deserializing byte[] to UUID due to unsupported encoding ${enc}`);
          const u = javaUuidString(decode(b));
          if (u === null) throw serializationError('Error parsing data into UUID');
          return u;
        },
      };
    }
    case `${PKG}ByteArrayDeserializer`:
      return { deserialize: () => `[B@${identityHash()}` };
    case `${PKG}ByteBufferDeserializer`:
      return { deserialize: (b) => `java.nio.HeapByteBuffer[pos=0 lim=${b.length} cap=${b.length}]` };
    case `${PKG}BytesDeserializer`:
      return {
        deserialize(b) {
          let s = '';
          for (let i = 0; i < b.length; i++) {
            const ch = b[i];
            s += ch >= 0x20 && ch <= 0x7e && ch !== 0x5c ? String.fromCharCode(ch) : `\\x${HEX[ch >> 4]}${HEX[ch & 15]}`;
          }
          return s;
        },
      };
    case `${PKG}IntegerDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 4) throw serializationError('Size of data received by IntegerDeserializer is not 4');
          return String(b.readInt32BE(0));
        },
      };
    case `${PKG}LongDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 8) throw serializationError('Size of data received by LongDeserializer is not 8');
          return b.readBigInt64BE(0).toString();
        },
      };
    case `${PKG}ShortDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 2) throw serializationError('Size of data received by ShortDeserializer is not 2');
          return String(b.readInt16BE(0));
        },
      };
    case `${PKG}DoubleDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 8) throw serializationError('Size of data received by Deserializer is not 8');
          return javaDoubleToString(b.readDoubleBE(0));
        },
      };
    case `${PKG}FloatDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 4) throw serializationError('Size of data received by Deserializer is not 4');
          return javaFloatToString(b.readFloatBE(0));
        },
      };
    case `${PKG}BooleanDeserializer`:
      return {
        deserialize(b) {
          if (b.length !== 1) throw serializationError('Size of data received by BooleanDeserializer is not 1');
          if (b[0] === 1) return 'true';
          if (b[0] === 0) return 'false';
          throw serializationError(`Unexpected byte received by BooleanDeserializer: ${(b[0] << 24) >> 24}`);
        },
      };
    case `${PKG}VoidDeserializer`:
      // The formatter never passes null (it substitutes null.literal), so this always throws.
      return {
        deserialize() {
          throw new JavaRuntimeError('java.lang.IllegalArgumentException', 'Data should be null for a VoidDeserializer.');
        },
      };
    default:
      throw new JavaRuntimeError('java.lang.ClassNotFoundException', className);
  }
}
