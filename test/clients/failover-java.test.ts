// Kafka's Java clients (kafka-clients 4.4.0) across a failover on a 3-broker cluster of separate
// processes: an idempotent acks=all producer keeps producing while the leader of a partition is
// killed with SIGKILL, and a consumer group keeps consuming across the same kill, which also takes
// its group coordinator (test/helpers/failover.ts; programs in test/clients/java/FailoverClients.java).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverCluster, runFailover, lineClient } from '../helpers/failover';
import { spawnJava } from '../helpers/java';

const cluster = failoverCluster();

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

const java = (args: string[]) => lineClient(spawnJava('FailoverClients', args, { stdin: 'pipe' }).proc);

describe('Kafka\'s Java clients across a leader and coordinator kill', () => {
  it('every acknowledged record is in the log once and consumed by the group, which goes on after the kill', async () => {
    const r = await runFailover(cluster, {
      producer: (topic) => java(['produce', cluster.bootstrap(), topic]),
      consumer: (topic, group) => java(['consume', cluster.bootstrap(), topic, group]),
    }, 'java-failover');
    expect(r.ackedAfterKill).toBeGreaterThanOrEqual(1000);
    console.log(`java: ${JSON.stringify(r)}`);
  }, 300000);
});
