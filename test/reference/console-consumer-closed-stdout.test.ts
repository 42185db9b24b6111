// kafka-console-consumer whose reader goes away (`| head -3`): Kafka's tool notices the failed
// write, says "Unable to write to standard out, closing consumer.", prints its count and exits 0.
// A pipeline is not a differential scenario (the suite's steps own their stdout), so this runs
// Kafka's tool and ours, each through bash into head, against Kafka's broker and our engine.
//
// The count is not compared: it is how many records the tool handled before it saw the closed
// pipe, a matter of timing (Kafka flushes each record, so it stops one record after head's last;
// ours writes a fetched chunk at once and stops after that chunk).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, spawnEngine, tempDir, type ChildEngine } from '../helpers/engine';
import { startReferenceCluster, SCRIPT, ToolRunner, type ReferenceCluster } from './lib/kafka';

let kafka: ReferenceCluster;
let engine: ChildEngine;
let runner: ToolRunner;
let dir: string;

const LINES = 20000;
const line = (i: number): string => `line-${i}-${'p'.repeat(60)}`;

type Side = 'kafka' | 'ours';

/** `<tool> ... | head -3` in bash: head's output, the tool's exit status and its stderr. */
function headed(tools: Side, bootstrap: string): Promise<{ stdout: string; code: number; stderr: string }> {
  const args = ['--bootstrap-server', bootstrap, '--topic', 'headed', '--from-beginning'];
  const tool = tools === 'kafka'
    ? ['bash', SCRIPT, 'tool', 'kafka-console-consumer', ...args]
    : [process.execPath, path.join(BIN, 'kafka-console-consumer'), ...args];
  const err = path.join(dir, `${tools}-${bootstrap.replace(/\W/g, '_')}.err`);
  const cmd = `${tool.map((a) => JSON.stringify(a)).join(' ')} 2>${JSON.stringify(err)} | head -3; echo "exit=\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const p = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' } });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', () => {
      const m = /exit=(\d+)\n$/.exec(out);
      resolve({ stdout: out.replace(/exit=\d+\n$/, ''), code: m ? Number(m[1]) : -1, stderr: fs.readFileSync(err, 'utf8') });
    });
  });
}

beforeAll(async () => {
  dir = tempDir('kl-headed-');
  [kafka, engine] = await Promise.all([startReferenceCluster(1), spawnEngine()]);
  runner = new ToolRunner();
  const records = Array.from({ length: LINES }, (_, i) => line(i)).join('\n') + '\n';
  for (const b of [kafka.bootstrap, engine.bootstrap]) {
    expect((await runner.run('kafka-topics', ['--bootstrap-server', b, '--create', '--topic', 'headed'])).code).toBe(0);
    expect((await runner.run('kafka-console-producer', ['--bootstrap-server', b, '--topic', 'headed'], { input: records, timeoutMs: 120000 })).code).toBe(0);
  }
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), engine?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 120000);

describe('kafka-console-consumer | head -3', () => {
  it('exit 0; stderr: "Unable to write to standard out, closing consumer." then the count; on every lane as on Kafka', async () => {
    const lanes: [Side, Side][] = [['kafka', 'kafka'], ['ours', 'ours'], ['ours', 'kafka'], ['kafka', 'ours']];
    const shape = (r: { stdout: string; code: number; stderr: string }) => ({
      stdout: r.stdout, code: r.code, stderr: r.stderr.replace(/^Processed a total of \d+ messages$/m, 'Processed a total of <n> messages'),
    });
    const results = new Map<string, ReturnType<typeof shape>>();
    for (const [tools, broker] of lanes) results.set(`${tools}-on-${broker}`, shape(await headed(tools, broker === 'kafka' ? kafka.bootstrap : engine.bootstrap)));
    const truth = results.get('kafka-on-kafka')!;
    expect(truth.stdout).toBe(`${line(0)}\n${line(1)}\n${line(2)}\n`);
    expect(truth.code).toBe(0);
    expect(truth.stderr).toMatch(/^Unable to write to standard out, closing consumer\.\nProcessed a total of <n> messages\n$/m);
    for (const [lane, got] of results) expect(got, lane).toEqual(truth);
  }, 300000);
});
