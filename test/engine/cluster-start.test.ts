// Starting a local cluster the ways tutorials do: property files in the seed-era style
// (server-N.properties with broker.id, listeners, log.dirs, zookeeper.connect) started with
// -daemon, kafka-server-stop --node-id=N stopping one broker after its leaderships moved, and
// kafka-server-start --cluster N. Brokers are found by their log files and stopped by pid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runTool, tempDir, waitFor } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const pids: number[] = [];

afterAll(async () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A daemon broker's port and pid, once its kafkaServer.out says it started. */
async function started(logDir: string): Promise<{ port: number; pid: number }> {
  return waitFor(() => {
    const out = fs.existsSync(path.join(logDir, 'kafkaServer.out')) ? fs.readFileSync(path.join(logDir, 'kafkaServer.out'), 'utf8') : '';
    const m = /Awaiting socket connections on [^:]+:(\d+)/.exec(out);
    if (!m || !/Kafka Server started/.test(out)) return undefined;
    const pid = Number(fs.readFileSync(path.join(logDir, '.lock'), 'utf8'));
    if (!pids.includes(pid)) pids.push(pid);
    return { port: Number(m[1]), pid };
  }, 30000, `broker in ${logDir}`);
}

async function brokerIds(port: number): Promise<number[]> {
  const c = new BrokerConnection('127.0.0.1', port, 'cluster-start-test');
  await c.connect();
  try {
    const r = await c.request(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    return r.brokers.map((b: any) => b.nodeId).sort();
  } finally {
    c.close();
  }
}

describe('tutorial-style property files, -daemon and kafka-server-stop --node-id', () => {
  it('brokers sharing zookeeper.connect form one cluster; --zookeeper finds it; stopping one moves its leaderships', async () => {
    const home = tempDir('kl-tut-home-');
    const zk = `localhost:2181/${path.basename(home)}`;
    const env = { KAFKA_LOCAL_HOME: home };
    const ids = [7101, 7102];
    const dirs = new Map<number, string>();
    for (const id of ids) {
      const dir = path.join(home, `kafka-logs-${id}`);
      dirs.set(id, dir);
      fs.writeFileSync(path.join(home, `server-${id}.properties`), [
        `broker.id=${id}`, 'listeners=PLAINTEXT://127.0.0.1:0', `log.dirs=${dir}`, `zookeeper.connect=${zk}`,
        'broker.session.timeout.ms=3000', 'broker.heartbeat.interval.ms=250', '',
      ].join('\n'));
      const r = await runTool('kafka-server-start', ['-daemon', path.join(home, `server-${id}.properties`)], { env });
      expect(r.code).toBe(0);
    }
    const brokers = new Map<number, { port: number; pid: number }>();
    for (const id of ids) brokers.set(id, await started(dirs.get(id)!));
    const b1 = `127.0.0.1:${brokers.get(7101)!.port}`;
    await waitFor(async () => (await brokerIds(brokers.get(7101)!.port)).join() === '7101,7102', 10000, 'two brokers');

    const created = await runTool('kafka-topics', ['--bootstrap-server', b1, '--create', '--topic', 'tut', '--partitions', '2', '--replication-factor', '2'], { env });
    expect(created.stdout).toBe('Created topic tut.\n');
    const viaZk = await runTool('kafka-topics', ['--zookeeper', zk, '--describe', '--topic', 'tut'], { env });
    expect(viaZk.stdout).toMatch(/Partition: 0\tLeader: 710[12]\tReplicas: 710[12],710[12]\tIsr: 710[12],710[12]/);

    const stop = await runTool('kafka-server-stop', ['--node-id=7102'], { env });
    expect(stop.code).toBe(0);
    await waitFor(() => !alive(brokers.get(7102)!.pid), 20000, 'broker 7102 stopped');
    const out = fs.readFileSync(path.join(dirs.get(7102)!, 'kafkaServer.out'), 'utf8');
    expect(out).toContain('Beginning controlled shutdown.');
    const after = await runTool('kafka-topics', ['--bootstrap-server', b1, '--describe', '--topic', 'tut'], { env });
    for (const m of after.stdout.matchAll(/Leader: (\S+)\tReplicas: \S+\tIsr: (\S*)/g)) {
      expect(m[1]).toBe('7101');
      expect(m[2]).toBe('7101');
    }
    expect(await brokerIds(brokers.get(7101)!.port)).toEqual([7101]);
  }, 90000);
});

describe('kafka-server-start --cluster N', () => {
  it('starts brokers 1..N as separate processes forming one cluster under the per-user dir', async () => {
    const home = tempDir('kl-cl-home-');
    const r = await runTool('kafka-server-start', ['--cluster', '2', '-daemon', '--override', 'listeners=PLAINTEXT://127.0.0.1:0',
      '--override', 'broker.session.timeout.ms=3000', '--override', 'broker.heartbeat.interval.ms=250'], { env: { KAFKA_LOCAL_HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Started 2 brokers (node ids 1-2, data in ${path.join(home, 'cluster', 'broker-N')}) in the background; stop one with kafka-server-stop --node-id=N, all with kafka-server-stop.\n`);
    const b = [];
    for (const id of [1, 2]) b.push(await started(path.join(home, 'cluster', `broker-${id}`)));
    await waitFor(async () => (await brokerIds(b[0].port)).join() === '1,2', 10000, 'two brokers');
    expect(fs.existsSync(path.join(home, 'clusters', 'localhost_2181', 'cluster-metadata.db'))).toBe(true);
    // The internal topics are replicated over the cluster (up to 3) unless the user says otherwise.
    const all = await runTool('kafka-configs', ['--bootstrap-server', `127.0.0.1:${b[0].port}`, '--entity-type', 'brokers', '--entity-name', '1', '--describe', '--all']);
    expect(all.stdout).toMatch(/^  offsets\.topic\.replication\.factor=2 sensitive=false synonyms=\{STATIC_BROKER_CONFIG:offsets\.topic\.replication\.factor=2/m);
    const bad = await runTool('kafka-server-start', ['--cluster', 'x'], { env: { KAFKA_LOCAL_HOME: home } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--cluster needs a number of brokers (1-64), not 'x'");
  }, 90000);
});
