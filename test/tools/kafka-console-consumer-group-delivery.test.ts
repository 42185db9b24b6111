// Delivery guarantees of kafka-console-consumer in a group, as with Kafka's: offsets committed on
// exit (enable.auto.commit, the default) resume the next run where this one stopped; a crash
// before the commit re-delivers (at least once); enable.auto.commit=false with the default
// auto.offset.reset=latest skips what was produced while no member ran (at most once). A
// committed offset below the log start (kafka-delete-records) resets per auto.offset.reset.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { mask, runTool, spawnTool, tempDir, waitFor, type TestEngine } from '../helpers/engine';
import { committedOffset, kcatProduce, owners } from '../helpers/groups';
import { createTopic, expectRun, runMasked, withoutNotice, stripNotice, startTool, useEngine } from '../helpers/tools';

// Without the KIP-848 notice of group consumers (kafka-console-consumer.test.ts checks it).
const cc = async (args: string[]) => withoutNotice(await runMasked('kafka-console-consumer', args));

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const processed = (n: number) => `Processed a total of ${n} messages\n`;
const LOGGER = '(org.apache.kafka.tools.consumer.ConsoleConsumer)';

const produce = (topic: string, lines: string[]) => kcatProduce(engine.bootstrap, topic, lines, 0);
const committed = (group: string, topic: string) => committedOffset(engine.bootstrap, group, topic);
const hasMember = async (group: string) => (await owners(engine.bootstrap, group)).size > 0;

describe('offsets and delivery in a group', () => {
  it('offsets are committed at exit: the next run goes on where the last one stopped', async () => {
    await createTopic(engine, 'resume');
    await produce('resume', ['a1', 'a2', 'a3', 'a4', 'a5']);
    const args = [...B, '--topic', 'resume', '--group', 'gr', '--from-beginning'];
    expectRun(await cc([...args, '--max-messages', '3']), 0, 'a1\na2\na3\n', processed(3));
    expect(await committed('gr', 'resume')).toBe('3');
    expectRun(await cc([...args, '--max-messages', '2']), 0, 'a4\na5\n', processed(2));
    expect(await committed('gr', 'resume')).toBe('5');
  });

  it('auto-commit every auto.commit.interval.ms while running', async () => {
    await createTopic(engine, 'periodic');
    await produce('periodic', ['p1', 'p2']);
    const run = startTool('kafka-console-consumer', [...B, '--topic', 'periodic', '--group', 'gp', '--from-beginning', '--command-property', 'auto.commit.interval.ms=300']);
    try {
      await waitFor(() => run.stdout() === 'p1\np2\n', 20000, 'two records');
      await waitFor(async () => (await committed('gp', 'periodic')) === '2', 10000, 'offset 2 committed while running');
      await produce('periodic', ['p3']);
      await waitFor(async () => (await committed('gp', 'periodic')) === '3', 10000, 'offset 3 committed while running');
    } finally {
      run.kill('SIGTERM');
      await run.exited;
    }
  });

  it('at least once: a member killed before committing has its records delivered again', async () => {
    await createTopic(engine, 'alo');
    await produce('alo', ['b1', 'b2', 'b3']);
    // No periodic commit within the test: only the commit at exit, which SIGKILL prevents. A short
    // session: the next run waits for the coordinator to drop the killed member (as with Kafka).
    const args = [...B, '--topic', 'alo', '--group', 'galo', '--from-beginning', '--command-property', 'auto.commit.interval.ms=600000',
      '--command-property', 'session.timeout.ms=6000', '--command-property', 'heartbeat.interval.ms=500'];
    const first = startTool('kafka-console-consumer', args);
    try {
      await waitFor(() => first.stdout() === 'b1\nb2\nb3\n', 20000, 'three records');
    } finally {
      first.kill('SIGKILL');
    }
    await first.exited;
    expect(await committed('galo', 'alo')).toBe('-');
    expectRun(await cc([...args, '--max-messages', '3']), 0, 'b1\nb2\nb3\n', processed(3));
  });

  it('at most once: enable.auto.commit=false with auto.offset.reset=latest never re-delivers, and skips what was produced in between', async () => {
    await createTopic(engine, 'amo');
    const args = [...B, '--topic', 'amo', '--group', 'gamo', '--command-property', 'enable.auto.commit=false'];
    const first = startTool('kafka-console-consumer', args);
    try {
      await waitFor(() => hasMember('gamo'), 20000, 'member joined');
      // Its position (latest) is resolved right after joining; produce until it shows up.
      for (let i = 0; !first.stdout().includes('c1\n') && i < 100; i++) {
        await produce('amo', ['c1']);
        await new Promise((r) => setTimeout(r, 300));
      }
      await waitFor(() => first.stdout().includes('c1\n'), 10000, 'c1');
      first.kill('SIGTERM');
      expect(await first.exited).toBe(143);
    } finally {
      first.kill('SIGKILL');
    }
    expect(await committed('gamo', 'amo')).toBe('-');
    await produce('amo', ['c2-missed']);
    const second = startTool('kafka-console-consumer', args);
    try {
      await waitFor(() => hasMember('gamo'), 20000, 'member joined again');
      for (let i = 0; !second.stdout().includes('c3\n') && i < 100; i++) {
        await produce('amo', ['c3']);
        await new Promise((r) => setTimeout(r, 300));
      }
      await waitFor(() => second.stdout().includes('c3\n'), 10000, 'c3');
      expect(second.stdout()).not.toContain('c1');
      expect(second.stdout()).not.toContain('c2-missed');
    } finally {
      second.kill('SIGTERM');
      await second.exited;
    }
  });

  it('a committed offset below the log start (kafka-delete-records) resets per auto.offset.reset; none fails as Kafka', async () => {
    await createTopic(engine, 'trimmed');
    await produce('trimmed', ['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    const args = [...B, '--topic', 'trimmed', '--group', 'gt', '--from-beginning'];
    expectRun(await cc([...args, '--max-messages', '2']), 0, 'd0\nd1\n', processed(2));
    const dir = tempDir();
    const json = path.join(dir, 'offsets.json');
    fs.writeFileSync(json, JSON.stringify({ partitions: [{ topic: 'trimmed', partition: 0, offset: 4 }], version: 1 }));
    expect((await runTool('kafka-delete-records', [...B, '--offset-json-file', json])).code).toBe(0);
    // The committed 2 is out of range now: auto.offset.reset=none fails...
    expectRun(await cc([...B, '--topic', 'trimmed', '--group', 'gt', '--command-property', 'auto.offset.reset=none', '--max-messages', '1']), 0, '',
      `[<ts>] ERROR Error processing message, terminating consumer process:  ${LOGGER}\n` +
      'org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{offset=2, offsetEpoch=Optional.empty, currentLeader=LeaderAndEpoch{leader=Optional[127.0.0.1:' +
      `${engine.port} (id: 1 rack: null isFenced: false)], epoch=0}} is out of range for partition trimmed-0\n${processed(0)}`);
    // ...earliest starts at the new log start.
    expectRun(await cc([...args, '--max-messages', '2']), 0, 'd4\nd5\n', processed(2));
  });

  it('a group member without a committed offset and auto.offset.reset=none: NoOffsetForPartitionException', async () => {
    await createTopic(engine, 'nooffset');
    expectRun(await cc([...B, '--topic', 'nooffset', '--group', 'gn', '--command-property', 'auto.offset.reset=none']), 0, '',
      `[<ts>] ERROR Error processing message, terminating consumer process:  ${LOGGER}\n` +
      `org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [nooffset-0]\n${processed(0)}`);
  });

  it('a member that stops polling (stdout blocked) longer than max.poll.interval.ms leaves the group, and joins again when it goes on', async () => {
    await createTopic(engine, 'stall');
    const value = 'x'.repeat(1000);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`${i}-${value}`);
    await produce('stall', lines);
    const t = spawnTool('kafka-console-consumer', [...B, '--topic', 'stall', '--group', 'gstall', '--from-beginning', '--max-messages', '3000',
      '--command-property', 'max.poll.interval.ms=2000', '--command-property', 'heartbeat.interval.ms=300', '--command-property', 'session.timeout.ms=6000'], { stdin: 'ignore' });
    // Nobody reads its stdout: the pipe fills and the consumer waits to write.
    t.proc.stdout!.pause();
    const exited = new Promise<number | null>((r) => t.proc.on('close', r));
    try {
      await waitFor(() => t.stderr().includes('consumer poll timeout has expired'), 20000, 'the poll timeout warning');
      expect(stripNotice(mask(t.stderr()))).toBe('[<ts>] WARN [Consumer clientId=console-consumer, groupId=gstall] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records. (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)\n');
      await waitFor(async () => !(await hasMember('gstall')), 10000, 'it left the group');
      t.proc.stdout!.resume();
      expect(await exited).toBe(0);
      expect(t.stdout().split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3000);
      expect(t.stderr()).toMatch(/Processed a total of 3000 messages\n$/);
    } finally {
      t.proc.kill('SIGKILL');
    }
  });
});
