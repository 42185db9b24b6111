// Several in-process engines made one cluster by hand, the way Kafka's ReplicaManager tests do:
// no metadata store, a fake controller that hands every broker the same MetadataChange deltas
// (brokers, partitions with leader, replicas, ISR, epochs) and answers the leaders' AlterPartition
// proposals by applying them as deltas too. Each engine is a real broker on an ephemeral port;
// followers replicate over the wire.
import * as path from 'node:path';
import { startInProcessEngine, ROOT, TestEngine } from './engine';

const { randomUuid } = require(path.join(ROOT, 'dist/protocol/uuid'));

export interface Registration {
  replicas: number[];
  isr: number[];
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
}

export interface Proposal {
  brokerId: number;
  topic: string;
  partition: number;
  newIsr: number[];
  accepted: boolean;
}

export class ReplicaCluster {
  readonly nodes = new Map<number, TestEngine>();
  readonly topics = new Map<string, { id: string; name: string; partitions: Registration[] }>();
  readonly proposals: Proposal[] = [];
  /** Brokers that currently receive deltas (a stopped broker misses them, as a dead one would). */
  private readonly live = new Set<number>();

  constructor(private readonly overrides: Record<string, string>) {}

  async start(ids: number[]): Promise<void> {
    for (const id of ids) await this.startNode(id);
  }

  async startNode(id: number, dir?: string): Promise<TestEngine> {
    const e = await startInProcessEngine({ ...this.overrides, 'node.id': String(id), ...(dir ? { 'log.dirs': dir } : {}) });
    const rm = e.engine.replicaManager;
    e.engine.coordinator.sharded = true; // groups follow __consumer_offsets leadership, as in a cluster
    rm.sender = { send: (brokerId: number, items: any[]) => Promise.resolve(this.alterPartition(brokerId, items)) };
    this.nodes.set(id, e);
    this.live.add(id);
    // Every live broker learns the (new) endpoint; the new one learns everybody and every partition.
    const brokers = [...this.nodes].filter(([nid]) => this.live.has(nid)).map(([nid, n]) => this.brokerChange(nid, n.port));
    this.deliver([...this.live], brokers);
    const all: any[] = [];
    for (const t of this.topics.values()) t.partitions.forEach((reg, p) => all.push(this.partitionChange(t, p, reg)));
    this.deliver([id], all);
    return e;
  }

  async stopNode(id: number): Promise<void> {
    this.live.delete(id);
    await this.nodes.get(id)!.stop();
  }

  engine(id: number): any {
    return this.nodes.get(id)!.engine;
  }

  bootstrap(id: number): string {
    return this.nodes.get(id)!.bootstrap;
  }

  private brokerChange(id: number, port: number): any {
    return {
      kind: 'broker', id,
      after: { id, epoch: 1, incarnationId: `i${id}`, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port }], rack: null, fenced: false, inControlledShutdown: false },
    };
  }

  private partitionChange(t: { id: string; name: string }, partition: number, reg: Registration): any {
    return {
      kind: 'partition', topic: { id: t.id, name: t.name, partitions: [] }, partition,
      after: { ...reg, removingReplicas: [], addingReplicas: [], leaderRecoveryState: 0, elr: [], lastKnownElr: [] },
    };
  }

  /** Apply deltas to some live brokers (the leader first, so followers find it already leading). */
  deliver(ids: number[], changes: any[]): void {
    for (const id of ids) if (this.live.has(id)) this.engine(id).replicaManager.applyDelta(changes);
  }

  private leaderFirst(reg: Registration): number[] {
    return [reg.leader, ...[...this.live].filter((id) => id !== reg.leader)];
  }

  createTopic(name: string, regs: Omit<Registration, 'partitionEpoch' | 'leaderEpoch'>[], only?: number[]): string {
    const t = { id: randomUuid(), name, partitions: regs.map((r) => ({ ...r, leaderEpoch: 0, partitionEpoch: 0 })) };
    this.topics.set(name, t);
    t.partitions.forEach((reg, p) => this.deliver(only ?? this.leaderFirst(reg), [this.partitionChange(t, p, reg)]));
    return t.id;
  }

  /** A leader change (an election): new leader epoch, to every live broker (or `only`). */
  elect(name: string, partition: number, leader: number, isr: number[], only?: number[]): void {
    const t = this.topics.get(name)!;
    const cur = t.partitions[partition];
    const next = { ...cur, leader, isr, leaderEpoch: cur.leaderEpoch + 1, partitionEpoch: cur.partitionEpoch + 1 };
    t.partitions[partition] = next;
    this.deliver(only ?? this.leaderFirst(next), [this.partitionChange(t, partition, next)]);
  }

  /** The topic goes (RemoveTopic): every live broker drops its replicas and local data. */
  deleteTopic(name: string): void {
    const t = this.topics.get(name)!;
    this.topics.delete(name);
    this.deliver([...this.live], [{ kind: 'topic-deleted', topic: { id: t.id, name: t.name, partitions: [] } }]);
  }

  registration(name: string, partition = 0): Registration {
    return this.topics.get(name)!.partitions[partition];
  }

  /** The controller's side of AlterPartition: epochs must match; the change goes to every broker. */
  private alterPartition(brokerId: number, items: any[]): any[] {
    return items.map((it) => {
      const t = this.topics.get(it.topicName)!;
      const cur = t.partitions[it.partition];
      const ok = cur.leader === brokerId && cur.leaderEpoch === it.leaderEpoch && cur.partitionEpoch === it.partitionEpoch;
      this.proposals.push({ brokerId, topic: it.topicName, partition: it.partition, newIsr: it.newIsr, accepted: ok });
      if (!ok) return { topicId: it.topicId, partition: it.partition, errorCode: 74 /* FENCED_LEADER_EPOCH */ };
      const next = { ...cur, isr: it.newIsr, partitionEpoch: cur.partitionEpoch + 1 };
      t.partitions[it.partition] = next;
      // The metadata delta reaches the brokers after the answer (as the log would).
      setImmediate(() => this.deliver([...this.live], [this.partitionChange(t, it.partition, next)]));
      return { topicId: it.topicId, partition: it.partition, errorCode: 0, registration: { ...next, removingReplicas: [], addingReplicas: [], leaderRecoveryState: 0, elr: [], lastKnownElr: [] } };
    });
  }

  /** The partition object on a broker. */
  partition(id: number, name: string, index = 0): any {
    return this.engine(id).replicaManager.getPartition(name, index);
  }

  /** Every stored batch of a replica, as bytes, in offset order. */
  batches(id: number, name: string, index = 0): Buffer[] {
    const log = this.partition(id, name, index).log;
    return log.read(log.logStartOffset, 1 << 30, Number.MAX_SAFE_INTEGER).batches;
  }

  async stop(): Promise<void> {
    for (const id of [...this.live]) await this.stopNode(id);
  }
}
