// --offsets-decoder: __consumer_offsets keys and values as Kafka 4.4's DumpLogSegments prints
// them: {"type":"<key version>","data":{..}} and {"version":"<v>","data":{..}} (the versions as
// strings), the group metadata's subscription and assignment decoded as consumer protocol JSON.
import { decodeAssignment, decodeSubscription, type TopicPartitions } from '../../protocol/consumer-protocol';

const str = (s: string | null | undefined): string => (s === null || s === undefined ? 'null' : JSON.stringify(s));
const bytes = (b: Buffer | null | undefined): string => (b ? JSON.stringify(b.toString('base64')) : 'null');
const tps = (list: TopicPartitions[]): string => `[${list.map((p) => `{"topic":${str(p.topic)},"partitions":[${p.partitions.join(',')}]}`).join(',')}]`;

function readString(b: Buffer, at: { pos: number }, flexible: boolean): string | null {
  let n: number;
  if (flexible) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const byte = b[at.pos++];
      v |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    n = v - 1;
  } else {
    n = b.readInt16BE(at.pos);
    at.pos += 2;
  }
  if (n < 0) return null;
  const s = b.toString('utf8', at.pos, at.pos + n);
  at.pos += n;
  return s;
}

export function offsetsKeyJson(key: Buffer): string {
  const type = key.readInt16BE(0);
  const at = { pos: 2 };
  if (type === 0 || type === 1) {
    const group = readString(key, at, false);
    const topic = readString(key, at, false);
    return `{"type":"${type}","data":{"group":${str(group)},"topic":${str(topic)},"partition":${key.readInt32BE(at.pos)}}}`;
  }
  if (type === 2) return `{"type":"${type}","data":{"group":${str(readString(key, at, false))}}}`;
  return `{"type":"${type}","data":null}`;
}

function subscriptionJson(b: Buffer): string {
  const s = decodeSubscription(b);
  let out = `{"topics":[${s.topics.map(str).join(',')}],"userData":${bytes(s.userData)}`;
  if (s.version >= 1) out += `,"ownedPartitions":${tps(s.ownedPartitions)}`;
  if (s.version >= 2) out += `,"generationId":${s.generationId}`;
  if (s.version >= 3) out += `,"rackId":${str(s.rackId)}`;
  return `${out}}`;
}

function assignmentJson(b: Buffer): string {
  const a = decodeAssignment(b);
  return `{"assignedPartitions":${tps(a.partitions)},"userData":${bytes(a.userData)}}`;
}

export function offsetsValueJson(key: Buffer, value: Buffer): string {
  const type = key.readInt16BE(0);
  const version = value.readInt16BE(0);
  const flexible = version >= 4;
  const at = { pos: 2 };
  const i32 = () => { const v = value.readInt32BE(at.pos); at.pos += 4; return v; };
  const i64 = () => { const v = value.readBigInt64BE(at.pos); at.pos += 8; return v; };
  const bytesField = () => { const n = i32(); const b = value.subarray(at.pos, at.pos + Math.max(0, n)); at.pos += Math.max(0, n); return b; };
  if (type === 0 || type === 1) {
    let s = `{"offset":${i64()}`;
    if (version >= 3) s += `,"leaderEpoch":${i32()}`;
    s += `,"metadata":${str(readString(value, at, flexible))},"commitTimestamp":${i64()}`;
    if (version === 1) s += `,"expireTimestamp":${i64()}`;
    if (flexible && at.pos < value.length) {
      const tags = value[at.pos++];
      for (let i = 0; i < tags; i++) {
        const tag = value[at.pos++];
        const size = value[at.pos++];
        if (tag === 0 && size === 16) s += `,"topicId":"${value.subarray(at.pos, at.pos + 16).toString('base64url')}"`;
        at.pos += size;
      }
    }
    return `{"version":"${version}","data":${s}}}`;
  }
  if (type === 2) {
    let s = `{"protocolType":${str(readString(value, at, false))},"generation":${i32()},"protocol":${str(readString(value, at, false))},"leader":${str(readString(value, at, false))}`;
    if (version >= 2) s += `,"currentStateTimestamp":${i64()}`;
    const n = i32();
    const members: string[] = [];
    for (let i = 0; i < n; i++) {
      let m = `{"memberId":${str(readString(value, at, false))}`;
      if (version >= 3) m += `,"groupInstanceId":${str(readString(value, at, false))}`;
      m += `,"clientId":${str(readString(value, at, false))},"clientHost":${str(readString(value, at, false))}`;
      if (version >= 1) m += `,"rebalanceTimeout":${i32()}`;
      m += `,"sessionTimeout":${i32()}`;
      m += `,"subscription":${subscriptionJson(bytesField())},"assignment":${assignmentJson(bytesField())}}`;
      members.push(m);
    }
    return `{"version":"${version}","data":${s},"members":[${members.join(',')}]}}`;
  }
  return 'null';
}
