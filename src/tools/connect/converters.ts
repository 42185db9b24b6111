// Connect's converters between Kafka bytes and Connect data, for what the file connectors carry:
// org.apache.kafka.connect.json.JsonConverter (`schemas.enable`, default true) and
// org.apache.kafka.connect.storage.StringConverter. Connect data here is a JSON-like value with an
// optional schema; the file source produces strings with Schema.STRING_SCHEMA and no key.

export interface ConnectSchema {
  type: string;
  optional: boolean;
  [k: string]: unknown;
}

/** Schema.STRING_SCHEMA, as JsonConverter writes it in the envelope. */
export const STRING_SCHEMA: ConnectSchema = { type: 'string', optional: false };

export interface ConnectData {
  schema: ConnectSchema | null;
  value: unknown;
}

/** Connect's DataException: a task that meets one fails. */
export class DataException extends Error {
  readonly javaClass = 'org.apache.kafka.connect.errors.DataException';
}

export interface Converter {
  readonly className: string;
  fromConnectData(topic: string, data: ConnectData): Buffer | null;
  toConnectData(topic: string, bytes: Buffer | null): ConnectData;
}

export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
/** Connect's plugin aliases for the two (simple class name, and without "Converter"). */
const ALIASES = new Map([
  ['JsonConverter', JSON_CONVERTER], ['Json', JSON_CONVERTER],
  ['StringConverter', STRING_CONVERTER], ['String', STRING_CONVERTER],
]);

/** Jackson's JSON text: as JSON.stringify, but control characters as upper-case \u00XX. */
export function jacksonJson(v: unknown): string {
  return JSON.stringify(v).replace(/(\\\\)|\\u00([0-9a-f]{2})/g, (m, bs: string | undefined, hex: string | undefined) => (bs ? m : `\\u00${hex!.toUpperCase()}`));
}

/** Java's String.valueOf of the converted value (what FileStreamSinkTask prints). */
export function javaString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : javaDouble(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (typeof v === 'object') return `{${hashMapOrder(Object.keys(v as object)).map((k) => `${k}=${javaString((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  return String(v);
}

/** Java's String.hashCode(). */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a java.util.HashMap filled with `keys` in this order (JsonConverter
 * reads a schemaless JSON object into one): by bucket, then by insertion within a bucket.
 */
export function hashMapOrder(keys: string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys.map((k, i) => ({ k, i, b: bucket(k) })).sort((x, y) => x.b - y.b || x.i - y.i).map((e) => e.k);
}

function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) return String(n).includes('.') ? String(n) : `${n}.0`;
  const [m, e] = n.toExponential().split('e');
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

class JsonConverter implements Converter {
  readonly className = JSON_CONVERTER;
  constructor(private readonly schemasEnabled: boolean) {}

  fromConnectData(_topic: string, data: ConnectData): Buffer | null {
    // A null value without a schema (a tombstone, or the file source's absent key) stays null.
    if (data.schema === null && (data.value === null || data.value === undefined)) return null;
    const payload = data.value ?? null;
    const json = this.schemasEnabled ? { schema: data.schema, payload } : payload;
    return Buffer.from(jacksonJson(json), 'utf8');
  }

  toConnectData(_topic: string, bytes: Buffer | null): ConnectData {
    if (bytes === null) return { schema: null, value: null };
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new DataException(`Converting byte[] to Kafka Connect data failed due to serialization error: `);
    }
    if (!this.schemasEnabled) return { schema: null, value: json };
    const env = json as Record<string, unknown> | null;
    if (env === null || typeof env !== 'object' || Array.isArray(env) || Object.keys(env).length !== 2 || !('schema' in env) || !('payload' in env)) {
      throw new DataException('JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
        ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.');
    }
    return { schema: (env.schema as ConnectSchema | null) ?? null, value: env.payload };
  }
}

class StringConverter implements Converter {
  readonly className = STRING_CONVERTER;
  fromConnectData(_topic: string, data: ConnectData): Buffer | null {
    return data.value === null || data.value === undefined ? null : Buffer.from(javaString(data.value), 'utf8');
  }
  toConnectData(_topic: string, bytes: Buffer | null): ConnectData {
    return { schema: bytes === null ? null : { type: 'string', optional: true }, value: bytes === null ? null : bytes.toString('utf8') };
  }
}

export class UnknownConverterError extends Error {}

/**
 * The converter a worker or connector setting names (`key.converter` / `value.converter`), with its
 * own settings (`<prefix>.schemas.enable`) read from `props`.
 */
export function converterFor(props: ReadonlyMap<string, string>, prefix: 'key.converter' | 'value.converter'): Converter {
  const name = props.get(prefix)!.trim();
  const cls = ALIASES.get(name) ?? name;
  if (cls === JSON_CONVERTER) {
    const enabled = (props.get(`${prefix}.schemas.enable`) ?? 'true').trim().toLowerCase();
    return new JsonConverter(enabled !== 'false');
  }
  if (cls === STRING_CONVERTER) return new StringConverter();
  throw new UnknownConverterError(`Class ${name} could not be found.`);
}
