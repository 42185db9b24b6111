// The formatters that read __consumer_offsets (Kafka 4.x's tools/consumer OffsetsMessageFormatter
// and GroupMetadataMessageFormatter): each record whose key is of the formatter's kind is printed
// as one JSON object, {"key":{"type":<key version>,"data":{...}},"value":{"version":<v>,"data":{...}}}
// ("value":null for a tombstone), the data fields named and ordered as in Kafka's message
// definitions for that version. Kafka writes no separator between records (the objects follow one
// another on one line); so do we. Records of other kinds, and records without a key, print nothing.
//
// Layouts read (int16 version first, then the struct):
//   OffsetCommitKey v0-1: group, topic (string), partition (int32)
//   OffsetCommitValue v0: offset, metadata, commitTimestamp; v1: + expireTimestamp; v2 as v0;
//     v3: offset, leaderEpoch, metadata, commitTimestamp; v4 (flexible): as v3, compact string,
//     then tagged fields (tag 0: topicId)
//   GroupMetadataKey v2: group
//   GroupMetadataValue v0-3: protocolType, generation, protocol?, leader?, currentStateTimestamp
//     (v2+), members [memberId, groupInstanceId? (v3+), clientId, clientHost, rebalanceTimeout
//     (v1+), sessionTimeout, subscription, assignment (bytes, printed as base64)]
import type { RecordCursor } from '../../client/consumer/records';
import type { Output } from './output';
import type { RecordFormatter } from './formatters';

class Reader {
  pos = 0;
  constructor(private readonly b: Buffer, private readonly flexible = false) {}
  int16(): number { const v = this.b.readInt16BE(this.pos); this.pos += 2; return v; }
  int32(): number { const v = this.b.readInt32BE(this.pos); this.pos += 4; return v; }
  int64(): bigint { const v = this.b.readBigInt64BE(this.pos); this.pos += 8; return v; }
  uvarint(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const byte = this.b[this.pos++];
      v |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return v >>> 0;
      shift += 7;
    }
  }
  private length(): number { return this.flexible ? this.uvarint() - 1 : this.int16(); }
  string(): string | null {
    const n = this.length();
    if (n < 0) return null;
    const s = this.b.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  bytes(): Buffer {
    const n = this.flexible ? this.uvarint() - 1 : this.int32();
    const out = this.b.subarray(this.pos, this.pos + Math.max(0, n));
    this.pos += Math.max(0, n);
    return out;
  }
  array<T>(item: () => T): T[] {
    const n = this.flexible ? this.uvarint() - 1 : this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
  /** Tagged fields: tag -> raw bytes. */
  tags(): Map<number, Buffer> {
    const out = new Map<number, Buffer>();
    if (!this.flexible || this.pos >= this.b.length) return out;
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = this.uvarint();
      const size = this.uvarint();
      out.set(tag, this.b.subarray(this.pos, this.pos + size));
      this.pos += size;
    }
    return out;
  }
}

const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

function offsetCommitKey(r: Reader): string {
  return `{"group":${str(r.string())},"topic":${str(r.string())},"partition":${r.int32()}}`;
}

function offsetCommitValue(b: Buffer): string {
  const version = b.readInt16BE(0);
  const r = new Reader(b, version >= 4);
  r.pos = 2;
  let s = `{"offset":${r.int64()}`;
  if (version >= 3) s += `,"leaderEpoch":${r.int32()}`;
  s += `,"metadata":${str(r.string())},"commitTimestamp":${r.int64()}`;
  if (version === 1) s += `,"expireTimestamp":${r.int64()}`;
  const topicId = r.tags().get(0);
  if (topicId && topicId.length === 16 && topicId.some((x) => x !== 0)) s += `,"topicId":"${topicId.toString('base64url')}"`;
  return `{"version":${version},"data":${s}}}`;
}

function groupMetadataValue(b: Buffer): string {
  const version = b.readInt16BE(0);
  const r = new Reader(b, version >= 4);
  r.pos = 2;
  let s = `{"protocolType":${str(r.string())},"generation":${r.int32()},"protocol":${str(r.string())},"leader":${str(r.string())}`;
  if (version >= 2) s += `,"currentStateTimestamp":${r.int64()}`;
  const members = r.array(() => {
    let m = `{"memberId":${str(r.string())}`;
    if (version >= 3) m += `,"groupInstanceId":${str(r.string())}`;
    m += `,"clientId":${str(r.string())},"clientHost":${str(r.string())}`;
    if (version >= 1) m += `,"rebalanceTimeout":${r.int32()}`;
    m += `,"sessionTimeout":${r.int32()},"subscription":"${r.bytes().toString('base64')}","assignment":"${r.bytes().toString('base64')}"}`;
    r.tags();
    return m;
  });
  return `{"version":${version},"data":${s},"members":[${members.join(',')}]}}`;
}

type Kind = 'offsets' | 'group-metadata';

export class CoordinatorRecordFormatter implements RecordFormatter {
  constructor(private readonly kind: Kind) {}

  write(c: RecordCursor, out: Output): void {
    if (c.keyLen < 2) return;
    const key = c.buf.subarray(c.keyStart, c.keyStart + c.keyLen);
    const type = key.readInt16BE(0);
    const r = new Reader(key);
    r.pos = 2;
    let keyData: string;
    if (this.kind === 'offsets' && (type === 0 || type === 1)) keyData = offsetCommitKey(r);
    else if (this.kind === 'group-metadata' && type === 2) keyData = `{"group":${str(r.string())}}`;
    else return;
    const value = c.valueLen < 0 ? null : c.buf.subarray(c.valueStart, c.valueStart + c.valueLen);
    const valueJson = value === null ? 'null' : this.kind === 'offsets' ? offsetCommitValue(value) : groupMetadataValue(value);
    out.utf8(`{"key":{"type":${type},"data":${keyData}},"value":${valueJson}}`);
  }
}

/** The formatter class names this reads, current and 2.x (which Kafka 4.4 no longer has). */
export const COORDINATOR_FORMATTERS: Record<string, Kind> = {
  'org.apache.kafka.tools.consumer.OffsetsMessageFormatter': 'offsets',
  'kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter': 'offsets',
  'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter': 'group-metadata',
  'kafka.coordinator.group.GroupMetadataManager$GroupMetadataMessageFormatter': 'group-metadata',
};
