// One generic encoder/decoder driven by the schemas. For each (schema, version) the field list
// is compiled once into a plan of closures, so hot paths do not re-interpret the schema.

import { Reader, ProtocolDecodeError } from './reader';
import { Writer } from './writer';
import { FieldSpec, inRange, parseVersions, Primitive } from './schema';
import { uuidFromBytes, uuidToBytes } from './uuid';

type Decoder = (r: Reader) => any;
type Encoder = (w: Writer, v: any) => void;

interface Plan {
  decode: Decoder;
  encode: Encoder;
}

function primitiveDefault(t: Primitive, nullable: boolean): unknown {
  switch (t) {
    case 'bool': return false;
    case 'string': return nullable ? null : '';
    case 'bytes': case 'records': return nullable ? null : Buffer.alloc(0);
    case 'uuid': return 'AAAAAAAAAAAAAAAAAAAAAA';
    default: return 0;
  }
}

function defaultOf(f: FieldSpec, version: number): unknown {
  if (f.default !== undefined) return f.default;
  const nullable = inRange(version, parseVersions(f.nullableVersions));
  if (f.type.startsWith('[]')) return nullable ? null : [];
  if (f.type === 'struct') return null;
  return primitiveDefault(f.type as Primitive, nullable);
}

function primitiveCodec(t: Primitive, nullable: boolean, flexible: boolean): Plan {
  switch (t) {
    case 'int8': return { decode: (r) => r.int8(), encode: (w, v) => w.int8(v ?? 0) };
    case 'int16': return { decode: (r) => r.int16(), encode: (w, v) => w.int16(v ?? 0) };
    case 'uint16': return { decode: (r) => r.uint16(), encode: (w, v) => w.uint16(v ?? 0) };
    case 'int32': return { decode: (r) => r.int32(), encode: (w, v) => w.int32(v ?? 0) };
    case 'uint32': return { decode: (r) => r.uint32(), encode: (w, v) => w.uint32(v ?? 0) };
    case 'int64': return { decode: (r) => r.int64(), encode: (w, v) => w.int64(v ?? 0) };
    case 'float64': return { decode: (r) => r.float64(), encode: (w, v) => w.float64(v ?? 0) };
    case 'bool': return { decode: (r) => r.bool(), encode: (w, v) => w.bool(!!v) };
    case 'uuid': return {
      decode: (r) => uuidFromBytes(r.uuid()),
      encode: (w, v) => w.raw(uuidToBytes(v ?? 'AAAAAAAAAAAAAAAAAAAAAA')),
    };
    case 'string':
      if (flexible) {
        return nullable
          ? { decode: (r) => r.compactNullableString(), encode: (w, v) => w.compactNullableString(v ?? null) }
          : { decode: (r) => r.compactString(), encode: (w, v) => w.compactNullableString(v ?? '') };
      }
      return nullable
        ? { decode: (r) => r.nullableString(), encode: (w, v) => w.nullableString(v ?? null) }
        : { decode: (r) => r.string(), encode: (w, v) => w.string(v ?? '') };
    case 'bytes':
    case 'records': {
      const empty = Buffer.alloc(0);
      if (flexible) {
        return {
          decode: nullable ? (r) => r.compactNullableBytes() : (r) => r.compactNullableBytes() ?? empty,
          encode: (w, v) => w.compactNullableBytes(v === undefined ? (nullable ? null : empty) : v),
        };
      }
      return {
        decode: nullable ? (r) => r.nullableBytes() : (r) => r.nullableBytes() ?? empty,
        encode: (w, v) => w.nullableBytes(v === undefined ? (nullable ? null : empty) : v),
      };
    }
  }
}

function fieldPlan(f: FieldSpec, version: number, flexible: boolean): Plan {
  const nullable = inRange(version, parseVersions(f.nullableVersions));
  if (f.type === 'struct') {
    const plan = structPlan(f.fields ?? [], version, flexible);
    if (!nullable) return plan;
    // A nullable struct: one int8 marker before it, -1 null, 1 present (Kafka's generated code).
    return {
      decode: (r) => (r.int8() < 0 ? null : plan.decode(r)),
      encode: (w, v) => {
        if (v === null || v === undefined) { w.int8(-1); return; }
        w.int8(1);
        plan.encode(w, v);
      },
    };
  }
  if (f.type.startsWith('[]')) {
    const elemType = f.type.slice(2);
    const structs = elemType === '';
    const elem: Plan = structs
      ? structPlan(f.fields ?? [], version, flexible)
      : primitiveCodec(elemType as Primitive, false, flexible);
    const decodeArray = (r: Reader): any[] | null => {
      const n = r.arrayLength(flexible);
      if (n < 0) {
        if (!nullable) throw new ProtocolDecodeError(`null array for non-nullable field ${f.name}`);
        return null;
      }
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = elem.decode(r);
      return out;
    };
    // Arrays of structs repeat whole in some messages (DescribeConfigs: the same ~40 entries for
    // every topic without overrides): the writer copies the bytes of an array it has just written
    // when the same array comes again, and a reader that allows it hands back the array it has
    // just decoded when the same bytes come again (see Reader.shareRepeats).
    const decodeStructs: Decoder = (r) => {
      if (!r.shareRepeats) return decodeArray(r);
      const start = r.offset;
      const again = r.repeatOf(decodeStructs, start);
      if (again !== undefined) return again;
      const out = decodeArray(r);
      r.rememberRepeat(decodeStructs, start, out);
      return out;
    };
    const encodeArray = (w: Writer, v: any): void => {
      if (v === null || v === undefined) {
        if (nullable && v === null) { w.arrayLength(-1, flexible); return; }
        w.arrayLength(0, flexible);
        return;
      }
      if (structs && v.length > 0) {
        if (w.repeat(v, encodeArray)) return;
        const start = w.mark();
        w.arrayLength(v.length, flexible);
        for (let i = 0; i < v.length; i++) elem.encode(w, v[i]);
        w.remember(v, encodeArray, start);
        return;
      }
      w.arrayLength(v.length, flexible);
      for (let i = 0; i < v.length; i++) elem.encode(w, v[i]);
    };
    return { decode: structs ? decodeStructs : decodeArray, encode: encodeArray };
  }
  return primitiveCodec(f.type as Primitive, nullable, flexible);
}

interface CompiledField {
  name: string;
  plan: Plan;
  dflt: unknown;
}

function isDefault(v: unknown, d: unknown): boolean {
  if (v === undefined || v === d) return true;
  if (Array.isArray(v) && Array.isArray(d)) return v.length === 0 && d.length === 0;
  return false;
}

/** Values a generated function closes over: `ref(v)` names one (v0, v1, ...) for the code. */
function closureValues(): { names: string[]; values: unknown[]; ref: (v: unknown) => string } {
  const names: string[] = [];
  const values: unknown[] = [];
  const ref = (v: unknown): string => {
    names.push(`v${values.length}`);
    values.push(v);
    return names[names.length - 1];
  };
  return { names, values, ref };
}

/**
 * A struct's decoder as generated code: one object literal with the struct's fields in order
 * (absent ones at their defaults, then the fields read, then tagged defaults), so every decoded
 * struct of a kind has one shape from the start. Filling an empty object by computed names made
 * every property store megamorphic: decoding a DescribeConfigs answer for 1,000 topics or a
 * Metadata answer for 10,000 partitions was most of a describe's time in the tool.
 */
function compileDecoder(
  absent: { name: string; dflt: unknown }[],
  regular: CompiledField[],
  taggedDefaults: CompiledField[],
  readTagged: ((r: Reader, o: any) => void) | null,
): Decoder {
  const { names, values, ref } = closureValues();
  const dflt = (d: unknown): string => (Array.isArray(d) ? '[]' : ref(d));
  const props: string[] = [];
  for (const a of absent) props.push(`${JSON.stringify(a.name)}: ${dflt(a.dflt)}`);
  for (const f of regular) props.push(`${JSON.stringify(f.name)}: ${ref(f.plan.decode)}(r)`);
  for (const t of taggedDefaults) props.push(`${JSON.stringify(t.name)}: ${dflt(t.dflt)}`);
  const tail = readTagged === null ? '' : `${ref(readTagged)}(r, o);\n`;
  const body = `return function decode(r) {\nconst o = {\n${props.join(',\n')}\n};\n${tail}return o;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...names, body)(...values) as Decoder;
}

/**
 * A struct's encoder as generated code, for the same reason as compileDecoder: reading each
 * field by a computed name was a megamorphic load per field, and encoding the answers of a
 * describe of 1,000 topics (configs, partitions) was most of the engine's time for it.
 */
function compileEncoder(regular: CompiledField[], encodeTagged: ((w: Writer, o: any) => void) | null): Encoder {
  const { names, values, ref } = closureValues();
  const lines: string[] = ['const o = v ?? {};'];
  regular.forEach((f, i) => {
    const key = JSON.stringify(f.name);
    lines.push(`const x${i} = o[${key}];`);
    lines.push(`${ref(f.plan.encode)}(w, x${i} === undefined ? ${ref(f.dflt)} : x${i});`);
  });
  if (encodeTagged !== null) lines.push(`${ref(encodeTagged)}(w, o);`);
  const body = `return function encode(w, v) {\n${lines.join('\n')}\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...names, body)(...values) as Encoder;
}

/** Compile a struct (or a whole message body) for one version. */
function compileStructPlan(fields: FieldSpec[], version: number, flexible: boolean): Plan {
  const regular: CompiledField[] = [];
  const tagged = new Map<number, CompiledField>();
  const absent: { name: string; dflt: unknown }[] = [];
  for (const f of fields) {
    const dflt = defaultOf(f, version);
    if (flexible && f.tag !== undefined && inRange(version, parseVersions(f.taggedVersions))) {
      tagged.set(f.tag, { name: f.name, plan: fieldPlan(f, version, true), dflt });
    } else if (inRange(version, parseVersions(f.versions)) && f.taggedVersions === undefined) {
      regular.push({ name: f.name, plan: fieldPlan(f, version, flexible), dflt });
    } else {
      absent.push({ name: f.name, dflt });
    }
  }
  const taggedList = [...tagged.entries()].sort((a, b) => a[0] - b[0]);

  const readTagged = (r: Reader, o: any): void => {
    const count = r.uvarint();
    for (let i = 0; i < count; i++) {
      const tag = r.uvarint();
      const size = r.uvarint();
      const t = tagged.get(tag);
      if (t) {
        const sub = new Reader(r.buf, r.offset, r.offset + size);
        if (size > r.remaining()) throw new ProtocolDecodeError('tagged field exceeds frame');
        o[t.name] = t.plan.decode(sub);
      }
      r.bytesOf(size);
    }
  };
  const decode = compileDecoder(absent, regular, flexible ? taggedList.map(([, t]) => t) : [], flexible ? readTagged : null);

  const encodeTagged = (w: Writer, o: any): void => {
    // Most structs have no tagged fields: no per-struct array for them (a Metadata reply
    // encodes one struct per partition).
    if (taggedList.length === 0) { w.uint8(0); return; }
    const present = taggedList.filter(([, t]) => !isDefault(o[t.name], t.dflt));
    w.uvarint(present.length);
    for (const [tag, t] of present) {
      const sub = new Writer(64);
      t.plan.encode(sub, o[t.name]);
      const bytes = sub.toBuffer();
      w.uvarint(tag);
      w.uvarint(bytes.length);
      w.raw(bytes);
    }
  };
  const encode = compileEncoder(regular, flexible ? encodeTagged : null);
  return { decode, encode };
}

const planCache = new WeakMap<FieldSpec[], Map<number, Plan>>();

/**
 * The compiled plan for a struct or a message body at a version, cached: compiling generates code
 * (new Function), which callers decoding one record at a time (__consumer_offsets, the consumer
 * protocol) must not pay per call.
 */
export function structPlan(fields: FieldSpec[], version: number, flexible: boolean): Plan {
  let byVersion = planCache.get(fields);
  if (!byVersion) {
    byVersion = new Map();
    planCache.set(fields, byVersion);
  }
  const key = flexible ? version + 1000 : version;
  let plan = byVersion.get(key);
  if (!plan) {
    plan = compileStructPlan(fields, version, flexible);
    byVersion.set(key, plan);
  }
  return plan;
}

/** The compiled plan for a message body at a version (cached). */
export const bodyPlan = structPlan;
