// kafka-console-consumer as a consumer-group member: members of one group split the partitions
// exclusively, a killed member's partitions move to the others within the session timeout, a
// member whose session expired joins again, the throw-away console-consumer-NNNNN group is joined
// (and listed) when no group is given, and the coordinator's fatal JoinGroup answers end the run
// as with Kafka.
import { describe, it, expect } from 'vitest';
import { runTool, startInProcessEngine, waitFor, type TestEngine } from '../helpers/engine';
import { describeRows, kcatProduce, type PartitionRow, members, owners, partitionsIn } from '../helpers/groups';
import { createTopic, expectRun, runMasked, withoutNotice, stripNotice, startTool, useEngine, type Running } from '../helpers/tools';

// Without the KIP-848 notice of group consumers (kafka-console-consumer.test.ts checks it).
const cc = async (args: string[]) => withoutNotice(await runMasked('kafka-console-consumer', args));

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

/**
 * Fast failure detection, so a killed member is noticed within seconds, and frequent auto-commits:
 * a record produced before a new owner has a position would be skipped by auto.offset.reset=latest
 * (as with Kafka), so the tests produce only once every partition has a committed offset.
 */
const FAST = ['--command-property', 'session.timeout.ms=6000', '--command-property', 'heartbeat.interval.ms=500',
  '--command-property', 'auto.commit.interval.ms=500'];

/** Every one of `partitions` owned, by `memberCount` members, and committed (the owners' positions are fixed). */
async function settled(group: string, partitions: number, memberCount: number): Promise<Map<number, PartitionRow> | null> {
  const rows = [...(await describeRows(engine.bootstrap, group)).entries()];
  const o = new Map(rows.filter(([, r]) => r.member !== '-').map(([k, r]) => [Number(k.split(':')[1]), r]));
  const committed = rows.filter(([, r]) => r.committed !== '-').length;
  return o.size === partitions && members(o).size === memberCount && committed === partitions ? o : null;
}
const SHOW = ['--formatter-property', 'print.partition=true', '--formatter-property', 'print.offset=true'];

describe('consumer groups', () => {
  it('two members split the partitions exclusively; a killed member\'s partitions move to the other within the session timeout', async () => {
    await createTopic(engine, 'split', 4);
    const a = startTool('kafka-console-consumer', [...B, '--topic', 'split', '--group', 'gs', ...FAST, ...SHOW]);
    let b: Running | null = null;
    try {
      await waitFor(async () => (await owners(engine.bootstrap, 'gs')).size === 4, 20000, 'first member owns all partitions');
      b = startTool('kafka-console-consumer', [...B, '--topic', 'split', '--group', 'gs', ...FAST, ...SHOW]);
      const split = await waitFor(() => settled('gs', 4, 2), 20000, 'two members with two partitions each, committed');
      const [m1, m2] = [...members(split)];
      expect([...split.values()].filter((o) => o.member === m1).length).toBe(2);
      expect([...split.values()].filter((o) => o.member === m2).length).toBe(2);

      for (let p = 0; p < 4; p++) await kcatProduce(engine.bootstrap, 'split', [`first-${p}`], p);
      await waitFor(() => (a.stdout() + b!.stdout()).split('\n').filter(Boolean).length === 4, 20000, 'four records');
      const seenA = partitionsIn(a.stdout());
      const seenB = partitionsIn(b.stdout());
      expect(seenA.size).toBe(2);
      expect(seenB.size).toBe(2);
      expect([...seenA].filter((p) => seenB.has(p))).toEqual([]);

      // SIGKILL: no LeaveGroup; the coordinator notices when the session times out (6 s).
      const killedAt = Date.now();
      b.kill('SIGKILL');
      await b.exited;
      await waitFor(async () => {
        const o = await owners(engine.bootstrap, 'gs');
        return o.size === 4 && members(o).size === 1;
      }, 20000, 'the survivor owns all partitions');
      expect(Date.now() - killedAt).toBeLessThan(15000);
      for (let p = 0; p < 4; p++) await kcatProduce(engine.bootstrap, 'split', [`second-${p}`], p);
      await waitFor(() => /second-0/.test(a.stdout()) && /second-1/.test(a.stdout()) && /second-2/.test(a.stdout()) && /second-3/.test(a.stdout()), 20000, 'the survivor reads every partition');
      a.kill('SIGTERM');
      expect(await a.exited).toBe(143);
      const n = a.stdout().split('\n').filter(Boolean).length;
      expect(stripNotice(a.stderr())).toBe(`Processed a total of ${n} messages\n`);
    } finally {
      a.kill('SIGKILL');
      b?.kill('SIGKILL');
    }
  });

  it('without --group: joins a throw-away console-consumer-NNNNN group (listed while it runs), commits nothing', async () => {
    await createTopic(engine, 'nogroup', 2);
    const c = startTool('kafka-console-consumer', [...B, '--topic', 'nogroup', '--from-beginning', ...SHOW]);
    try {
      const group = await waitFor(async () => {
        const r = await runTool('kafka-consumer-groups', [...B, '--list']);
        return /^(console-consumer-\d{1,5})$/m.exec(r.stdout)?.[1];
      }, 20000, 'the generated group is listed');
      await waitFor(async () => (await owners(engine.bootstrap, group)).size === 2, 20000, 'it owns both partitions');
      await kcatProduce(engine.bootstrap, 'nogroup', ['x'], 1);
      await waitFor(() => c.stdout() === 'Partition:1\tOffset:0\tx\n', 20000, 'the record');
      c.kill('SIGTERM');
      expect(await c.exited).toBe(143);
      // enable.auto.commit=false for a generated group: no offsets were committed.
      const r = await runTool('kafka-consumer-groups', [...B, '--describe', '--group', group]);
      expect(r.stdout).not.toMatch(/nogroup\s+1\s+1\s/);
    } finally {
      c.kill('SIGKILL');
    }
  });

  it('partition.assignment.strategy picks the protocol; a member whose session expired (SIGSTOP) is told so and joins again', async () => {
    await createTopic(engine, 'stopped', 2);
    const rr = ['--command-property', 'partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor'];
    const a = startTool('kafka-console-consumer', [...B, '--topic', 'stopped', '--group', 'gstop', ...FAST, ...rr, ...SHOW], { stoppable: true });
    const b = startTool('kafka-console-consumer', [...B, '--topic', 'stopped', '--group', 'gstop', ...FAST, ...rr, ...SHOW]);
    const state = async () => (await runTool('kafka-consumer-groups', [...B, '--describe', '--group', 'gstop', '--state'])).stdout;
    try {
      await waitFor(async () => members(await owners(engine.bootstrap, 'gstop')).size === 2, 20000, 'two members');
      expect(await state()).toMatch(/gstop\s+\S+\s+\(1\)\s+roundrobin\s+Stable\s+2/);
      // A stopped process sends no heartbeats: after session.timeout.ms the coordinator drops it.
      a.kill('SIGSTOP');
      await waitFor(async () => {
        const o = await owners(engine.bootstrap, 'gstop');
        return o.size === 2 && members(o).size === 1;
      }, 20000, 'the other member owns both partitions');
      a.kill('SIGCONT');
      // Its next heartbeat or commit gets UNKNOWN_MEMBER_ID: it resets and joins as a new member.
      await waitFor(() => settled('gstop', 2, 2), 20000, 'two members again, committed');
      for (let p = 0; p < 2; p++) await kcatProduce(engine.bootstrap, 'stopped', [`after-${p}`], p);
      await waitFor(() => /after-0/.test(a.stdout() + b.stdout()) && /after-1/.test(a.stdout() + b.stdout()), 20000, 'both records');
      expect(partitionsIn(a.stdout()).size).toBe(1);
    } finally {
      a.kill('SIGCONT');
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });

  it('signals after the first (a second Ctrl-C, `timeout` signalling the process group) do not cut the close short', async () => {
    await createTopic(engine, 'twice', 2);
    const a = startTool('kafka-console-consumer', [...B, '--topic', 'twice', '--group', 'gtwice', '--from-beginning']);
    let ticker: NodeJS.Timeout | undefined;
    try {
      await kcatProduce(engine.bootstrap, 'twice', ['r0'], 0);
      await waitFor(() => a.stdout() === 'r0\n', 20000, 'the record');
      // Keep signalling while it closes (until it reports the count, so none lands while the
      // process itself tears down): the later ones are ignored.
      a.kill('SIGINT');
      ticker = setInterval(() => {
        if (a.stderr().includes('Processed')) clearInterval(ticker);
        else a.kill('SIGINT');
      }, 2);
      expect(await a.exited).toBe(130);
      expect(stripNotice(a.stderr())).toBe('Processed a total of 1 messages\n');
      // It left the group (LeaveGroup) and committed what it printed.
      const r = await runTool('kafka-consumer-groups', [...B, '--describe', '--group', 'gtwice']);
      expect(r.stdout).toMatch(/^gtwice\s+twice\s+0\s+1\s+1\s+0\s+-\s+-\s+-$/m);
      expect(r.stderr).toMatch(/has no active members/);
    } finally {
      if (ticker) clearInterval(ticker);
      a.kill('SIGKILL');
    }
  });

  it('an empty client.id becomes consumer-<group>-1 (ConsumerConfig.maybeOverrideClientId), also in the member id', async () => {
    await createTopic(engine, 'emptycid');
    const a = startTool('kafka-console-consumer', [...B, '--topic', 'emptycid', '--group', 'gcid', '--command-property', 'client.id=']);
    try {
      const o = await waitFor(async () => {
        const m = await owners(engine.bootstrap, 'gcid');
        return m.size === 1 ? m.get(0) : null;
      }, 20000, 'the member owns the partition');
      expect(o!.clientId).toBe('consumer-gcid-1');
      expect(o!.member).toMatch(/^consumer-gcid-1-[0-9a-f-]{36}$/);
    } finally {
      a.kill('SIGTERM');
      await a.exited;
    }
  });

  it('Ctrl-C with the broker gone: the final commit gives up after min(30 s, request.timeout.ms), as Java\'s close does', async () => {
    const gone = await startInProcessEngine();
    let stopped = false;
    const a = startTool('kafka-console-consumer', ['--bootstrap-server', gone.bootstrap, '--topic', 'lost', '--group', 'glost', '--command-property', 'request.timeout.ms=3000']);
    try {
      await createTopic(gone, 'lost');
      await waitFor(async () => (await owners(gone.bootstrap, 'glost')).size === 1, 20000, 'the member owns the partition');
      await kcatProduce(gone.bootstrap, 'lost', ['only']);
      await waitFor(() => a.stdout() === 'only\n', 20000, 'the record');
      await gone.stop();
      stopped = true;
      // Once it noticed (its own coordinator lookup is then under way), Ctrl-C. The coordinator's
      // connection ("node +1", as Java 4.4's GroupCoordinatorNode) may be the first to say so.
      await waitFor(() => /Connection to node 1 \(.* could not be established/.test(a.stderr()), 20000, 'the consumer notices');
      // Metadata named the broker: reconnects go to node 1, not the bootstrap entry (node -1).
      expect(a.stderr()).toContain(`WARN [Consumer clientId=console-consumer, groupId=glost] Connection to node 1 (/${gone.bootstrap}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)`);
      expect(a.stderr()).not.toContain('Connection to node -1');
      const t0 = Date.now();
      a.kill('SIGINT');
      expect(await a.exited).toBe(130);
      // That lookup counts against the close deadline (it used to run on to its own deadline).
      expect(Date.now() - t0).toBeLessThan(3000 + 1200);
      expect(a.stderr().endsWith('Processed a total of 1 messages\n')).toBe(true);
    } finally {
      a.kill('SIGKILL');
      if (!stopped) await gone.stop();
    }
  }, 30000);

  it('a session timeout the coordinator refuses: Kafka\'s fatal JoinGroup error, then the count', async () => {
    await createTopic(engine, 'badsession');
    const message = 'The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).';
    expectRun(await cc([...B, '--topic', 'badsession', '--group', 'gbad', '--command-property', 'session.timeout.ms=1000']), 0, '',
      `[<ts>] ERROR [Consumer clientId=console-consumer, groupId=gbad] JoinGroup failed due to fatal error: ${message} (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)\n` +
      '[<ts>] ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n' +
      `org.apache.kafka.common.errors.InvalidSessionTimeoutException: ${message}\nProcessed a total of 0 messages\n`);
  });

});
