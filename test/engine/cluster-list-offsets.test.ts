// ListOffsets LATEST by replica id on a three-broker local cluster, the way Kafka 4.4 answers it
// (observed on a real 3-node cluster with a SIGSTOPped follower still in the ISR): the consumer's
// replica id -1 gets the high watermark, the debugging replica id -2 and a broker id get the log
// end offset whatever the isolation level, and only -2 is answered by a follower (from its own
// log; -1 gets NOT_LEADER_OR_FOLLOWER there). Asked with kafkajs's ListOffsets (a client we did not
// write) and with our client's listOffsetsOnce (what kafka-local ui uses).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { listOffsetsOnce, DEBUGGING_REPLICA_ID, LATEST_TIMESTAMP } = require(path.join(ROOT, 'dist/client/offsets'));
// kafkajs's own broker connection: its ListOffsets takes the replica id.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const KafkajsBroker = require('kafkajs/src/broker');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const ConnectionPool = require('kafkajs/src/network/connectionPool');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createLogger, LEVELS } = require('kafkajs/src/loggers');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const socketFactory = require('kafkajs/src/network/socketFactory');

// Neither fenced (session) nor dropped from the ISR (lag) while stalled: HW < LEO holds.
const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 60000, overrides: { 'replica.lag.time.max.ms': '60000' } });

beforeAll(() => cluster.startAll(), 60000);
afterAll(() => cluster.stop());

const NOT_LEADER_OR_FOLLOWER = 6;

async function kafkajs<T>(broker: number, use: (b: any) => Promise<T>): Promise<T> {
  const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });
  const pool = new ConnectionPool({
    host: '127.0.0.1', port: cluster.broker(broker).port, logger, clientId: 'list-offsets-test', connectionTimeout: 5000,
    requestTimeout: 10000, enforceRequestTimeout: true, maxInFlightRequests: null, socketFactory: socketFactory(),
    retry: { retries: 0 }, instrumentationEmitter: null,
  });
  const b = new KafkajsBroker({ connectionPool: pool, logger, nodeId: broker });
  await b.connect();
  try {
    return await use(b);
  } finally {
    await b.disconnect();
  }
}

/** LATEST of tail-0 asked of `broker` as `replicaId`: [errorCode, offset]. */
async function latest(broker: number, replicaId: number, isolationLevel = 0): Promise<[number, number]> {
  return kafkajs(broker, async (b) => {
    const r = await b.listOffsets({ replicaId, isolationLevel, topics: [{ topic: 'tail', partitions: [{ partition: 0, timestamp: -1 }] }] })
      .catch((e: any) => ({ responses: [{ partitions: [{ errorCode: e.type === 'NOT_LEADER_FOR_PARTITION' || e.type === 'NOT_LEADER_OR_FOLLOWER' ? NOT_LEADER_OR_FOLLOWER : -99, offset: '-1' }] }] }));
    const p = r.responses[0].partitions[0];
    return [p.errorCode, Number(p.offset)];
  });
}

describe('ListOffsets LATEST by replica id with a stalled follower', () => {
  it('-1 gets the high watermark, -2 and a broker id the log end offset; a follower answers -2 only', async () => {
    expect((await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--create', '--topic', 'tail', '--replica-assignment', '1:2:3'])).code).toBe(0);
    const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: cluster.broker(1).port }], clientId: 'list-offsets-test' });
    try {
      const md = await waitFor(async () => {
        const m = await admin.cluster.metadata(['tail'], Date.now() + 5000, 'test');
        return m.topics[0]?.partitions[0]?.isrNodes.length === 3 ? m : undefined;
      }, 15000, 'tail in sync on 3 replicas');
      expect(md.topics[0].partitions[0].leaderId).toBe(1);
      // The stalled follower must not be the controller (it could not take the cluster's decisions).
      const stalled = md.controllerId === 2 ? 3 : 2;
      const other = stalled === 2 ? 3 : 2;
      expect((await runKcat(cluster.bootstrap(1), ['-P', '-t', 'tail', '-X', 'acks=all'], 'a\nb\n')).code).toBe(0);
      await waitFor(async () => (await latest(1, -1))[1] === 2, 10000, 'HW 2');
      process.kill(cluster.broker(stalled).proc.pid!, 'SIGSTOP');
      try {
        expect((await runKcat(cluster.bootstrap(1), ['-P', '-t', 'tail', '-X', 'acks=1'], 'c\nd\ne\n')).code).toBe(0);
        // The other follower copies the tail, the stalled one cannot: the HW stays at 2.
        await waitFor(async () => { const [e, o] = await latest(other, -2); return e === 0 && o === 5; }, 10000, `broker ${other} has the tail`);
        expect(await latest(1, -1)).toEqual([0, 2]);
        expect(await latest(1, -1, 1)).toEqual([0, 2]);
        expect(await latest(1, -2)).toEqual([0, 5]);
        expect(await latest(1, -2, 1)).toEqual([0, 5]);
        expect(await latest(1, other)).toEqual([0, 5]);
        expect(await latest(other, -1)).toEqual([NOT_LEADER_OR_FOLLOWER, -1]);
        expect(await latest(other, 1)).toEqual([NOT_LEADER_OR_FOLLOWER, -1]);
        const leaders = new Map([['tail', { errorCode: 0, isInternal: false, partitions: [{ partition: 0, leader: 1, leaderEpoch: -1, errorCode: 0 }] }]]);
        const ask = [{ topic: 'tail', partition: 0, timestamp: LATEST_TIMESTAMP }];
        const deadline = Date.now() + 10000;
        expect((await listOffsetsOnce(admin.cluster, ask, leaders, { deadline })).get('tail:0').offset).toBe(2);
        expect((await listOffsetsOnce(admin.cluster, ask, leaders, { deadline, replicaId: DEBUGGING_REPLICA_ID })).get('tail:0').offset).toBe(5);
      } finally {
        process.kill(cluster.broker(stalled).proc.pid!, 'SIGCONT');
      }
      await waitFor(async () => (await latest(1, -1))[1] === 5, 15000, 'HW 5 once the follower is back');
    } finally {
      admin.close();
    }
  }, 90000);
});
