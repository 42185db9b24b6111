// The controller's side of the operator calls (ElectLeaders, AlterPartitionReassignments,
// ListPartitionReassignments) on a metadata image, with Kafka's error codes and texts.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/engine';

const { MetadataImage } = require(path.join(ROOT, 'dist/engine/metadata/image'));
const { ReplicationControl } = require(path.join(ROOT, 'dist/engine/controller/replication-control'));

function imageWith(brokers: { id: number; fenced?: boolean }[], partitions: { replicas: number[]; isr?: number[]; leader?: number }[]) {
  const image = new MetadataImage();
  let offset = 0;
  const entries = [
    ...brokers.map((b) => ({ type: 'RegisterBroker', brokerId: b.id, incarnationId: `i${b.id}`, brokerEpoch: 10 + b.id, endpoints: [], rack: null, fenced: b.fenced ?? false })),
    { type: 'Topic', name: 't', topicId: 'T' },
    ...partitions.map((p, i) => ({
      type: 'Partition', topicId: 'T', partitionId: i, replicas: p.replicas, isr: p.isr ?? p.replicas, removingReplicas: [], addingReplicas: [],
      leader: p.leader ?? p.replicas[0], leaderEpoch: 0, partitionEpoch: 0, leaderRecoveryState: 0, eligibleLeaderReplicas: [], lastKnownElr: [],
    })),
  ].map((record) => ({ offset: ++offset, record }));
  image.apply(entries);
  return { image, apply: (records: any[]) => image.apply(records.map((record) => ({ offset: ++offset, record }))) };
}

const policy = { minIsr: () => 1, uncleanElection: () => false, elrEnabled: true };
const codeOf = (f: () => unknown) => { try { f(); return undefined; } catch (e: any) { return [e.code, e.message]; } };

describe('elections', () => {
  it('preferred: the first replica leads again when in the ISR; not needed / not available otherwise; all partitions list only the elected', () => {
    const { image, apply } = imageWith([{ id: 1 }, { id: 2 }, { id: 3 }], [
      { replicas: [1, 2, 3], leader: 2 }, { replicas: [2, 3, 1] }, { replicas: [3, 1, 2], isr: [1, 2], leader: 1 },
    ]);
    const rc = new ReplicationControl(image, policy);
    const one = rc.electLeaders('preferred', [{ topic: 't', partitions: [0, 1, 2, 7] }, { topic: 'nope', partitions: [0] }]);
    expect(one.results.map((r: any) => [r.partition, r.errorCode, r.errorMessage])).toEqual([
      [0, 0, null], [1, 84, null], [2, 80, null], [7, 3, 'No such partition as t-7'], [0, 3, 'No such topic as nope'],
    ]);
    apply(one.records);
    expect(image.topicsByName.get('t').partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 1 });
    const all = rc.electLeaders('preferred', null);
    expect(all.results.map((r: any) => [r.partition, r.errorCode])).toEqual([[2, 80]]);
  });

  it('unclean: only a leaderless partition with a live replica outside the ISR', () => {
    const { image, apply } = imageWith([{ id: 1 }, { id: 2, fenced: true }, { id: 3, fenced: true }], [
      { replicas: [2, 1], isr: [2], leader: -1 }, { replicas: [2, 3], isr: [2], leader: -1 }, { replicas: [1, 2] },
    ]);
    const rc = new ReplicationControl(image, policy);
    const r = rc.electLeaders('unclean', [{ topic: 't', partitions: [0, 1, 2] }]);
    expect(r.results.map((x: any) => [x.partition, x.errorCode])).toEqual([[0, 0], [1, 83], [2, 84]]);
    apply(r.records);
    expect(image.topicsByName.get('t').partitions[0]).toMatchObject({ leader: 1, isr: [1], leaderRecoveryState: 1 });
  });
});

describe('reassignments', () => {
  it('checks targets in broker id order with Kafka\'s texts', () => {
    const { image } = imageWith([{ id: 1 }, { id: 2 }, { id: 3 }], [{ replicas: [1, 2] }]);
    const rc = new ReplicationControl(image, policy);
    expect(codeOf(() => rc.alterReassignment('x', 0, [1]))).toEqual([3, 'Unable to find a topic named x.']);
    expect(codeOf(() => rc.alterReassignment('t', 4, [1]))).toEqual([3, 'Unable to find partition t:4.']);
    expect(codeOf(() => rc.alterReassignment('t', 0, []))).toEqual([39, 'The manual partition assignment includes an empty replica list.']);
    expect(codeOf(() => rc.alterReassignment('t', 0, [9, 2, 2]))).toEqual([39, 'The manual partition assignment includes the broker 2 more than once.']);
    expect(codeOf(() => rc.alterReassignment('t', 0, [9, 1, 5]))).toEqual([39, 'The manual partition assignment includes broker 5, but no such broker is registered.']);
    expect(codeOf(() => rc.alterReassignment('t', 0, null))).toEqual([85, 'No partition reassignment is in progress.']);
  });

  it('in progress it is listed; cancelled, the original replicas and ISR come back', () => {
    const { image, apply } = imageWith([{ id: 1 }, { id: 2 }, { id: 3 }], [{ replicas: [1, 2] }, { replicas: [2, 3] }]);
    const rc = new ReplicationControl(image, policy);
    apply([rc.alterReassignment('t', 0, [1, 3])]);
    expect(rc.listReassignments(null)).toEqual([{ name: 't', partitions: [{ partitionIndex: 0, replicas: [1, 3, 2], addingReplicas: [3], removingReplicas: [2] }] }]);
    expect(rc.listReassignments([{ name: 't', partitionIndexes: [1] }])).toEqual([]);
    apply([rc.alterReassignment('t', 0, null)]);
    expect(image.topicsByName.get('t').partitions[0]).toMatchObject({ replicas: [1, 2], isr: [1, 2], addingReplicas: [], removingReplicas: [], leader: 1 });
    expect(rc.listReassignments(null)).toEqual([]);
  });
});
