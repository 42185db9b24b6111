// Our own console tools across a failover on a 3-broker cluster of separate processes:
// kafka-console-producer fed continuously (acks=all) and kafka-console-consumer --group keep
// working while a broker leading a partition and coordinating the group is killed with SIGKILL.
// Our client refreshes its metadata on NOT_LEADER_OR_FOLLOWER / LEADER_NOT_AVAILABLE /
// FENCED_LEADER_EPOCH / a lost connection and retries within delivery.timeout.ms; the consumer
// finds the new coordinator on NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE. The log is read back
// with kcat (a client we did not write).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailoverTopic, failoverCluster, victim } from '../helpers/failover';
import { spawnTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { stripNotice } from '../helpers/tools';

const cluster = failoverCluster();

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

describe('kafka-console-producer and kafka-console-consumer --group across a kill -9 of the leader and coordinator', () => {
  it('every line fed is acknowledged (exit 0, no error), in the log once, and consumed by the group without a rebalance', async () => {
    const topic = 'console-failover';
    const parts = await createFailoverTopic(cluster, topic);
    const { broker: killed, group } = await victim(cluster, parts, `${topic}-group`);
    const bootstrap = cluster.bootstrap();
    const killedPort = cluster.broker(killed).port;
    const consumer = spawnTool('kafka-console-consumer', ['--bootstrap-server', bootstrap, '--topic', topic, '--group', group, '--from-beginning'], { stdin: 'ignore' });
    const producer = spawnTool('kafka-console-producer', ['--bootstrap-server', bootstrap, '--topic', topic, '--producer-property', 'acks=all']);
    const producerExit = new Promise<number | null>((r) => producer.proc.on('close', (code) => r(code)));
    const consumerExit = new Promise<number | null>((r) => consumer.proc.on('close', (code) => r(code)));
    const consumed = () => consumer.stdout().split('\n').filter(Boolean);
    const consumedSeqs = () => consumed().map((l) => Number(l.slice(1)));
    let fed = 0;
    let feeding = true;
    // Fed continuously: never more than 3000 lines ahead of what the group consumed.
    const feeder = (async () => {
      while (feeding) {
        if (fed < consumed().length + 3000) {
          producer.proc.stdin!.write(Array.from({ length: 50 }, (_, i) => `s${fed + i}\n`).join(''));
          fed += 50;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      producer.proc.stdin!.end();
    })();
    const tail = () => `fed ${fed}, consumed ${consumed().length}\nproducer stderr: ${producer.stderr().slice(-3000)}\nconsumer stderr: ${consumer.stderr().slice(-3000)}`;
    try {
      await waitFor(() => consumed().length >= 1000, 60000, 'the group consuming').catch((e) => { throw new Error(`${e.message}\n${tail()}`); });
      const fedAtKill = fed;
      await cluster.signal(killed, 'SIGKILL');
      await waitFor(() => consumedSeqs().filter((s) => s >= fedAtKill).length >= 2000, 60000, '2000 lines fed after the kill consumed')
        .catch((e) => { throw new Error(`${e.message}\n${tail()}`); });
      feeding = false;
      await feeder;
      expect(await producerExit).toBe(0);
      const all = Array.from({ length: fed }, (_, i) => `s${i}`);
      await waitFor(() => { const c = new Set(consumed()); return all.every((l) => c.has(l)); }, 60000, 'every line consumed')
        .catch((e) => { throw new Error(`${e.message}\n${tail()}`); });
      // The member kept its generation across the coordinator's move: nothing was read twice.
      expect(consumed().length).toBe(fed);
      consumer.proc.kill('SIGTERM');
      expect(await consumerExit).toBe(143); // as the JVM's: 128 + SIGTERM, after its shutdown hook
      // Exactly once in the log (the console producer is idempotent with acks=all).
      const log = await runKcat(cluster.bootstrap(), ['-C', '-t', topic, '-o', 'beginning', '-e', '-q']);
      const lines = log.stdout.split('\n').filter(Boolean);
      expect(lines.length).toBe(all.length);
      expect(new Set(lines)).toEqual(new Set(all));
      console.log(`console: ${JSON.stringify({ killed, fed, fedAfterKill: fed - fedAtKill, consumed: consumed().length })}`);
      // What they print meanwhile is what Kafka's tools print (log4j WARN lines, none an ERROR):
      // the killed broker's connection, the produce errors retried after a metadata update.
      const stamp = String.raw`\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] WARN `;
      const unreachable = (node: string) => String.raw`Connection to node ${node} \(/127\.0\.0\.1:${killedPort}\) could not be established\. Node may not be available\. \(org\.apache\.kafka\.clients\.NetworkClient\)`;
      const sender = String.raw`(Got error produce response with correlation id \d+ on topic-partition ${topic}-\d, retrying \(\d+ attempts left\)\. Error: [A-Z_]+(\. Error Message: .*)?|Received invalid metadata error in produce request on partition ${topic}-\d due to org\.apache\.kafka\.common\.errors\.\w+: .* Going to request metadata update now) \(org\.apache\.kafka\.clients\.producer\.internals\.Sender\)`;
      const producerLine = new RegExp(`^${stamp}\\[Producer clientId=console-producer\\] (${unreachable(String(killed))}|${sender})$`);
      expect(producer.stderr().split('\n').filter((l) => l && !producerLine.test(l))).toEqual([]);
      // (Kafka's consumer also says when a commit met a coordinator that moved, and retries it.)
      const commitRetried = String.raw`Offset commit failed on partition ${topic}-\d at offset \d+: (The coordinator is not available|This is not the correct coordinator)\. \(org\.apache\.kafka\.clients\.consumer\.internals\.ConsumerCoordinator\)`;
      const consumerLine = new RegExp(`^${stamp}\\[Consumer clientId=console-consumer, groupId=${group}\\] (${unreachable(`\\+?${killed}`)}|${commitRetried})$`);
      expect(stripNotice(consumer.stderr()).split('\n').filter((l) => l && !consumerLine.test(l) && !/^Processed a total of \d+ messages$/.test(l))).toEqual([]);
    } finally {
      feeding = false;
      producer.proc.kill('SIGKILL');
      consumer.proc.kill('SIGKILL');
      if (!cluster.brokers.has(killed)) await cluster.start(killed);
    }
  }, 300000);
});
