// kafka-console-consumer --formatter on __consumer_offsets, against our engine: the offsets and
// group-metadata formatters under their current and 2.x class names print Kafka 4.4's JSON objects
// (one after the other, no separator, as Kafka prints them) for the records our group coordinator
// wrote. The same formatters are compared with Kafka's on Kafka's broker in
// test/reference/scenarios/kafka-console-consumer.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, startInProcessEngine, type TestEngine } from '../helpers/engine';

let engine: TestEngine;

/** The JSON objects Kafka's formatters print back to back. */
const objects = (s: string): any[] => (s === '' ? [] : s.split(/(?=\{"key":)/).map((x) => JSON.parse(x)));

beforeAll(async () => {
  engine = await startInProcessEngine();
  const B = ['--bootstrap-server', engine.bootstrap];
  await runTool('kafka-topics', [...B, '--create', '--topic', 'ft', '--partitions', '1']);
  await runTool('kafka-console-producer', [...B, '--topic', 'ft'], { input: 'a\nb\nc\n' });
  const c = await runTool('kafka-console-consumer', [...B, '--topic', 'ft', '--group', 'fg', '--from-beginning', '--max-messages', '3']);
  expect(c.stdout).toBe('a\nb\nc\n');
}, 30000);

afterAll(async () => {
  await engine?.stop();
});

/** The group's __consumer_offsets partition read whole (up to its end offset, so no timeout decides). */
async function read(formatter: string) {
  const { javaStringHashCode } = require('../../dist/util/java-hash');
  const p = Math.abs(javaStringHashCode('fg')) % 50;
  const end = (await runTool('kafka-get-offsets', ['--bootstrap-server', engine.bootstrap, '--topic', '__consumer_offsets', '--partitions', String(p)])).stdout;
  const count = Number(/:(\d+)\n?$/.exec(end.trim())?.[1]);
  return runTool('kafka-console-consumer', ['--bootstrap-server', engine.bootstrap, '--topic', '__consumer_offsets', '--partition', String(p),
    '--offset', 'earliest', '--max-messages', String(count), '--timeout-ms', '30000', '--formatter', formatter]);
}

describe('the __consumer_offsets formatters on our engine', () => {
  it.each(['org.apache.kafka.tools.consumer.OffsetsMessageFormatter', 'kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter'])('%s prints the group\'s committed offset', async (f) => {
    const r = await read(f);
    expect(r.stdout.endsWith('}')).toBe(true);
    const commits = objects(r.stdout);
    const mine = commits.filter((o) => o.key.data.group === 'fg');
    expect(mine.at(-1)).toMatchObject({ key: { type: 1, data: { group: 'fg', topic: 'ft', partition: 0 } }, value: { version: 3, data: { offset: 3, metadata: '' } } });
    expect(Object.keys(mine.at(-1).value.data)).toEqual(['offset', 'leaderEpoch', 'metadata', 'commitTimestamp']);
    expect(commits.every((o) => o.key.type === 1)).toBe(true);
  }, 60000);

  it.each(['org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter', 'kafka.coordinator.group.GroupMetadataManager$GroupMetadataMessageFormatter'])('%s prints the group\'s generations', async (f) => {
    const r = await read(f);
    const groups = objects(r.stdout).filter((o) => o.key.data.group === 'fg');
    expect(groups.length).toBeGreaterThan(0);
    const joined = groups.find((o) => o.value?.data.members.length === 1);
    expect(joined.value).toMatchObject({ version: 3, data: { protocolType: 'consumer', protocol: 'range' } });
    expect(Object.keys(joined.value.data.members[0])).toEqual(['memberId', 'groupInstanceId', 'clientId', 'clientHost', 'rebalanceTimeout', 'sessionTimeout', 'subscription', 'assignment']);
    expect(objects(r.stdout).every((o) => o.key.type === 2)).toBe(true);
  }, 60000);
});
