// A Burrow-like lag checker against the engine (test/clients/go/burrowlike: Sarama 1.25, the
// release Burrow 1.3 pinned, at the protocol versions Burrow's defaults chose over the years):
// it reads all 50 partitions of __consumer_offsets from the oldest offset, decodes the offset
// commit and group metadata records itself, and computes lag from ListOffsets. What it finds must
// be what kafka-consumer-groups --describe prints: the committed offsets of a group whose member
// left (our console consumer), of a live kcat -G member and of a commit with a retention time
// (OffsetCommit v2, stored as OffsetCommitValue v1 by Kafka 4.4 too), their log end offsets and
// lags, and the live member's assignment in the group's metadata record.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, runTool, waitFor, ROOT } from '../helpers/engine';
import { kcatProduce } from '../helpers/groups';
import { recordVersions, runGo } from './run-client';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const TOPIC = 'burrow-t';
const LEFT = 'burrow-left';
const LIVE = 'burrow-live';
const RETAINED = 'burrow-retained';

let engine: TestEngine;
let kcat: ChildProcess | undefined;

interface Row { committed: number; logEnd: number; lag: number; clientId: string }

/** kafka-consumer-groups --describe: partition -> its numbers. */
async function describeGroup(group: string): Promise<Map<number, Row>> {
  const r = await runTool('kafka-consumer-groups', ['--bootstrap-server', engine.bootstrap, '--describe', '--group', group]);
  const rows = new Map<number, Row>();
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== group || f[1] !== TOPIC) continue;
    rows.set(Number(f[2]), { committed: Number(f[3]), logEnd: Number(f[4]), lag: Number(f[5]), clientId: f[8] });
  }
  return rows;
}

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' });
  expect((await runTool('kafka-topics', ['--bootstrap-server', engine.bootstrap, '--create', '--topic', TOPIC, '--partitions', '3'])).code).toBe(0);
  for (const [p, n] of [[0, 10], [1, 7], [2, 4]]) await kcatProduce(engine.bootstrap, TOPIC, Array.from({ length: n }, (_, i) => `p${p}-${i}`), p);
  // A group whose member read 12 records, committed and left.
  const c = await runTool('kafka-console-consumer', ['--bootstrap-server', engine.bootstrap, '--topic', TOPIC, '--group', LEFT, '--from-beginning', '--max-messages', '12']);
  expect(c.code, c.stderr).toBe(0);
  // A simple consumer's commit with a retention time (OffsetCommit v2).
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'burrow-test');
  await conn.connect();
  const oc = await conn.request(ApiKey.OffsetCommit, 2, {
    groupId: RETAINED, generationIdOrMemberEpoch: -1, memberId: '', retentionTimeMs: 3600000,
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: 2, committedMetadata: 'kept an hour' }] }],
  });
  conn.close();
  expect(oc.topics[0].partitions[0].errorCode).toBe(0);
  // A group with a live member that read everything (librdkafka's auto commit).
  kcat = spawn('kcat', ['-b', engine.bootstrap, '-G', LIVE, '-q', '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', TOPIC], { stdio: ['ignore', 'ignore', 'pipe'] });
  // More records: the group that left lags; the live member reads and commits them too.
  await kcatProduce(engine.bootstrap, TOPIC, ['late-0', 'late-1', 'late-2'], 1);
  await waitFor(async () => {
    const rows = await describeGroup(LIVE);
    return rows.size === 3 && rows.get(1)!.logEnd === 10 && [...rows.values()].every((r) => r.committed === r.logEnd && r.clientId === 'rdkafka');
  }, 30000, 'kcat -G to own every partition and commit every record');
}, 60000);

afterAll(async () => {
  if (kcat && kcat.exitCode === null) kcat.kill('SIGKILL');
  await engine.stop();
});

describe('a Burrow-like lag checker (Sarama 1.25)', () => {
  it.each([
    // Burrow 1.0-1.4's default kafka-version "0.8": message format v0 fetches of the offsets topic.
    ['0.8.2.0', ['1:0', '2:0', '3:0']],
    // Burrow's fallback for an empty kafka-version.
    ['0.10.2.0', ['1:3', '2:1', '3:1']],
    // The newest version Sarama 1.25 knew (Burrow 1.5 on default to 2.8.0, with a newer Sarama).
    ['2.4.0', ['1:4', '2:1', '3:5']],
  ])('as Kafka %s: the committed offsets, lags and members that kafka-consumer-groups describes', async (version, apis) => {
    const versions = recordVersions(engine);
    const r = await runGo('burrowlike', [engine.bootstrap, version]);
    versions.stop();
    // Only Fetch (1), ListOffsets (2) and Metadata (3), at the versions that Kafka version meant
    // (Sarama 1.25 sends no ApiVersions).
    expect([...(versions.byClient.get('burrow-lagchecker') ?? [])].sort()).toEqual(apis);
    expect(r.partitions).toBe(50);
    expect(r.undecoded).toEqual([]);
    for (const [group, valueVersion] of [[LEFT, 3], [LIVE, 3], [RETAINED, 1]] as const) {
      const rows = await describeGroup(group);
      const seen = r.offsets.filter((o: any) => o.group === group);
      expect(seen.map((o: any) => [o.topic, o.partition, o.offset, o.logEnd, o.lag]))
        .toEqual([...rows].sort(([a], [b]) => a - b).map(([p, row]) => [TOPIC, p, row.committed, row.logEnd, row.lag]));
      expect(seen.length).toBeGreaterThan(0);
      // OffsetCommitValue v3, as Kafka 3.9 wrote it: readers that predate v4 (Burrow before 1.9.5,
      // Kafka 2.x's formatter) read it (deliberate difference offset-commit-value-v3). v1 (with the
      // expiry) for a commit with a retention time, as Kafka 4.4.
      for (const o of seen) expect(o.valueVersion).toBe(valueVersion);
    }
    const lag = (group: string): number => r.offsets.filter((o: any) => o.group === group).reduce((n: number, o: any) => n + o.lag, 0);
    expect(lag(LEFT)).toBeGreaterThanOrEqual(3);
    expect(lag(LIVE)).toBe(0);
    expect(r.offsets.filter((o: any) => o.group === RETAINED).map((o: any) => [o.partition, o.offset, o.lag])).toEqual([[0, 2, 8]]);
    const groups = new Map<string, any>(r.groups.map((g: any) => [g.group, g]));
    expect(groups.get(LEFT)).toMatchObject({ valueVersion: 3, protocolType: 'consumer', members: [] });
    expect(groups.get(LIVE)).toMatchObject({
      valueVersion: 3, protocolType: 'consumer', protocol: 'range',
      members: [{ clientId: 'rdkafka', clientHost: '/127.0.0.1', assignment: { [TOPIC]: [0, 1, 2] } }],
    });
  }, 90000);
});
