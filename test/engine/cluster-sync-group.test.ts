// SyncGroup stores the group's generation with acks=all, as Kafka's coordinator does: the members
// get their assignment only once every in-sync replica of the group's __consumer_offsets partition
// has it, so a coordinator killed right after a rebalance leaves a successor that knows the
// members (they heartbeat on, instead of being told UNKNOWN_MEMBER_ID and re-reading from their
// last commit). Followers are stalled with SIGSTOP (kept in the ISR by a long replica.lag.time.max.ms).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, waitFor } from '../helpers/engine';
import { describeTopic } from '../helpers/failover';
import { connect, E, heartbeat, joinFully, subscription, sync, assignment, ApiKey } from './coordinator-wire';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { offsetsPartitionFor } = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));

const cluster = new TestCluster({
  brokers: 3, sessionTimeoutMs: 30000,
  overrides: { 'offsets.topic.replication.factor': '3', 'replica.lag.time.max.ms': '60000', 'group.initial.rebalance.delay.ms': '0', 'replica.fetch.wait.max.ms': '200' },
});

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

describe('SyncGroup in a cluster', () => {
  it('is answered once the ISR has the generation; the next coordinator knows the member', async () => {
    const group = 'sync-acks-all';
    const any = await connect(cluster.broker(1).port);
    const coordinator = await waitFor(async () => {
      const r = await any.request(ApiKey.FindCoordinator, 2, { key: group, keyType: 0 });
      return r.errorCode === 0 ? r.nodeId as number : undefined;
    }, 20000, 'the coordinator');
    any.close();
    const partition = offsetsPartitionFor(group, 50);
    await waitFor(async () => (await describeTopic(cluster, '__consumer_offsets')).find((p) => p.partition === partition)?.isr.split(',').length === 3, 20000, 'the offsets partition in sync');
    const followers = [1, 2, 3].filter((b) => b !== coordinator);
    const conn = await connect(cluster.broker(coordinator).port);
    let memberId = '';
    try {
      const j = await joinFully(conn, { groupId: group, topics: ['t'], protocols: [{ name: 'range', metadata: subscription(['t']) }] });
      expect(j.errorCode).toBe(E.NONE);
      memberId = j.memberId;
      for (const f of followers) await cluster.signal(f, 'SIGSTOP');
      let answeredAt = 0;
      const answer = sync(conn, group, j.generationId, j.memberId, [{ memberId: j.memberId, assignment: assignment('t', [0]) }])
        .then((r: any) => { answeredAt = Date.now(); return r; });
      await waitFor(() => cluster.broker(coordinator).output().includes(`Assignment received from leader ${j.memberId}`), 10000, 'the assignment stored');
      expect(answeredAt).toBe(0);
      const resumedAt = Date.now();
      for (const f of followers) await cluster.signal(f, 'SIGCONT');
      expect((await answer).errorCode).toBe(E.NONE);
      expect(answeredAt).toBeGreaterThanOrEqual(resumedAt);
    } finally {
      for (const f of followers) if (cluster.brokers.has(f)) process.kill(cluster.broker(f).proc.pid!, 'SIGCONT');
      conn.close();
    }
    await cluster.signal(coordinator, 'SIGKILL');
    const next = await waitFor(async () => {
      const p = (await describeTopic(cluster, '__consumer_offsets')).find((x) => x.partition === partition);
      return p && p.leader !== 'none' && Number(p.leader) !== coordinator ? Number(p.leader) : undefined;
    }, 40000, 'a new coordinator');
    const c2 = await connect(cluster.broker(next).port);
    try {
      // Generation 1 with its member, loaded from the replicated log.
      // (NOT_COORDINATOR until that broker applied the leadership it is described with.)
      const hb = await waitFor(async () => { const r = await heartbeat(c2, group, 1, memberId); return r.errorCode !== 16 && r.errorCode !== 14 ? r : undefined; }, 20000, 'the new coordinator');
      expect(hb.errorCode).toBe(E.NONE);
    } finally {
      c2.close();
    }
  }, 120000);
});

