// zookeeper-server-start, as a pre-3.0 tutorial runs it: one line saying no ZooKeeper is needed,
// then in the foreground until Ctrl-C (SIGINT) or SIGTERM, which end it with status 0.
import { describe, expect, it } from 'vitest';
import { runTool, spawnTool, waitFor } from '../helpers/engine';

describe('zookeeper-server-start', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('says no ZooKeeper is needed and waits until %s', async (signal) => {
    const t = spawnTool('zookeeper-server-start.sh', ['config/zookeeper.properties']);
    let out = '';
    t.proc.stdout!.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((r) => t.proc.on('exit', (code) => r(code)));
    await waitFor(() => out.includes('\n'), 10000, 'the line');
    expect(out).toMatch(/^kafka-local: no ZooKeeper is needed: .*KRaft controller.*\n$/);
    expect(t.proc.exitCode).toBeNull();
    t.proc.kill(signal);
    expect(await exited).toBe(0);
  }, 20000);

  it('without a properties file prints the usage; -daemon returns at once', async () => {
    const usage = await runTool('zookeeper-server-start', []);
    expect(usage.code).toBe(1);
    expect(usage.stdout).toMatch(/^USAGE: .*zookeeper-server-start \[-daemon\] zookeeper\.properties\n$/);
    const daemon = await runTool('zookeeper-server-start', ['-daemon', 'config/zookeeper.properties']);
    expect(daemon.code).toBe(0);
    expect(daemon.stdout).toMatch(/^kafka-local: no ZooKeeper is needed/);
  }, 20000);
});
