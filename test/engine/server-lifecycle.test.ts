// kafka-server-start / kafka-server-stop as a user sees them.
import { describe, it, expect } from 'vitest';
import { spawnEngine, runTool, tempDir, canConnect, waitFor } from '../helpers/engine';

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
