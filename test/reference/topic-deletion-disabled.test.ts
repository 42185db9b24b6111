// A broker started with delete.topic.enable=false (a static setting: Kafka refuses it dynamically,
// see kafka-configs/alter-broker-delete-topic-enable): kafka-topics --delete fails with "Topic
// deletion is disabled." and the topic stays. Kafka 4.4 started with the override is the judge;
// our engine started with it must answer the same, to Kafka's tools and ours (the differential
// suite's four lanes, on brokers of their own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, spawnEngine, type ChildEngine } from '../helpers/engine';
import { startReferenceCluster, ToolRunner, type ReferenceCluster, type ToolResult } from './lib/kafka';
import { maskOutput } from './lib/mask';

const OVERRIDES = { 'delete.topic.enable': 'false' };
let kafka: ReferenceCluster;
let engine: ChildEngine;
let runner: ToolRunner;

type Side = 'kafka' | 'ours';
const bootstrapOf = (broker: Side): string => (broker === 'kafka' ? kafka.bootstrap : engine.bootstrap);

async function run(tools: Side, broker: Side, tool: string, ...args: string[]): Promise<ToolResult> {
  const bootstrap = bootstrapOf(broker);
  const full = ['--bootstrap-server', bootstrap, ...args];
  const r = tools === 'kafka'
    ? await runner.run(tool, full, { timeoutMs: 60000 })
    : await runTool(`${tool}.sh`, full, { timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });
  const ctx = { addresses: [bootstrap], dir: '' };
  // Stack frames are Kafka's alone (deliberate-differences.json, stack-trace-frames).
  const frames = /^(\tat |\t\.\.\. \d+ more$|Caused by: ).*\n/gm;
  return { code: r.code, stdout: maskOutput(r.stdout, ctx), stderr: maskOutput(r.stderr, ctx).replace(frames, '') };
}

beforeAll(async () => {
  [kafka, engine] = await Promise.all([startReferenceCluster(1, OVERRIDES), spawnEngine({ overrides: OVERRIDES })]);
  runner = new ToolRunner();
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), engine?.stop()]);
}, 120000);

describe('delete.topic.enable=false', () => {
  const lanes: [Side, Side][] = [['kafka', 'kafka'], ['ours', 'ours'], ['ours', 'kafka'], ['kafka', 'ours']];

  it('kafka-topics --delete: "Topic deletion is disabled.", exit 1, the topic stays; on every lane as on Kafka', async () => {
    const results = new Map<string, ToolResult[]>();
    for (const [tools, broker] of lanes) {
      const topic = `keep-${tools}`;
      expect((await run('kafka', broker, 'kafka-topics', '--create', '--topic', topic)).code).toBe(0);
      const out = [
        await run(tools, broker, 'kafka-topics', '--delete', '--topic', topic),
        await run(tools, broker, 'kafka-topics', '--delete', '--topic', topic, '--if-exists'),
        await run(tools, broker, 'kafka-topics', '--describe', '--topic', topic),
      ];
      results.set(`${tools}-on-${broker}`, out.map((r) => ({ ...r, stdout: r.stdout.split(topic).join('<topic>'), stderr: r.stderr.split(topic).join('<topic>') })));
    }
    const truth = results.get('kafka-on-kafka')!;
    expect(truth[0].code).toBe(1);
    expect(truth[0].stdout + truth[0].stderr).toContain('Topic deletion is disabled.');
    for (const [lane, got] of results) expect(got, lane).toEqual(truth);
  });
});
