// Declarative message schemas, shaped like Kafka's JSON message definitions: each field names
// the versions it exists in. One schema serves both directions (see codec.ts).

export type Primitive =
  | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float64' | 'bool'
  | 'string' | 'bytes' | 'records' | 'uuid';

export interface FieldSpec {
  /** Property name in the decoded JS object (camelCase). */
  name: string;
  /** A primitive, `[]primitive`, `[]` (array of struct, needs `fields`) or `struct` (needs `fields`). */
  type: Primitive | `[]${Primitive}` | '[]' | 'struct';
  /** Versions the field exists in: `0+`, `3-5`, `none`. */
  versions: string;
  nullableVersions?: string;
  /** Present only as a tagged field in these (flexible) versions. */
  taggedVersions?: string;
  tag?: number;
  /** Value used when the field is absent in a version or missing from the object. */
  default?: unknown;
  fields?: FieldSpec[];
}

export interface MessageSpec {
  name: string;
  fields: FieldSpec[];
}

export interface ApiSpec {
  apiKey: number;
  name: string;
  /** Versions we implement (decode and encode). */
  validVersions: string;
  /** First flexible version, `none` if we never speak a flexible version of it. */
  flexibleVersions: string;
  request: FieldSpec[];
  response: FieldSpec[];
}

export interface VersionRange {
  min: number;
  max: number;
}

export function parseVersions(s: string | undefined): VersionRange {
  if (s === undefined || s === 'none' || s === '') return { min: 1, max: 0 };
  const plus = /^(\d+)\+$/.exec(s);
  if (plus) return { min: Number(plus[1]), max: Number.MAX_SAFE_INTEGER };
  const range = /^(\d+)-(\d+)$/.exec(s);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const single = /^(\d+)$/.exec(s);
  if (single) return { min: Number(single[1]), max: Number(single[1]) };
  throw new Error(`bad version range '${s}'`);
}

export function inRange(v: number, r: VersionRange): boolean {
  return v >= r.min && v <= r.max;
}
