// Java's StickyAssignor ("sticky", eager protocol): the sticky assignment of
// AbstractStickyAssignor as is. With the eager protocol a member owns nothing when it rejoins, so
// what it had travels in its user data: StickyAssignorUserData v1 (previous_assignment as
// [topic, [partition]] plus the generation), v0 (without the generation) still read.
import { javaHashMapOrder } from '../../../util/java-hash';
import { AbstractStickyAssignor, DEFAULT_GENERATION, type MemberData, type Partitions } from './abstract-sticky';
import type { MemberSubscription, TopicPartition } from './types';

/** StickyAssignorUserData v1 bytes for these partitions (topics in Java's HashMap order). */
export function encodeStickyUserData(partitions: readonly TopicPartition[], generation: number): Buffer {
  const byTopic = new Map<string, number[]>();
  for (const tp of partitions) {
    let l = byTopic.get(tp.topic);
    if (!l) byTopic.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  const topics = javaHashMapOrder(byTopic.keys());
  const parts: Buffer[] = [];
  const n = Buffer.alloc(4);
  n.writeInt32BE(topics.length);
  parts.push(n);
  for (const t of topics) {
    const name = Buffer.from(t, 'utf8');
    const head = Buffer.alloc(2);
    head.writeInt16BE(name.length);
    const ps = byTopic.get(t)!;
    const body = Buffer.alloc(4 + 4 * ps.length);
    body.writeInt32BE(ps.length);
    ps.forEach((p, i) => body.writeInt32BE(p, 4 + 4 * i));
    parts.push(head, name, body);
  }
  const g = Buffer.alloc(4);
  g.writeInt32BE(generation);
  parts.push(g);
  return Buffer.concat(parts);
}

/** Read v1, else v0; unreadable data counts as nothing owned in an unknown generation. */
export function decodeStickyUserData(buf: Buffer): { partitions: TopicPartition[]; generation: number | undefined } {
  const read = (withGeneration: boolean) => {
    let at = 0;
    const need = (n: number) => {
      if (at + n > buf.length) throw new RangeError('short');
    };
    need(4);
    const count = buf.readInt32BE(at);
    at += 4;
    if (count < 0) throw new RangeError('negative');
    const partitions: TopicPartition[] = [];
    for (let i = 0; i < count; i++) {
      need(2);
      const len = buf.readInt16BE(at);
      at += 2;
      if (len < 0) throw new RangeError('null topic');
      need(len);
      const topic = buf.toString('utf8', at, at + len);
      at += len;
      need(4);
      const np = buf.readInt32BE(at);
      at += 4;
      if (np < 0) throw new RangeError('negative');
      need(4 * np);
      for (let k = 0; k < np; k++, at += 4) partitions.push({ topic, partition: buf.readInt32BE(at) });
    }
    let generation: number | undefined;
    if (withGeneration) {
      need(4);
      generation = buf.readInt32BE(at);
    }
    return { partitions, generation };
  };
  try {
    return read(true);
  } catch {
    try {
      return read(false);
    } catch {
      return { partitions: [], generation: DEFAULT_GENERATION };
    }
  }
}

export class StickyAssignor extends AbstractStickyAssignor {
  readonly name = 'sticky';
  readonly supportedProtocols = ['eager'] as const;
  private memberAssignment: TopicPartition[] | null = null;
  private generation = DEFAULT_GENERATION;

  subscriptionUserData(): Buffer | null {
    return this.memberAssignment === null ? null : encodeStickyUserData(this.memberAssignment, this.generation);
  }

  onAssignment(generationId: number, assigned: readonly TopicPartition[]): void {
    this.memberAssignment = [...assigned];
    this.generation = generationId;
  }

  protected memberData(s: MemberSubscription, tps: Partitions): MemberData {
    if (s.userData === null || s.userData.length === 0) return { partitions: [], generation: undefined };
    const d = decodeStickyUserData(s.userData);
    return { partitions: d.partitions.map((p) => tps.get(p.topic, p.partition)), generation: d.generation };
  }

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]> {
    return this.stickyAssignment(partitionsPerTopic, members).assignment;
  }
}
