// The cluster's metadata in miniature: the shared store (log, controller lease, broker
// sessions), the image replayed from it, and the controller's decisions (placement, elections,
// ISR changes) as Kafka's controller makes them.
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/engine';

const { MetadataStore, NotControllerError } = require(path.join(ROOT, 'dist/engine/metadata/store'));
const { MetadataImage } = require(path.join(ROOT, 'dist/engine/metadata/image'));
const { placeReplicas } = require(path.join(ROOT, 'dist/engine/controller/placement'));
const { ReplicationControl } = require(path.join(ROOT, 'dist/engine/controller/replication-control'));

const seq = (values: number[]) => { let i = 0; return (bound: number) => values[i++ % values.length] % bound; };

describe('placement (striped, as Kafka places replicas)', () => {
  const three = [1, 2, 3].map((id) => ({ id, rack: null, fenced: false }));

  it('stripes partitions across brokers from a random start, leaders spread', () => {
    // start offset 2 (broker 3): 3,1,2 / 1,2,3 / 2,3,1, as the reference cluster printed
    expect(placeReplicas(three, 3, 3, seq([2, 0]))).toEqual([[3, 1, 2], [1, 2, 3], [2, 3, 1]]);
    expect(placeReplicas([{ id: 1, rack: null, fenced: false }], 4, 1)).toEqual([[1], [1], [1], [1]]);
  });

  it('never puts a leader on a fenced broker, and says why a replication factor cannot be met', () => {
    const withFenced = [{ id: 1, rack: null, fenced: true }, { id: 2, rack: null, fenced: false }];
    for (const replicas of placeReplicas(withFenced, 5, 2)) expect(replicas[0]).toBe(2);
    expect(() => placeReplicas(three, 1, 4)).toThrow('The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.');
    expect(() => placeReplicas([{ id: 1, rack: null, fenced: true }], 1, 1)).toThrow('All brokers are currently fenced.');
  });

  it('spreads replicas over racks first', () => {
    const racks = [{ id: 1, rack: 'a', fenced: false }, { id: 2, rack: 'a', fenced: false }, { id: 3, rack: 'b', fenced: false }, { id: 4, rack: 'b', fenced: false }];
    for (const replicas of placeReplicas(racks, 8, 2)) {
      expect(new Set(replicas.map((r: number) => (r <= 2 ? 'a' : 'b'))).size).toBe(2);
    }
  });
});

function imageWith(brokers: number[], partitions: { replicas: number[]; isr?: number[]; leader?: number }[]) {
  const image = new MetadataImage();
  let offset = 0;
  const entries = [
    ...brokers.map((id) => ({ type: 'RegisterBroker', brokerId: id, incarnationId: `i${id}`, brokerEpoch: 10 + id, endpoints: [], rack: null, fenced: false })),
    { type: 'Topic', name: 't', topicId: 'T' },
    ...partitions.map((p, i) => ({
      type: 'Partition', topicId: 'T', partitionId: i, replicas: p.replicas, isr: p.isr ?? p.replicas, removingReplicas: [], addingReplicas: [],
      leader: p.leader ?? p.replicas[0], leaderEpoch: 0, partitionEpoch: 0, leaderRecoveryState: 0, eligibleLeaderReplicas: [], lastKnownElr: [],
    })),
  ].map((record) => ({ offset: ++offset, record }));
  image.apply(entries);
  return { image, apply: (records: any[]) => image.apply(records.map((record) => ({ offset: ++offset, record }))) };
}

const policy = (minIsr = 1, unclean = false, elrEnabled = true) => ({ minIsr: () => minIsr, uncleanElection: () => unclean, elrEnabled });

describe('elections and ISR changes (as Kafka\'s controller decides them)', () => {
  it('a fenced leader is replaced by the next in-sync replica in preferred order, with a new leader epoch', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [2, 3, 1] }, { replicas: [3, 1, 2] }]);
    const rc = new ReplicationControl(image, policy());
    apply(rc.brokerFenced(2));
    const [p0, p1] = image.topicsById.get('T').partitions;
    expect(p0).toMatchObject({ leader: 3, isr: [3, 1], leaderEpoch: 1, partitionEpoch: 1 });
    expect(p1).toMatchObject({ leader: 3, isr: [3, 1], leaderEpoch: 0, partitionEpoch: 1 });
    expect(image.brokers.get(2).fenced).toBe(true);
    expect(image.liveBrokerIds()).toEqual([1, 3]);
  });

  it('with min.insync.replicas=2, replicas that leave a too-small ISR stay eligible leaders (ELR), and no replica leads when none is left', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [1, 2, 3] }]);
    const rc = new ReplicationControl(image, policy(2));
    apply(rc.brokerFenced(1));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 2, isr: [2, 3], elr: [] });
    apply(rc.brokerFenced(2));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 3, isr: [3], elr: [2] });
    apply(rc.brokerFenced(3));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: -1, isr: [], elr: [2, 3] });
    // broker 3 comes back: it was an eligible leader, so it leads cleanly
    apply(rc.brokerUnfenced(3, 13));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 3, isr: [3], elr: [2] });
  });

  it('a partition whose only replica dies keeps it as ELR and as last known leader, and elects it again after its unclean restart (Kafka 4.4)', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [3] }, { replicas: [1, 3] }]);
    const rc = new ReplicationControl(image, policy(1));
    apply(rc.brokerFenced(3));
    const [lonely, pair] = image.topicsById.get('T').partitions;
    expect(lonely).toMatchObject({ leader: -1, isr: [], elr: [3], lastKnownElr: [3] });
    expect(pair).toMatchObject({ leader: 1, isr: [1], elr: [], lastKnownElr: [] });
    // Back from a kill -9: out of the ELR, but the last known leader leads again (recovering).
    apply(rc.brokerUncleanShutdown(3));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 3, isr: [3], elr: [], lastKnownElr: [], leaderRecoveryState: 1 });
  });

  it('without ELR the last in-sync replica stays in the ISR while no replica leads; unclean election takes any live replica', () => {
    const { image, apply } = imageWith([1, 2], [{ replicas: [1, 2], isr: [1] }]);
    const rc = new ReplicationControl(image, policy(1, false, false));
    apply(rc.brokerFenced(1));
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: -1, isr: [1] });
    const unclean = new ReplicationControl(image, policy(1, true, false));
    const r = unclean.electLeaders('unclean', [{ topic: 't', partitions: [0] }]);
    expect(r.results).toEqual([{ topic: 't', partition: 0, errorCode: 0, errorMessage: null }]);
    apply(r.records);
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 2, isr: [2], leaderRecoveryState: 1 });
  });

  it('preferred election moves leadership back to the first replica once it is in sync', () => {
    const { image, apply } = imageWith([1, 2], [{ replicas: [1, 2], isr: [2, 1], leader: 2 }]);
    const rc = new ReplicationControl(image, policy());
    const r = rc.electLeaders('preferred', [{ topic: 't', partitions: [0] }]);
    apply(r.records);
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 1 });
    expect(rc.electLeaders('preferred', [{ topic: 't', partitions: [0] }]).results[0].errorCode).toBe(84); // ELECTION_NOT_NEEDED
  });

  it('AlterPartition: the leader shrinks and expands the ISR; a stale leader epoch is fenced', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [1, 2, 3] }]);
    const rc = new ReplicationControl(image, policy());
    let r = rc.alterPartition(1, [{ topicId: 'T', partition: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1, 2], leaderRecoveryState: 0 }]);
    expect(r.results[0]).toMatchObject({ errorCode: 0, registration: { isr: [1, 2], partitionEpoch: 1, leaderEpoch: 0 } });
    apply(r.records);
    r = rc.alterPartition(1, [{ topicId: 'T', partition: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1, 2, 3], leaderRecoveryState: 0 }]);
    expect(r.results[0].errorCode).toBe(95); // INVALID_UPDATE_VERSION: an old partition epoch
    r = rc.alterPartition(2, [{ topicId: 'T', partition: 0, leaderEpoch: 0, partitionEpoch: 1, newIsr: [1, 2, 3], leaderRecoveryState: 0 }]);
    expect(r.results[0].errorCode).toBe(42); // INVALID_REQUEST: not the leader
    apply(rc.brokerFenced(3));
    r = rc.alterPartition(1, [{ topicId: 'T', partition: 0, leaderEpoch: 0, partitionEpoch: 1, newIsr: [1, 2, 3], leaderRecoveryState: 0 }]);
    expect(r.results[0].errorCode).toBe(107); // INELIGIBLE_REPLICA: 3 is fenced
  });

  it('a reassignment adds the new replicas first and drops the old ones once the new are in sync', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [1, 2] }]);
    const rc = new ReplicationControl(image, policy());
    apply([rc.alterReassignment('t', 0, [3, 2])]);
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ replicas: [3, 2, 1], addingReplicas: [3], removingReplicas: [1], leader: 1 });
    const r = rc.alterPartition(1, [{ topicId: 'T', partition: 0, leaderEpoch: 0, partitionEpoch: 1, newIsr: [1, 2, 3], leaderRecoveryState: 0 }]);
    expect(r.results[0].errorCode).toBe(108); // NEW_LEADER_ELECTED: completing it moved the leader off 1
    apply(r.records);
    expect(image.topicsById.get('T').partitions[0]).toMatchObject({ replicas: [3, 2], addingReplicas: [], removingReplicas: [], isr: [2, 3], leader: 3 });
  });
});

describe('the metadata store', () => {
  it('appends only for the lease holder at its epoch; a new holder fences the old one', () => {
    const dir = tempDir();
    const a = new MetadataStore(path.join(dir, 'm.db'));
    const b = new MetadataStore(path.join(dir, 'm.db'));
    const lease1 = a.acquireLease(1, process.pid, 60000);
    expect(lease1).toMatchObject({ nodeId: 1, epoch: 1 });
    expect(b.acquireLease(2, process.pid + 1, 60000)).toBeUndefined(); // held and alive
    const appended = a.append({ nodeId: 1, epoch: 1 }, (first: number) => [{ type: 'ClusterId', clusterId: `c${first}` }]);
    expect(appended).toEqual([{ offset: 1, record: { type: 'ClusterId', clusterId: 'c1' } }]);
    // the lease runs out: node 2 takes over with epoch 2, node 1's writes are refused
    expect(b.acquireLease(2, process.pid, 60000, Date.now() + 120000)).toMatchObject({ nodeId: 2, epoch: 2 });
    expect(() => a.append({ nodeId: 1, epoch: 1 }, () => [{ type: 'ClusterId', clusterId: 'x' }])).toThrow(NotControllerError);
    expect(b.readAfter(0).map((e: any) => e.offset)).toEqual([1]);
    a.close();
    b.close();
  });

  it('a lease whose holder process is gone is taken at once', () => {
    const dir = tempDir();
    const s = new MetadataStore(path.join(dir, 'm.db'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(s.acquireLease(1, Number(dead.stdout), 60000)).toMatchObject({ epoch: 1 });
    expect(s.acquireLease(2, process.pid, 60000)).toMatchObject({ nodeId: 2, epoch: 2 });
    s.heartbeat({ nodeId: 2, incarnationId: 'x', pid: process.pid, host: 'localhost', port: 1, rack: null, logDir: dir, startedMs: 1, heartbeatMs: 2, wantShutdown: false, metadataOffset: 0 });
    expect(s.sessions()).toEqual([{ nodeId: 2, incarnationId: 'x', pid: process.pid, host: 'localhost', port: 1, rack: null, logDir: dir, startedMs: 1, heartbeatMs: 2, wantShutdown: false, metadataOffset: 0 }]);
    s.endSession(2, 'x');
    expect(s.sessions()).toEqual([]);
    s.close();
  });
});

describe('the controller: registration, fencing, failover', () => {
  const { Controller } = require(path.join(ROOT, 'dist/engine/controller/controller'));
  const { MetadataLoader } = require(path.join(ROOT, 'dist/engine/metadata/loader'));
  const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const logs: string[] = [];
  const opts = (nodeId: number) => ({ nodeId, sessionTimeoutMs: 9000, leaseMs: 10000, policy: policy(), log: (_l: string, m: string) => logs.push(m) });
  const session = (nodeId: number, over: Record<string, unknown> = {}) => ({
    nodeId, incarnationId: `inc-${nodeId}`, pid: process.pid, host: 'localhost', port: 9090 + nodeId, rack: null, logDir: '/x',
    startedMs: Date.now(), heartbeatMs: Date.now(), wantShutdown: false, metadataOffset: 0, ...over,
  });

  it('registers brokers fenced, unfences them once caught up, fences a dead one and moves its leaderships; a new controller fences the old', () => {
    const file = path.join(tempDir(), 'm.db');
    const store = new MetadataStore(file);
    const loader = new MetadataLoader(store);
    const c1 = new Controller(store, loader, opts(1));
    for (const id of [1, 2, 3]) store.heartbeat(session(id));
    c1.tick();
    expect(c1.isActive()).toBe(true);
    expect([...loader.image.brokers.values()].map((b: any) => [b.id, b.fenced])).toEqual([[1, true], [2, true], [3, true]]);
    const caughtUp = store.endOffset();
    for (const id of [1, 2, 3]) store.heartbeat(session(id, { metadataOffset: caughtUp }));
    c1.tick();
    expect(loader.image.liveBrokerIds()).toEqual([1, 2, 3]);

    c1.write(() => ({ records: c1.replication.createTopicRecords('orders', 'T1', [[2, 3, 1], [3, 1, 2]], new Map()), result: undefined }));
    expect(loader.image.topicsByName.get('orders').partitions.map((p: any) => p.leader)).toEqual([2, 3]);

    store.heartbeat(session(2, { pid: deadPid, metadataOffset: caughtUp }));
    c1.tick();
    expect(loader.image.brokers.get(2).fenced).toBe(true);
    expect(loader.image.topicsByName.get('orders').partitions.map((p: any) => [p.leader, p.isr])).toEqual([[3, [3, 1]], [3, [3, 1]]]);

    // broker 2 restarts: a new incarnation registers fenced with a new epoch, then is unfenced
    store.heartbeat(session(2, { incarnationId: 'inc-2b', metadataOffset: store.endOffset() }));
    c1.tick();
    const reg2 = loader.image.brokers.get(2);
    expect(reg2).toMatchObject({ incarnationId: 'inc-2b', fenced: true });
    store.heartbeat(session(2, { incarnationId: 'inc-2b', metadataOffset: store.endOffset() }));
    c1.tick();
    expect(loader.image.brokers.get(2).fenced).toBe(false);

    // another broker's controller cannot take a live lease; once node 1 resigns it can, and node 1 is fenced off
    const c2 = new Controller(store, new MetadataLoader(store), opts(2));
    c2.tick();
    expect(c2.isActive()).toBe(false);
    c1.resign();
    c2.tick();
    expect(c2.isActive()).toBe(true);
    expect(c2.epoch()).toBe(2);
    expect(() => c1.write(() => ({ records: [{ type: 'ClusterId', clusterId: 'x' }], result: 1 }))).toThrow('This is not the correct controller for this cluster.');
    const pid = c2.allocateProducerIds(3, 7);
    expect(pid).toEqual({ first: 0, count: 1000 });
    expect(c2.allocateProducerIds(3, 7)).toEqual({ first: 1000, count: 1000 });
    store.close();
  });

  it('a broker that asks to shut down hands its leaderships over first', () => {
    const store = new MetadataStore(path.join(tempDir(), 'm.db'));
    const loader = new MetadataLoader(store);
    const c = new Controller(store, loader, opts(1));
    for (const id of [1, 2]) store.heartbeat(session(id));
    c.tick();
    for (const id of [1, 2]) store.heartbeat(session(id, { metadataOffset: store.endOffset() }));
    c.tick();
    c.write(() => ({ records: c.replication.createTopicRecords('t', 'T', [[2, 1]], new Map()), result: undefined }));
    expect(c.leadsOrFollows(2)).toBe(true);
    store.heartbeat(session(2, { wantShutdown: true, metadataOffset: store.endOffset() }));
    c.tick();
    expect(loader.image.topicsByName.get('t').partitions[0]).toMatchObject({ leader: 1, isr: [1] });
    expect(loader.image.brokers.get(2).inControlledShutdown).toBe(true);
    expect(c.leadsOrFollows(2)).toBe(false);
    store.endSession(2, 'inc-2');
    c.tick();
    expect(loader.image.brokers.get(2).fenced).toBe(true);
    store.close();
  });
});

describe('automatic preferred-leader election (auto.leader.rebalance.enable)', () => {
  const { LeaderBalancer, imbalancedPartitions } = require(path.join(ROOT, 'dist/engine/controller/leader-balance'));

  it('one interval after an imbalance is seen, elects the first replica where it is in the ISR; not at all when disabled', () => {
    // p0 led by 2 (first replica 1 in the ISR), p1 led by 3 (first replica 1 not in the ISR), p2 balanced.
    const { image, apply } = imageWith([1, 2, 3], [
      { replicas: [1, 2, 3], leader: 2 }, { replicas: [1, 3, 2], isr: [3, 2], leader: 3 }, { replicas: [2, 3, 1] },
    ]);
    const rc = new ReplicationControl(image, policy());
    expect(imbalancedPartitions(image)).toEqual([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
    let enabled = false;
    const balancer = new LeaderBalancer(image, rc, () => ({ enabled, intervalMs: 1000 }));
    expect(balancer.maybeBalance(0)).toBeUndefined();
    expect(balancer.maybeBalance(5000)).toBeUndefined();
    enabled = true;
    expect(balancer.maybeBalance(10000)).toBeUndefined(); // the check is scheduled...
    expect(balancer.maybeBalance(10999)).toBeUndefined(); // ...one interval later
    const r = balancer.maybeBalance(11000);
    expect(r.imbalanced).toBe(2);
    expect(r.elected).toBe(1);
    expect(r.records).toEqual([expect.objectContaining({ type: 'PartitionChange', partitionId: 0, leader: 1 })]);
    apply(r.records);
    expect(imbalancedPartitions(image)).toEqual([{ topic: 't', partition: 1 }]);
    // Still imbalanced: checked again an interval later, and once broker 1 is back in p1's ISR it leads it.
    expect(balancer.maybeBalance(11500)).toBeUndefined();
    apply([{ type: 'PartitionChange', topicId: 'T', partitionId: 1, isr: [3, 2, 1] }]);
    expect(balancer.maybeBalance(12400)).toBeUndefined();
    expect(balancer.maybeBalance(12500).records).toEqual([expect.objectContaining({ partitionId: 1, leader: 1 })]);
  });

  it('a fenced preferred replica is not elected', () => {
    const { image, apply } = imageWith([1, 2, 3], [{ replicas: [1, 2, 3], leader: 2 }]);
    apply([{ type: 'BrokerRegistrationChange', brokerId: 1, brokerEpoch: 11, fenced: 1, inControlledShutdown: 0 }]);
    const balancer = new LeaderBalancer(image, new ReplicationControl(image, policy()), () => ({ enabled: true, intervalMs: 10 }));
    balancer.maybeBalance(0);
    expect(balancer.maybeBalance(10)).toEqual({ records: [], elected: 0, imbalanced: 1 });
  });
});
