// The oclif CLI runs the same tool mains as the bin/ launchers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, runTool, TestEngine } from '../helpers/engine';

let engine: TestEngine;
beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => { await engine.stop(); });

describe('kafka-local (oclif)', () => {
  it('lists every tool', async () => {
    const r = await runTool('kafka-local', ['--help']);
    expect(r.code).toBe(0);
    for (const t of ['kafka-topics', 'kafka-server-start', 'kafka-server-stop', 'kafka-producer-perf-test', 'kafka-consumer-perf-test', 'kafka-e2e-latency']) expect(r.stdout).toContain(t);
  });

  it('runs kafka-topics with the same output and exit codes as bin/kafka-topics', async () => {
    const create = await runTool('kafka-local', ['kafka-topics', '--bootstrap-server', engine.bootstrap, '--create', '--topic', 'oclif-t']);
    expect(create, JSON.stringify(create)).toEqual({ code: 0, stdout: 'Created topic oclif-t.\n', stderr: '' });
    const viaOclif = await runTool('kafka-local', ['kafka-topics', '--bootstrap-server', engine.bootstrap, '--list']);
    const viaBin = await runTool('kafka-topics', ['--bootstrap-server', engine.bootstrap, '--list']);
    expect(viaOclif).toEqual(viaBin);
    const bad = await runTool('kafka-local', ['kafka-topics', '--bootstrap-server', engine.bootstrap, '--nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nope is not a recognized option');
  });
});
