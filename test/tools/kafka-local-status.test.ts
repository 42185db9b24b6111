// kafka-local status against a one-broker engine (in-process): the plain transcript (NO_COLOR,
// and a pipe without NO_COLOR) of a topic with records and config overrides, a live kcat group
// (librdkafka) with its lag consumed and an idle group with lag, the JSON document's shape, the
// filters, a clear error for an unreachable address, and --watch in a pseudo-terminal: two
// frames drawn in place with colour, the second saying what changed, and Ctrl-C ending it.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, waitFor, type TestEngine } from '../helpers/engine';
import { conformance, kcatBatch, maskStatus, status, STATUS_SCHEMA, statusInTerminal, statusJson } from '../helpers/status';
import { createTopic, useEngine } from '../helpers/tools';

let engine: TestEngine;
let kcat: ChildProcess | undefined;

useEngine((e) => { engine = e; });

beforeAll(async () => {
  await createTopic(engine, 'orders', 3, { 'retention.ms': '3600000', 'cleanup.policy': 'delete' });
  await createTopic(engine, 'audit', 1);
  await kcatBatch(engine.bootstrap, 'orders', 0, ['a', 'b', 'c']);
  await kcatBatch(engine.bootstrap, 'orders', 1, ['d', 'e']);
  await kcatBatch(engine.bootstrap, 'audit', 0, ['x', 'y', 'z', 'w']);
  // An idle group two records behind on orders-0 and all behind on audit.
  const reset = await runTool('kafka-consumer-groups', ['--bootstrap-server', engine.bootstrap, '--group', 'idle', '--reset-offsets',
    '--topic', 'orders:0', '--to-offset', '1', '--execute']);
  expect(reset.code, reset.stderr).toBe(0);
  const reset2 = await runTool('kafka-consumer-groups', ['--bootstrap-server', engine.bootstrap, '--group', 'idle', '--reset-offsets',
    '--topic', 'audit', '--to-earliest', '--execute']);
  expect(reset2.code, reset2.stderr).toBe(0);
  // A live librdkafka member that reads orders to its end and commits.
  kcat = spawn('kcat', ['-b', engine.bootstrap, '-G', 'live', '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100',
    '-X', 'partition.assignment.strategy=range', '-q', 'orders'], { stdio: ['ignore', 'ignore', 'ignore'] });
  await waitFor(async () => {
    const doc = await statusJson(engine.bootstrap, ['--group', 'live']);
    const g = doc.groups[0];
    return g && g.state === 'Stable' && g.members.length === 1 && g.totalLag === 0 && g.topics[0]?.partitions.length === 2; // kcat commits only where it read
  }, 30000, 'the live group stable with nothing left to read');
});

afterAll(async () => {
  if (kcat && kcat.exitCode === null) {
    kcat.kill('SIGTERM');
    await new Promise((r) => kcat!.on('close', r));
  }
});

const TRANSCRIPT = `Cluster <cluster-id>  controller 1  brokers 1
BROKER  ADDRESS          RACK  ALIVE  LEADS
1       127.0.0.1:<port>  -     yes    54

Topics (2)
TOPIC   PARTITIONS  RF  RECORDS  SIZE   STATUS  CONFIGS
audit   1           1   4        93 B   ok      -
orders  3           1   5        162 B  ok      cleanup.policy=delete,retention.ms=3600000

TOPIC   PARTITION  LEADER  REPLICAS  ISR  START  END  RECORDS  SIZE  STATUS
audit   0          1       1         1    0      4    4        93 B  ok
orders  0          1       1         1    0      3    3        85 B  ok
orders  1          1       1         1    0      2    2        77 B  ok
orders  2          1       1         1    0      0    0        0 B   ok

Consumer groups (2)
GROUP  STATE   TYPE     ASSIGNOR  MEMBERS  LAG  STATUS
idle   Empty   Classic  -         0        6    empty
live   Stable  Classic  range     1        0    ok

GROUP  TOPIC   COMMITTED  END      LAG
idle   audit   0:0        0:4      4
idle   orders  0:1        0:3      2
live   orders  0:3 1:2    0:3 1:2  0

GROUP  MEMBER                                        CLIENT   HOST        OWNS
live   rdkafka-<uuid>  rdkafka  /127.0.0.1  orders:0,1,2
`;

describe('kafka-local status on one broker', () => {
  it('prints brokers, topics with partitions and configs, and groups with their lag, as plain text under NO_COLOR', async () => {
    const r = await status(engine.bootstrap);
    expect({ code: r.code, stdout: maskStatus(r.stdout), stderr: r.stderr }).toEqual({ code: 0, stdout: TRANSCRIPT, stderr: '' });
  });

  it('into a pipe it is plain text without NO_COLOR too, and --no-color is plain as well', async () => {
    const piped = await status(engine.bootstrap, [], {});
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('\x1b');
    expect(maskStatus(piped.stdout)).toBe(TRANSCRIPT);
    const noColor = await status(engine.bootstrap, ['--no-color'], {});
    expect(maskStatus(noColor.stdout)).toBe(TRANSCRIPT);
  });

  it('--topic and --group narrow it to whole-name matches', async () => {
    const r = await status(engine.bootstrap, ['--topic', 'ord.*', '--group', 'idle']);
    const out = maskStatus(r.stdout);
    expect(out).toContain('Topics (1)\n');
    expect(out).not.toMatch(/^audit /m);
    expect(out).toContain('Consumer groups (1)\n');
    expect(out).toContain('idle   orders  0:1        0:3  2\n');
    expect(out).toContain('idle   audit   0:0        0:4  4\n'); // the group's offsets on every topic it committed
    expect(out).not.toMatch(/^live /m);
    // Whole names whichever alternative comes first ('ord' alone would match the start of 'orders').
    const alternatives = await statusJson(engine.bootstrap, ['--topic', 'ord|orders|aud', '--group', 'i|idle|liv']);
    expect([alternatives.topics.map((t: any) => t.name), alternatives.groups.map((g: any) => g.groupId)]).toEqual([['orders'], ['idle']]);
    const none = await status(engine.bootstrap, ['--topic', 'ord', '--group', 'nobody']);
    expect(none.stdout).toContain('Topics (0)\nNo topics.\n');
    expect(none.stdout).toContain('Consumer groups (0)\nNo consumer groups.\n');
    const internal = await statusJson(engine.bootstrap, ['--topic', '__consumer_offsets']);
    expect(internal.topics.map((t: any) => [t.name, t.internal, t.partitionCount])).toEqual([['__consumer_offsets', true, 50]]);
  });

  it('--output json gives one document of the documented shape', async () => {
    const doc = await statusJson(engine.bootstrap);
    // Every element of every array (the idle group, listed first, has no members: the live one's are checked too).
    expect(conformance(doc, STATUS_SCHEMA)).toEqual([]);
    expect(doc.groups.map((g: any) => [g.groupId, g.members.length])).toEqual([['idle', 0], ['live', 1]]);
    expect(doc.version).toBe(1);
    const orders = doc.topics.find((t: any) => t.name === 'orders');
    expect(orders.configs).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '3600000' });
    expect(orders.partitions.map((p: any) => [p.partition, p.logStartOffset, p.logEndOffset, p.records])).toEqual([[0, 0, 3, 3], [1, 0, 2, 2], [2, 0, 0, 0]]);
    const live = doc.groups.find((g: any) => g.groupId === 'live');
    expect(live.members.map((m: any) => ({ clientId: m.clientId, assignment: m.assignment })))
      .toEqual([{ clientId: 'rdkafka', assignment: [{ topic: 'orders', partitions: [0, 1, 2] }] }]);
  });

  it('says clearly when nothing answers at the address, exit status 1', async () => {
    const r = await runTool('kafka-local', ['status', '--bootstrap-server', '127.0.0.1:1', '--timeout', '1'], { env: { NO_COLOR: '1' } });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'kafka-local status: no broker answered at 127.0.0.1:1 within 1 s\n' });
    const bad = await runTool('kafka-local', ['status', '--watch=soon']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kafka-local status: --watch needs a positive number of seconds, not 'soon'\n\nUsage: kafka-local status /);
  });

  it('--watch in a terminal redraws in place, in colour, says what changed, and ends on Ctrl-C', async () => {
    const term = statusInTerminal(['--bootstrap-server', engine.bootstrap, '--watch', '0.5', '--topic', 'orders|fresh', '--group', 'idle']);
    try {
      await term.waitFor(/frame 1 .*\r?\nChanges: first frame/);
      await createTopic(engine, 'fresh', 2);
      const reset = await runTool('kafka-consumer-groups', ['--bootstrap-server', engine.bootstrap, '--group', 'idle', '--reset-offsets',
        '--topic', 'orders:0', '--to-offset', '2', '--execute']);
      expect(reset.code).toBe(0);
      await term.waitFor(/\* group idle lag on orders shrank 2 -> 1/);
      term.type('\x03');
      expect(await term.exited).toBe(0);
    } finally {
      if (term.proc.exitCode === null) term.proc.kill('SIGKILL');
    }
    const out = term.output();
    expect(out.startsWith('\x1b[?1049h')).toBe(true); // the alternate screen: frames do not scroll
    expect(out).toContain('\x1b[H\x1b[2J'); // each frame from the top of a cleared screen
    expect(out).toContain('\x1b[32mok\x1b[39m'); // colour, on a terminal only
    expect(out).toContain('\x1b[?1049l'); // the normal screen back after Ctrl-C
    expect(out).toContain('topic fresh created (2 partitions)');
    const frames = out.split('\x1b[H\x1b[2J').slice(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames[1]).toMatch(/frame 2 /);
  });

  it('--watch in a terminal under NO_COLOR still redraws in place, without colour', async () => {
    const term = statusInTerminal(['--bootstrap-server', engine.bootstrap, '--watch', '0.5', '--topic', 'audit'], { NO_COLOR: '1' });
    try {
      await term.waitFor(/frame 2 .*\r?\nChanges: none since the last frame/);
      term.type('\x03');
      expect(await term.exited).toBe(0);
    } finally {
      if (term.proc.exitCode === null) term.proc.kill('SIGKILL');
    }
    const out = term.output();
    expect(out).toContain('\x1b[H\x1b[2J');
    expect(out).not.toMatch(/\x1b\[(1|22|3\d|39)m/);
  });
});
