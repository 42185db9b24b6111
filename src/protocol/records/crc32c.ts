// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF.
// Slicing-by-8 over eight 256-entry Uint32Array tables. Works on a Buffer range in place.
//
// On little-endian machines a range of WORDWISE_MIN bytes or more is read as 32-bit words (two
// word loads per 8-byte step instead of eight byte loads: about 1.5x the speed), with the
// unaligned head and the tail byte by byte. Short ranges and big-endian machines go byte by
// byte all along. Both paths give the same results.

const POLY = 0x82f63b78;

/** Table t at [t * 256, t * 256 + 256): T[t][n] is the CRC of byte n followed by t zero bytes. */
const T = new Uint32Array(8 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[n] = c >>> 0;
}
for (let n = 0; n < 256; n++) {
  let c = T[n];
  for (let t = 1; t < 8; t++) {
    c = T[c & 0xff] ^ (c >>> 8);
    T[t * 256 + n] = c >>> 0;
  }
}

/**
 * The SSE4.2/ARMv8 CRC-32C of @node-rs/crc32 (an optional dependency with prebuilt binaries) when it
 * loads: about 3x the JavaScript below on 16 KB batches, which made CRC-32C 28% of the engine's
 * busy time. Its call costs more than the JavaScript on short ranges, hence NATIVE_MIN.
 * KAFKA_LOCAL_CRC32C=js keeps the JavaScript (tests compare the two).
 */
type NativeCrc = (input: Uint8Array, initialState?: number) => number;
const native: NativeCrc | undefined = (() => {
  if (process.env.KAFKA_LOCAL_CRC32C === 'js') return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@node-rs/crc32') as { crc32c?: NativeCrc };
    return typeof mod.crc32c === 'function' && mod.crc32c(Buffer.from('123456789')) >>> 0 === 0xe3069283 ? mod.crc32c : undefined;
  } catch {
    return undefined;
  }
})();
const NATIVE_MIN = 512;

/** Whether the native CRC-32C is in use (for tests and benchmarks). */
export const nativeCrc32c = native !== undefined;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Below this many bytes the word path's view allocation costs more than it saves. */
const WORDWISE_MIN = 128;

/** Byte-wise slicing-by-8 over buf[i, end) from the raw (inverted) register. */
function bytewise(register: number, buf: Uint8Array, i: number, end: number): number {
  let c = register | 0; // int32 from the start: V8 compiles the loop more steadily
  const end8 = end - 8;
  while (i <= end8) {
    c =
      T[1792 + ((c ^ buf[i]) & 0xff)] ^
      T[1536 + (((c >>> 8) ^ buf[i + 1]) & 0xff)] ^
      T[1280 + (((c >>> 16) ^ buf[i + 2]) & 0xff)] ^
      T[1024 + ((c >>> 24) ^ buf[i + 3])] ^
      T[768 + buf[i + 4]] ^
      T[512 + buf[i + 5]] ^
      T[256 + buf[i + 6]] ^
      T[buf[i + 7]];
    i += 8;
  }
  while (i < end) {
    c = T[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    i++;
  }
  return c;
}

/**
 * Continue a CRC-32C over buf[start, end). `crc` is a previous (finalised) result, 0 to start.
 * Returns the unsigned finalised CRC, so `crc32cUpdate(crc32c(a), b) === crc32c(a ++ b)`.
 */
export function crc32cUpdate(crc: number, buf: Uint8Array, start = 0, end = buf.length): number {
  if (start < 0) start = 0;
  if (end > buf.length) end = buf.length;
  if (native !== undefined && end - start >= NATIVE_MIN) return native(buf.subarray(start, end), crc) >>> 0;
  if (!LITTLE_ENDIAN || end - start < WORDWISE_MIN) return ~bytewise(~crc, buf, start, end) >>> 0;
  // Word-wise (the loop stays in this function: V8 compiles it better here than in a helper).
  let c = ~crc | 0;
  let i = start;
  const base = buf.byteOffset;
  while (((base + i) & 3) !== 0) {
    c = T[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    i++;
  }
  const words = ((end - i) >>> 3) << 1;
  const w = new Uint32Array(buf.buffer, base + i, words);
  for (let j = 0; j < words; j += 2) {
    c ^= w[j];
    const d = w[j + 1];
    c =
      T[1792 + (c & 0xff)] ^ T[1536 + ((c >>> 8) & 0xff)] ^ T[1280 + ((c >>> 16) & 0xff)] ^ T[1024 + (c >>> 24)] ^
      T[768 + (d & 0xff)] ^ T[512 + ((d >>> 8) & 0xff)] ^ T[256 + ((d >>> 16) & 0xff)] ^ T[d >>> 24];
  }
  i += words * 4;
  while (i < end) {
    c = T[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/** CRC-32C of buf[start, end) as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  return crc32cUpdate(0, buf, start, end);
}
