// A cluster formed from KRaft-style property files, as Kafka's multi-node guides write them
// (process.roles=broker,controller, node.id, controller.quorum.voters naming every node's
// CONTROLLER listener, listeners with a CONTROLLER listener, controller.listener.names, log.dirs):
// three kafka-server-start processes given such files share one metadata store, named by the
// quorum setting; nothing listens on the CONTROLLER ports (they only name the quorum), so they
// are merely picked free. A topic created through one broker is described through another, and a
// leader killed is replaced.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { runTool, waitFor } from '../helpers/engine';
import { describeTopic } from '../helpers/failover';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Variant {
  /** The quorum setting that names the cluster. */
  setting: 'controller.quorum.voters' | 'controller.quorum.bootstrap.servers';
  /** controller.listener.names (Kafka's files say CONTROLLER; any name works). */
  controllerListener: string;
}

/** One node's file: combined broker and controller, one of three (Kafka's config/server.properties, adapted). */
function propertiesFile(v: Variant, ports: number[], id: number, logDir: string): string {
  const quorum = v.setting === 'controller.quorum.voters'
    ? ports.map((p, i) => `${i + 1}@localhost:${p}`).join(',')
    : ports.map((p) => `localhost:${p}`).join(',');
  return [
    '############################# Server Basics #############################',
    'process.roles=broker,controller',
    `node.id=${id}`,
    `${v.setting}=${quorum}`,
    '############################# Socket Server Settings #############################',
    `listeners=PLAINTEXT://127.0.0.1:0,${v.controllerListener}://localhost:${ports[id - 1]}`,
    'inter.broker.listener.name=PLAINTEXT',
    `controller.listener.names=${v.controllerListener}`,
    `listener.security.protocol.map=${v.controllerListener}:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL`,
    'num.network.threads=3',
    'num.io.threads=8',
    '############################# Log Basics #############################',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=3',
    'transaction.state.log.replication.factor=3',
    'transaction.state.log.min.isr=2',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const variants: Variant[] = [
  { setting: 'controller.quorum.voters', controllerListener: 'CONTROLLER' },
  { setting: 'controller.quorum.bootstrap.servers', controllerListener: 'CONTROLLER_PLAINTEXT' },
];

describe.each(variants)('a cluster from KRaft-style property files ($setting)', (v) => {
  let ports: number[] = [];
  const cluster = new TestCluster({ brokers: 3, propertiesFile: (id, logDir) => propertiesFile(v, ports, id, logDir) });

  beforeAll(async () => {
    ports = [await freePort(), await freePort(), await freePort()];
    await cluster.startAll();
  }, 60000);

  afterAll(async () => { await cluster.stop(); });

  it('the three brokers share one store named by the quorum setting, and listen on no controller port', () => {
    const clusters = fs.readdirSync(path.join(cluster.home, 'clusters'));
    expect(clusters).toEqual([ports.map((p) => `localhost_${p}`).join('+')]);
    for (const b of cluster.brokers.values()) {
      const listening = [...b.output().matchAll(/Awaiting socket connections on ([^\s]+)\./g)].map((m) => m[1]);
      expect(listening).toEqual([`127.0.0.1:${b.port}`]);
    }
  });

  it('a topic created with --replication-factor 3 through one broker is described through another; a killed leader is replaced', async () => {
    const topic = 'kraft-files';
    const created = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--create', '--topic', topic,
      '--partitions', '3', '--replication-factor', '3']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe(`Created topic ${topic}.\n`);
    const parts = await waitFor(async () => {
      const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(2), '--describe', '--topic', topic]);
      const ps = [...r.stdout.matchAll(/Partition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)/g)];
      return ps.length === 3 && ps.every((m) => m[4].split(',').length === 3) ? ps.map((m) => ({ partition: Number(m[1]), leader: Number(m[2]), replicas: m[3] })) : undefined;
    }, 20000, `${topic} described in sync through broker 2`);
    // Leaders spread over the three brokers, each the partition's first replica.
    expect(new Set(parts.map((p) => p.leader)).size).toBe(3);
    for (const p of parts) expect(String(p.leader)).toBe(p.replicas.split(',')[0]);
    const killed = parts[0].leader;
    await cluster.signal(killed, 'SIGKILL');
    const after = await waitFor(async () => {
      const ps = await describeTopic(cluster, topic);
      return ps.length === 3 && ps.every((p) => p.leader !== 'none' && Number(p.leader) !== killed && !p.isr.split(',').includes(String(killed))) ? ps : undefined;
    }, 20000, `new leaders after broker ${killed} was killed`);
    expect(after.map((p) => p.isr.split(',').length)).toEqual([2, 2, 2]);
    // And the survivors serve it: a record written with acks=all is read back.
    const produced = await runTool('kafka-console-producer', ['--bootstrap-server', cluster.bootstrap(), '--topic', topic,
      '--producer-property', 'acks=all'], { input: 'after-kill\n' });
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const consumed = await runTool('kafka-console-consumer', ['--bootstrap-server', cluster.bootstrap(), '--topic', topic,
      '--from-beginning', '--max-messages', '1', '--timeout-ms', '20000']);
    expect(consumed.stdout).toBe('after-kill\n');
  }, 120000);
});
