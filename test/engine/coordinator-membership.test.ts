// The classic group state machine through the wire: FindCoordinator, JoinGroup (v4+ member id
// flow and v0-3), SyncGroup hand-off, heartbeats, rebalances, LeaveGroup, expiry, static members
// and the errors Kafka returns in each situation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine, waitFor } from '../helpers/engine';
import {
  ApiKey, E, connect, join, joinFully, sync, heartbeat, leave, describe1, subscription, assignment, decodeAssignment, createTopic,
} from './coordinator-wire';

let engine: TestEngine;
const conns: any[] = [];
async function conn(clientId = 'wire'): Promise<any> {
  const c = await connect(engine.port, clientId);
  conns.push(c);
  return c;
}

beforeAll(async () => {
  // Short minimum session timeout so that expiry tests run in well under a second.
  engine = await startInProcessEngine({ 'group.min.session.timeout.ms': '200' });
});
afterAll(async () => {
  for (const c of conns) c.close();
  await engine.stop();
});

describe('FindCoordinator', () => {
  it('creates __consumer_offsets (50 partitions, compacted, internal) and names this broker', async () => {
    const c = await conn();
    for (const v of [0, 1, 2]) {
      const r = await c.request(ApiKey.FindCoordinator, v, { key: 'any-group', keyType: 0 });
      expect(r.errorCode).toBe(0);
      expect(r.nodeId).toBe(1);
      expect(r.host).toBe('127.0.0.1');
      expect(r.port).toBe(engine.port);
    }
    const md = await c.request(ApiKey.Metadata, 8, { topics: [{ name: '__consumer_offsets' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    const t = md.topics[0];
    expect(t.errorCode).toBe(0);
    expect(t.isInternal).toBe(true);
    expect(t.partitions.length).toBe(50);
    const cfg = await c.request(ApiKey.DescribeConfigs, 1, { resources: [{ resourceType: 2, resourceName: '__consumer_offsets', configurationKeys: ['cleanup.policy'] }], includeSynonyms: false });
    expect(cfg.results[0].configs[0].value).toBe('compact');
  });
});

describe('join, sync, heartbeat', () => {
  it('JoinGroup v4+: MEMBER_ID_REQUIRED hands out <client.id>-<uuid>, then a one-member generation', async () => {
    const c = await conn('my-client');
    const first = await join(c, { groupId: 'g1', version: 5 });
    expect(first.errorCode).toBe(E.MEMBER_ID_REQUIRED);
    expect(first.memberId).toMatch(/^my-client-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const t0 = Date.now();
    const j = await join(c, { groupId: 'g1', version: 5, memberId: first.memberId, topics: ['t1'] });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(j.errorCode).toBe(0);
    expect(j.generationId).toBe(1);
    expect(j.protocolName).toBe('range');
    expect(j.leader).toBe(first.memberId);
    expect(j.memberId).toBe(first.memberId);
    expect(j.members).toEqual([{ memberId: first.memberId, groupInstanceId: null, metadata: subscription(['t1']) }]);
    const s = await sync(c, 'g1', 1, j.memberId, [{ memberId: j.memberId, assignment: assignment('t1', [0, 1]) }]);
    expect(s.errorCode).toBe(0);
    expect(decodeAssignment(s.assignment).partitions).toEqual([{ topic: 't1', partitions: [0, 1] }]);
    expect((await heartbeat(c, 'g1', 1, j.memberId)).errorCode).toBe(0);
    const d = await describe1(c, 'g1');
    expect(d).toMatchObject({ errorCode: 0, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(d.members).toEqual([{
      memberId: j.memberId, groupInstanceId: null, clientId: 'my-client', clientHost: '/127.0.0.1',
      memberMetadata: subscription(['t1']), memberAssignment: assignment('t1', [0, 1]),
    }]);
  });

  it('JoinGroup v0-3 get the member id directly', async () => {
    const c = await conn('old');
    for (const [v, g] of [[0, 'g-v0'], [2, 'g-v2'], [3, 'g-v3']] as const) {
      const j = await join(c, { groupId: g, version: v, sessionTimeoutMs: 10000 });
      expect(j.errorCode).toBe(0);
      expect(j.memberId).toMatch(/^old-/);
      expect(j.generationId).toBe(1);
      expect(j.leader).toBe(j.memberId);
    }
  });

  it('a second member triggers a rebalance that completes as soon as everyone rejoined', async () => {
    const ca = await conn('a');
    const cb = await conn('b');
    const a = await joinFully(ca, { groupId: 'g2', rebalanceTimeoutMs: 60000 });
    expect((await sync(ca, 'g2', a.generationId, a.memberId, [{ memberId: a.memberId, assignment: assignment('t', [0]) }])).errorCode).toBe(0);

    const t0 = Date.now();
    const bJoin = joinFully(cb, { groupId: 'g2', rebalanceTimeoutMs: 60000 });
    await waitFor(async () => (await heartbeat(ca, 'g2', a.generationId, a.memberId)).errorCode === E.REBALANCE_IN_PROGRESS, 5000, 'rebalance signalled');
    const a2 = await join(ca, { groupId: 'g2', memberId: a.memberId, rebalanceTimeoutMs: 60000 });
    const b = await bJoin;
    expect(Date.now() - t0).toBeLessThan(5000); // not the 60 s rebalance timeout
    expect(a2.generationId).toBe(2);
    expect(b.generationId).toBe(2);
    expect(a2.leader).toBe(a.memberId);
    expect(a2.members.map((m: any) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect(b.members).toEqual([]);

    // The follower's SyncGroup waits for the leader's; a member left out gets an empty assignment.
    const bSync = sync(cb, 'g2', 2, b.memberId);
    expect((await describe1(ca, 'g2')).groupState).toBe('CompletingRebalance');
    const aSync = await sync(ca, 'g2', 2, a.memberId, [{ memberId: a.memberId, assignment: assignment('t', [0]) }]);
    expect(aSync.errorCode).toBe(0);
    const bs = await bSync;
    expect(bs.errorCode).toBe(0);
    expect(bs.assignment.length).toBe(0);
    const d = await describe1(ca, 'g2');
    expect(d.groupState).toBe('Stable');
    expect(d.members.length).toBe(2);
    expect((await heartbeat(cb, 'g2', 2, b.memberId)).errorCode).toBe(0);
  });

  it('errors: ids, generations, protocols, timeouts', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'g3' });
    await sync(c, 'g3', j.generationId, j.memberId, []);
    expect((await heartbeat(c, 'g3', j.generationId + 1, j.memberId)).errorCode).toBe(E.ILLEGAL_GENERATION);
    expect((await heartbeat(c, 'g3', j.generationId, 'nobody')).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await heartbeat(c, 'no-such-group', 1, 'nobody')).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await heartbeat(c, '', 1, 'x')).errorCode).toBe(E.INVALID_GROUP_ID);
    expect((await sync(c, 'g3', j.generationId + 5, j.memberId)).errorCode).toBe(E.ILLEGAL_GENERATION);
    expect((await sync(c, 'g3', j.generationId, 'nobody')).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await join(c, { groupId: '' })).errorCode).toBe(E.INVALID_GROUP_ID);
    expect((await join(c, { groupId: 'g3', sessionTimeoutMs: 100 })).errorCode).toBe(E.INVALID_SESSION_TIMEOUT);
    expect((await join(c, { groupId: 'g3', sessionTimeoutMs: 1800001 })).errorCode).toBe(E.INVALID_SESSION_TIMEOUT);
    // Another protocol type, or no protocol in common with the members: INCONSISTENT_GROUP_PROTOCOL.
    expect((await join(c, { groupId: 'g3', protocolType: 'connect' })).errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join(c, { groupId: 'g3', protocols: [{ name: 'roundrobin', metadata: subscription(['t']) }] })).errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL);
    // A member id the group does not know.
    expect((await join(c, { groupId: 'g3', memberId: 'stranger' })).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    expect((await join(c, { groupId: 'never-seen', memberId: 'stranger' })).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('protocol selection: the protocol all members support that most prefer', async () => {
    const ca = await conn();
    const cb = await conn();
    const both = [{ name: 'roundrobin', metadata: subscription(['t']) }, { name: 'range', metadata: subscription(['t']) }];
    const a = await joinFully(ca, { groupId: 'g-proto', protocols: both, rebalanceTimeoutMs: 30000 });
    expect(a.protocolName).toBe('roundrobin');
    await sync(ca, 'g-proto', a.generationId, a.memberId, []);
    const bJoin = joinFully(cb, { groupId: 'g-proto', protocols: [both[1]], rebalanceTimeoutMs: 30000 });
    await waitFor(async () => (await heartbeat(ca, 'g-proto', a.generationId, a.memberId)).errorCode === E.REBALANCE_IN_PROGRESS, 5000, 'rebalance');
    const a2 = await join(ca, { groupId: 'g-proto', memberId: a.memberId, protocols: both, rebalanceTimeoutMs: 30000 });
    const b = await bJoin;
    expect(a2.protocolName).toBe('range');
    expect(b.protocolName).toBe('range');
  });
});

describe('the versions kafka-python 2.0.2 hard-codes', () => {
  it('JoinGroup v2, SyncGroup v1, Heartbeat v1, OffsetCommit v2, OffsetFetch v1, LeaveGroup v1', async () => {
    const c = await conn('kafka-python-2.0.2');
    await createTopic(c, 'kp', 1);
    const j = await join(c, { groupId: 'g-kp', version: 2, topics: ['kp'] });
    expect(j.errorCode).toBe(0);
    expect(j.memberId).toMatch(/^kafka-python-2\.0\.2-/);
    const s = await c.request(ApiKey.SyncGroup, 1, { groupId: 'g-kp', generationId: j.generationId, memberId: j.memberId, assignments: [{ memberId: j.memberId, assignment: assignment('kp', [0]) }] });
    expect(s.errorCode).toBe(0);
    expect((await c.request(ApiKey.Heartbeat, 1, { groupId: 'g-kp', generationId: j.generationId, memberId: j.memberId })).errorCode).toBe(0);
    const oc = await c.request(ApiKey.OffsetCommit, 2, {
      groupId: 'g-kp', generationIdOrMemberEpoch: j.generationId, memberId: j.memberId, retentionTimeMs: -1,
      topics: [{ name: 'kp', partitions: [{ partitionIndex: 0, committedOffset: 3, committedMetadata: '' }] }],
    });
    expect(oc.topics[0].partitions[0].errorCode).toBe(0);
    const of = await c.request(ApiKey.OffsetFetch, 1, { groupId: 'g-kp', topics: [{ name: 'kp', partitionIndexes: [0] }] });
    expect(of.topics[0].partitions[0]).toMatchObject({ partitionIndex: 0, committedOffset: 3, errorCode: 0 });
    expect((await c.request(ApiKey.LeaveGroup, 1, { groupId: 'g-kp', memberId: j.memberId })).errorCode).toBe(0);
    expect((await describe1(c, 'g-kp')).groupState).toBe('Empty');
  });
});

describe('leaving and expiry', () => {
  it('LeaveGroup v3 (batch) and v1; the last one out leaves the group Empty', async () => {
    const ca = await conn();
    const cb = await conn();
    const a = await joinFully(ca, { groupId: 'g-leave', rebalanceTimeoutMs: 20000 });
    await sync(ca, 'g-leave', a.generationId, a.memberId, []);
    const bJoin = joinFully(cb, { groupId: 'g-leave', rebalanceTimeoutMs: 20000 });
    await waitFor(async () => (await heartbeat(ca, 'g-leave', a.generationId, a.memberId)).errorCode === E.REBALANCE_IN_PROGRESS, 5000, 'rebalance');
    const a2 = await join(ca, { groupId: 'g-leave', memberId: a.memberId, rebalanceTimeoutMs: 20000 });
    const b = await bJoin;
    const bSync = sync(cb, 'g-leave', b.generationId, b.memberId);
    await sync(ca, 'g-leave', a2.generationId, a.memberId, []);
    await bSync;

    const r = await leave(ca, 'g-leave', [{ memberId: b.memberId }, { memberId: 'unknown' }]);
    expect(r.errorCode).toBe(0);
    expect(r.members).toEqual([
      { memberId: b.memberId, groupInstanceId: null, errorCode: 0 },
      { memberId: 'unknown', groupInstanceId: null, errorCode: E.UNKNOWN_MEMBER_ID },
    ]);
    // The remaining member is told to rejoin and gets a generation of its own at once.
    expect((await heartbeat(ca, 'g-leave', a2.generationId, a.memberId)).errorCode).toBe(E.REBALANCE_IN_PROGRESS);
    const a3 = await join(ca, { groupId: 'g-leave', memberId: a.memberId });
    expect(a3.generationId).toBe(a2.generationId + 1);
    expect(a3.members.length).toBe(1);
    const v1 = await ca.request(ApiKey.LeaveGroup, 1, { groupId: 'g-leave', memberId: a.memberId });
    expect(v1.errorCode).toBe(0);
    const d = await describe1(ca, 'g-leave');
    expect(d.groupState).toBe('Empty');
    expect(d.members).toEqual([]);
    expect(d.protocolData).toBe('');
    const again = await ca.request(ApiKey.LeaveGroup, 1, { groupId: 'g-leave', memberId: a.memberId });
    expect(again.errorCode).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('a member that stops heartbeating expires after its session timeout', async () => {
    const c = await conn();
    const j = await joinFully(c, { groupId: 'g-expire', sessionTimeoutMs: 300 });
    await sync(c, 'g-expire', j.generationId, j.memberId, []);
    expect((await describe1(c, 'g-expire')).groupState).toBe('Stable');
    await waitFor(async () => (await describe1(c, 'g-expire')).groupState === 'Empty', 5000, 'member expired');
    expect((await heartbeat(c, 'g-expire', j.generationId, j.memberId)).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('a pending member id (MEMBER_ID_REQUIRED) that never rejoins expires', async () => {
    const ca = await conn();
    const cp = await conn();
    const a = await joinFully(ca, { groupId: 'g-pending', rebalanceTimeoutMs: 60000 });
    await sync(ca, 'g-pending', a.generationId, a.memberId, []);
    const pending = await join(cp, { groupId: 'g-pending', sessionTimeoutMs: 300 });
    expect(pending.errorCode).toBe(E.MEMBER_ID_REQUIRED);
    // The leader's rejoin starts a rebalance that waits for the pending member until its
    // session expires (not for the 60 s rebalance timeout).
    const t0 = Date.now();
    const a2 = await join(ca, { groupId: 'g-pending', memberId: a.memberId, rebalanceTimeoutMs: 60000 });
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(a2.generationId).toBe(a.generationId + 1);
    expect(a2.members.map((m: any) => m.memberId)).toEqual([a.memberId]);
    expect((await join(cp, { groupId: 'g-pending', memberId: pending.memberId })).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('members that do not rejoin within the rebalance timeout are dropped', async () => {
    const ca = await conn();
    const cb = await conn();
    const a = await joinFully(ca, { groupId: 'g-slow', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 400 });
    await sync(ca, 'g-slow', a.generationId, a.memberId, []);
    const t0 = Date.now();
    const b = await joinFully(cb, { groupId: 'g-slow', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 400 });
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(b.errorCode).toBe(0);
    expect(b.leader).toBe(b.memberId);
    expect(b.members.map((m: any) => m.memberId)).toEqual([b.memberId]);
    expect((await heartbeat(ca, 'g-slow', a.generationId, a.memberId)).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
  });

  it('more members than partitions: extra members keep an empty assignment and stay members', async () => {
    const cs = [await conn(), await conn(), await conn()];
    const first = await joinFully(cs[0], { groupId: 'g-extra', rebalanceTimeoutMs: 20000 });
    await sync(cs[0], 'g-extra', first.generationId, first.memberId, []);
    const joins = [joinFully(cs[1], { groupId: 'g-extra', rebalanceTimeoutMs: 20000 }), joinFully(cs[2], { groupId: 'g-extra', rebalanceTimeoutMs: 20000 })];
    await waitFor(async () => (await describe1(cs[0], 'g-extra')).members.length === 3, 5000, 'three joined');
    const lead = await join(cs[0], { groupId: 'g-extra', memberId: first.memberId, rebalanceTimeoutMs: 20000 });
    const others = await Promise.all(joins);
    expect(lead.members.length).toBe(3);
    const syncs = others.map((o, i) => sync(cs[i + 1], 'g-extra', o.generationId, o.memberId));
    await sync(cs[0], 'g-extra', lead.generationId, first.memberId, [{ memberId: first.memberId, assignment: assignment('t', [0]) }]);
    for (const s of await Promise.all(syncs)) {
      expect(s.errorCode).toBe(0);
      expect(s.assignment.length).toBe(0);
    }
    for (const [i, o] of others.entries()) expect((await heartbeat(cs[i + 1], 'g-extra', o.generationId, o.memberId)).errorCode).toBe(0);
    expect((await describe1(cs[0], 'g-extra')).members.length).toBe(3);
  });
});

describe('static members (group.instance.id)', () => {
  it('get an id directly, are fenced when the instance rejoins, and can be removed by instance id', async () => {
    const c1 = await conn('static-client');
    const c2 = await conn('static-client');
    const j = await join(c1, { groupId: 'g-static', groupInstanceId: 'inst-1' });
    expect(j.errorCode).toBe(0);
    expect(j.memberId).toMatch(/^inst-1-/);
    expect(j.members).toEqual([{ memberId: j.memberId, groupInstanceId: 'inst-1', metadata: subscription(['t']) }]);
    const s = await sync(c1, 'g-static', j.generationId, j.memberId, [{ memberId: j.memberId, assignment: assignment('t', [0]) }], 'inst-1');
    expect(s.errorCode).toBe(0);

    // The same instance restarts: it gets a new member id, keeps the generation and assignment.
    const r = await join(c2, { groupId: 'g-static', groupInstanceId: 'inst-1' });
    expect(r.errorCode).toBe(0);
    expect(r.memberId).not.toBe(j.memberId);
    expect(r.generationId).toBe(j.generationId);
    const s2 = await sync(c2, 'g-static', r.generationId, r.memberId, [], 'inst-1');
    expect(decodeAssignment(s2.assignment).partitions).toEqual([{ topic: 't', partitions: [0] }]);
    expect((await heartbeat(c1, 'g-static', j.generationId, j.memberId, 'inst-1')).errorCode).toBe(E.FENCED_INSTANCE_ID);
    expect((await heartbeat(c2, 'g-static', r.generationId, r.memberId, 'inst-1')).errorCode).toBe(0);
    expect((await heartbeat(c2, 'g-static', r.generationId, r.memberId, 'inst-2')).errorCode).toBe(E.UNKNOWN_MEMBER_ID);
    const d = await describe1(c2, 'g-static');
    expect(d.members[0].groupInstanceId).toBe('inst-1');

    const l = await leave(c2, 'g-static', [{ memberId: '', groupInstanceId: 'inst-1' }, { memberId: '', groupInstanceId: 'inst-9' }]);
    expect(l.members.map((m: any) => m.errorCode)).toEqual([0, E.UNKNOWN_MEMBER_ID]);
    expect((await describe1(c2, 'g-static')).groupState).toBe('Empty');
  });
});

describe('group.initial.rebalance.delay.ms', () => {
  it('a new group waits the delay (extended while members keep arriving) so they share generation 1', async () => {
    const other = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '400' });
    const ca = await connect(other.port);
    const cb = await connect(other.port);
    const cc = await connect(other.port);
    try {
      const t0 = Date.now();
      const ja = join(ca, { groupId: 'g-delay', version: 3, rebalanceTimeoutMs: 10000 });
      // The second member arrives while the first waits in the delay (the group shows it preparing).
      await waitFor(async () => {
        const d = await describe1(cc, 'g-delay');
        return d.groupState === 'PreparingRebalance' && d.members.length === 1;
      }, 5000, 'first member waiting in the initial delay');
      const jb = join(cb, { groupId: 'g-delay', version: 3, rebalanceTimeoutMs: 10000 });
      const [a, b] = await Promise.all([ja, jb]);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
      expect(a.generationId).toBe(1);
      expect(b.generationId).toBe(1);
      expect(a.leader).toBe(a.memberId);
      expect(a.members.length).toBe(2);
    } finally {
      ca.close();
      cb.close();
      cc.close();
      await other.stop();
    }
  }, 30000);
});

describe('group.max.size', () => {
  it('a member beyond the maximum gets GROUP_MAX_SIZE_REACHED', async () => {
    const other = await startInProcessEngine({ 'group.max.size': '1' });
    const ca = await connect(other.port);
    const cb = await connect(other.port);
    try {
      const a = await joinFully(ca, { groupId: 'g-max' });
      expect(a.errorCode).toBe(0);
      await sync(ca, 'g-max', a.generationId, a.memberId, []);
      const b = await joinFully(cb, { groupId: 'g-max' });
      expect(b.errorCode).toBe(81);
      expect((await heartbeat(ca, 'g-max', a.generationId, a.memberId)).errorCode).toBe(0);
    } finally {
      ca.close();
      cb.close();
      await other.stop();
    }
  }, 30000);
});

describe('shutdown', () => {
  it('a JoinGroup parked in a rebalance does not hold up engine shutdown', async () => {
    const other = await startInProcessEngine();
    const ca = await connect(other.port);
    const cb = await connect(other.port);
    try {
      const a = await joinFully(ca, { groupId: 'g-stop', rebalanceTimeoutMs: 120000 });
      await sync(ca, 'g-stop', a.generationId, a.memberId, []);
      const parked = joinFully(cb, { groupId: 'g-stop', rebalanceTimeoutMs: 120000 }).then((r: any) => r.errorCode, () => 'closed');
      await waitFor(async () => (await heartbeat(ca, 'g-stop', a.generationId, a.memberId)).errorCode === E.REBALANCE_IN_PROGRESS, 5000, 'rebalance');
      const t0 = Date.now();
      await other.stop();
      expect(Date.now() - t0).toBeLessThan(5000);
      expect([16, 'closed']).toContain(await parked); // NOT_COORDINATOR, as when Kafka unloads a group
    } finally {
      ca.close();
      cb.close();
    }
  }, 30000);
});

describe('listing and describing', () => {
  it('ListGroups v0-5 (states and types from v4/v5, with filters) and DescribeGroups v0-6 of unknown and invalid ids', async () => {
    const c = await conn();
    await createTopic(c, 'unused', 1);
    for (const v of [0, 1, 2, 3, 4, 5]) {
      const r = await c.request(ApiKey.ListGroups, v, {});
      expect(r.errorCode).toBe(0);
      // Fields a version lacks decode as their defaults ('').
      const g1 = r.groups.find((g: { groupId: string }) => g.groupId === 'g1');
      expect(g1).toMatchObject({ protocolType: 'consumer', groupType: v >= 5 ? 'classic' : '' });
      expect(g1.groupState === '').toBe(v < 4);
    }
    // Filters match names case-insensitively (as Kafka's coordinator); every group here is classic.
    const ids = async (body: unknown, v = 5) => (await c.request(ApiKey.ListGroups, v, body)).groups.map((g: { groupId: string }) => g.groupId);
    const state: string = (await c.request(ApiKey.ListGroups, 5, {})).groups.find((g: { groupId: string }) => g.groupId === 'g1').groupState;
    for (const v of [4, 5]) {
      expect(await ids({ statesFilter: [state.toUpperCase()] }, v)).toContain('g1');
      expect(await ids({ statesFilter: ['Dead', ...['Stable', 'Empty'].filter((x) => x !== state)] }, v)).not.toContain('g1');
    }
    expect(await ids({ typesFilter: ['Classic', 'Consumer'] })).toContain('g1');
    expect(await ids({ typesFilter: ['consumer'] })).toEqual([]);
    // DescribeGroups v6 (KIP-1043): an unknown group is GROUP_ID_NOT_FOUND, with Kafka's message.
    for (const v of [5, 6]) {
      const r = await c.request(ApiKey.DescribeGroups, v, { groups: ['nope', ''], includeAuthorizedOperations: true });
      expect(r.groups[0]).toMatchObject(v === 6
        ? { errorCode: E.GROUP_ID_NOT_FOUND, errorMessage: 'Group nope not found.', groupId: 'nope', groupState: 'Dead' }
        : { errorCode: 0, errorMessage: null, groupId: 'nope', groupState: 'Dead', protocolType: '', protocolData: '', members: [] });
      expect(r.groups[1]).toMatchObject({ errorCode: E.INVALID_GROUP_ID, groupId: '' });
    }
    for (const v of [0, 1, 2, 3, 4]) {
      const r = await c.request(ApiKey.DescribeGroups, v, { groups: ['nope', ''], includeAuthorizedOperations: true });
      expect(r.groups[0]).toMatchObject({ errorCode: 0, groupId: 'nope', groupState: 'Dead', protocolType: '', protocolData: '', members: [] });
      expect(r.groups[1]).toMatchObject({ errorCode: E.INVALID_GROUP_ID, groupId: '' });
    }
  });
});
