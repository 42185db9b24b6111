// confluent-kafka (librdkafka) and kafka-python across a failover on a 3-broker cluster of separate
// processes: an idempotent acks=all producer keeps producing while the leader of a partition is
// killed with SIGKILL, and a consumer group keeps consuming across the same kill, which also takes
// its group coordinator (test/helpers/failover.ts; test/clients/python/failover_clients.py).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverCluster, runFailover, spawnLineClient } from '../helpers/failover';
import { PYTHON } from '../helpers/deps';
import { ROOT } from '../helpers/engine';

const cluster = failoverCluster();

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

const python = (args: string[]) => spawnLineClient(PYTHON, ['-u', 'failover_clients.py', ...args], { cwd: path.join(ROOT, 'test', 'clients', 'python') });

describe.each(['confluent', 'kafka-python'])('%s across a leader and coordinator kill', (library) => {
  it('every acknowledged record is in the log once and consumed by the group, which goes on after the kill', async () => {
    const r = await runFailover(cluster, {
      producer: (topic) => python([library, 'produce', cluster.bootstrap(), topic]),
      consumer: (topic, group) => python([library, 'consume', cluster.bootstrap(), topic, group]),
    }, `${library}-failover`);
    expect(r.ackedAfterKill).toBeGreaterThanOrEqual(1000);
    console.log(`${library}: ${JSON.stringify(r)}`);
  }, 300000);
});
