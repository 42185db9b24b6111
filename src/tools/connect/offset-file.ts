// Source offsets in `offset.storage.file.filename`, in the file format Connect's
// FileOffsetBackingStore uses: a Java-serialized java.util.HashMap<byte[], byte[]> whose keys are
// the JSON `["<connector>",{<source partition>}]` and values the JSON offset (`{"position":8}`).
// Writing the same bytes lets a learner switch between Kafka's Connect and ours on one offsets file.
//
// Java serialization, as far as this map needs it (java.io.ObjectOutputStream's stream protocol):
//   AC ED 00 05                              magic, version
//   73 72 <utf "java.util.HashMap"> <serialVersionUID> 03 00 02
//     46 <utf "loadFactor"> 49 <utf "threshold"> 78 70      class descriptor, fields, no superclass
//   <float loadFactor> <int threshold>                        default fields
//   77 08 <int capacity> <int size>                           HashMap.writeObject's block data
//   per entry: key, value; each 70 (null) or 75 <class desc of [B, or 71 <handle>> <int length> bytes
//   78                                                        end of block data
import * as fs from 'node:fs';

const MAGIC = 0xaced;
const VERSION = 5;
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_ARRAY = 0x75;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const BASE_HANDLE = 0x7e0000;
const HASHMAP_UID = Buffer.from('0507dac1c31660d1', 'hex');
const BYTE_ARRAY_UID = Buffer.from('acf317f8060854e0', 'hex');

/** Offsets by key, both as the JSON text Connect stores (null value: a removed offset). */
export type OffsetEntries = Map<string, string | null>;

function utf(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
}

function int(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

/** The bytes ObjectOutputStream writes for a new HashMap holding `entries` (default capacity / load factor). */
export function encodeOffsets(entries: OffsetEntries): Buffer {
  const size = entries.size;
  // A HashMap filled by put(): table of 16 doubled while size exceeds 3/4 of it; threshold 0 while unused.
  let capacity = 16;
  while (size > capacity * 0.75) capacity *= 2;
  const threshold = size === 0 ? 0 : capacity * 0.75;
  const parts: Buffer[] = [
    Buffer.from([0xac, 0xed, 0x00, 0x05, TC_OBJECT, TC_CLASSDESC]), utf('java.util.HashMap'), HASHMAP_UID, Buffer.from([0x03, 0x00, 0x02]),
    Buffer.from([0x46]), utf('loadFactor'), Buffer.from([0x49]), utf('threshold'), Buffer.from([TC_ENDBLOCKDATA, TC_NULL]),
    Buffer.from('3f400000', 'hex'), int(threshold), Buffer.from([TC_BLOCKDATA, 8]), int(capacity), int(size),
  ];
  let arrayClassWritten = false;
  const bytes = (text: string | null) => {
    if (text === null) {
      parts.push(Buffer.from([TC_NULL]));
      return;
    }
    if (arrayClassWritten) {
      parts.push(Buffer.from([TC_ARRAY, TC_REFERENCE]), int(BASE_HANDLE + 2));
    } else {
      parts.push(Buffer.from([TC_ARRAY, TC_CLASSDESC]), utf('[B'), BYTE_ARRAY_UID, Buffer.from([0x02, 0x00, 0x00, TC_ENDBLOCKDATA, TC_NULL]));
      arrayClassWritten = true;
    }
    const b = Buffer.from(text, 'utf8');
    parts.push(int(b.length), b);
  };
  for (const [k, v] of entries) {
    bytes(k);
    bytes(v);
  }
  parts.push(Buffer.from([TC_ENDBLOCKDATA]));
  return Buffer.concat(parts);
}

export class OffsetFileError extends Error {}

/** The entries of a file written by encodeOffsets or by Kafka's FileOffsetBackingStore. */
export function decodeOffsets(data: Buffer): OffsetEntries {
  let at = 0;
  const fail = (what: string): never => {
    throw new OffsetFileError(`not a Connect offsets file (${what} at byte ${at})`);
  };
  const u8 = () => (at < data.length ? data[at++] : fail('truncated'));
  const i32 = () => {
    if (at + 4 > data.length) fail('truncated');
    const v = data.readInt32BE(at);
    at += 4;
    return v;
  };
  const str = () => {
    if (at + 2 > data.length) fail('truncated');
    const n = data.readUInt16BE(at);
    at += 2;
    const s = data.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  if (data.length < 4 || data.readUInt16BE(0) !== MAGIC || data.readUInt16BE(2) !== VERSION) fail('bad magic');
  at = 4;
  if (u8() !== TC_OBJECT || u8() !== TC_CLASSDESC || str() !== 'java.util.HashMap') fail('no HashMap');
  at += 8 + 1; // serialVersionUID, flags
  const fields = data.readUInt16BE(at);
  at += 2;
  for (let i = 0; i < fields; i++) {
    u8();
    str();
  }
  if (u8() !== TC_ENDBLOCKDATA || u8() !== TC_NULL) fail('unexpected class annotation');
  at += 8; // loadFactor, threshold
  if (u8() !== TC_BLOCKDATA || u8() !== 8) fail('no HashMap block data');
  i32(); // capacity
  const size = i32();
  const array = (): string | null => {
    const tag = u8();
    if (tag === TC_NULL) return null;
    if (tag !== TC_ARRAY) fail('not a byte array');
    const desc = u8();
    if (desc === TC_CLASSDESC) {
      if (str() !== '[B') fail('not a byte array');
      at += 8 + 1;
      const fieldCount = data.readUInt16BE(at); // byte[] has none
      at += 2;
      if (fieldCount !== 0 || u8() !== TC_ENDBLOCKDATA || u8() !== TC_NULL) fail('unexpected array class');
    } else if (desc === TC_REFERENCE) {
      i32();
    } else {
      fail('unexpected array class');
    }
    const len = i32();
    if (len < 0 || at + len > data.length) fail('truncated');
    const s = data.toString('utf8', at, at + len);
    at += len;
    return s;
  };
  const out: OffsetEntries = new Map();
  for (let i = 0; i < size; i++) {
    const k = array();
    const v = array();
    if (k !== null) out.set(k, v);
  }
  return out;
}

/** The stored offsets; an empty map when the file does not exist yet. */
export function readOffsetFile(file: string): OffsetEntries {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  return decodeOffsets(data);
}

/** Replace the file's content at once (a crash leaves the old or the new offsets, never half). */
export function writeOffsetFile(file: string, entries: OffsetEntries): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, encodeOffsets(entries));
  fs.renameSync(tmp, file);
}
