// kafka-server-start / kafka-server-stop as a user sees them.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnEngine, runTool, tempDir, canConnect, waitFor } from '../helpers/engine';

/** An ephemeral port that was free a moment ago (the daemon cannot report its port to us). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('kafka-server-start', () => {
  it('prints Kafka\'s USAGE on stdout and exits 1 without arguments', async () => {
    const r = await runTool('kafka-server-start', []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^USAGE: \S*kafka-server-start \[-daemon\] server\.properties \[--override property=value\]\*\n$/);
    expect(r.stderr).toBe('');
  });

  it('logs a started line with node id, listener and data directory', async () => {
    const dir = tempDir();
    const e = await spawnEngine({ dir, overrides: { 'node.id': '5' } });
    await waitFor(() => e.output().includes('Kafka Server started'), 5000, 'started line');
    expect(e.output()).toMatch(new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\] INFO \\[KafkaRaftServer nodeId=5\\] Kafka Server started \\(listeners: PLAINTEXT://127\\.0\\.0\\.1:${e.port}, log\\.dirs: ${dir}\\) \\(kafka\\.server\\.KafkaRaftServer\\)$`, 'm'));
    await e.stop();
  });

  it('refuses a bad config value with Kafka\'s message', async () => {
    const r = await runTool('kafka-server-start', ['--override', 'num.partitions=abc', '--override', `log.dirs=${tempDir()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid value abc for configuration num.partitions: Not a number of type INT');
  });

  it('reports extra positional arguments', async () => {
    const r = await runTool('kafka-server-start', ['a.properties', 'extra']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Found non argument parameters: extra');
  });
});

describe('kafka-server-start -daemon', () => {
  it('returns at once, runs the engine in the background and logs to <log.dirs>/kafkaServer.out', async () => {
    const dir = tempDir();
    const port = await freePort();
    const r = await runTool('kafka-server-start', ['-daemon', '--override', `listeners=PLAINTEXT://127.0.0.1:${port}`, '--override', `log.dirs=${dir}`, '--override', 'node.id=4343']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    await waitFor(() => canConnect(port), 10000, 'daemon engine');
    const log = path.join(dir, 'kafkaServer.out');
    await waitFor(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('Kafka Server started'), 5000, 'daemon log');
    const stop = await runTool('kafka-server-stop', ['--node-id=4343']);
    expect(stop.code).toBe(0);
    await waitFor(async () => !(await canConnect(port)), 10000, 'daemon stop');
    await waitFor(() => fs.readFileSync(log, 'utf8').includes('shut down completed'), 5000, 'shutdown line');
  });
});

describe('kafka-server-stop', () => {
  it('stops the selected engine gracefully and says when there is none', async () => {
    const e = await spawnEngine({ overrides: { 'node.id': '4242' } });
    const none = await runTool('kafka-server-stop', ['--node-id=4243']);
    expect(none).toEqual({ code: 1, stdout: 'No kafka server to stop\n', stderr: '' });
    const r = await runTool('kafka-server-stop', ['--node-id=4242']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await e.exited).toBe(0);
    expect(e.output()).toContain('shut down completed');
    expect(await canConnect(e.port)).toBe(false);
  });
});
