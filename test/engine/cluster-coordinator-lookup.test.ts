// A coordinator that moved answers at once on the broker that FindCoordinator names. The active
// controller's broker applies a leadership change as it writes it; the others read the metadata
// log every 100 ms, so a client can be told "broker O coordinates" by the controller's broker
// before O itself has read it. O then reads the log instead of answering NOT_COORDINATOR, which
// librdkafka answers by looking the coordinator up, finding O again, and never retrying its
// OffsetFetch (a read_committed consumer read nothing for a minute after a coordinator's kill).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, waitFor } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { javaStringHashCode } = require(path.join(ROOT, 'dist/util/java-hash'));

const NOT_COORDINATOR = 16;
const PARTITIONS = 3;

const cluster = new TestCluster({
  brokers: 3,
  overrides: {
    'offsets.topic.replication.factor': '3', 'offsets.topic.num.partitions': String(PARTITIONS),
    'transaction.state.log.replication.factor': '3', 'transaction.state.log.min.isr': '2',
    'transaction.state.log.num.partitions': String(PARTITIONS), 'replica.fetch.wait.max.ms': '200',
  },
});

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

async function connect(id: number): Promise<any> {
  const conn = new BrokerConnection('127.0.0.1', cluster.broker(id).port, 'coordinator-lookup-test');
  await conn.connect();
  return conn;
}

/** Kafka's partition of a group or transactional id: Utils.abs(id.hashCode()) % partitions. */
const partitionOf = (id: string): number => {
  const h = javaStringHashCode(id);
  return (h === -2147483648 ? 0 : Math.abs(h)) % PARTITIONS;
};

async function coordinatorOf(via: any, key: string, keyType: number, not?: number): Promise<number> {
  return waitFor(async () => {
    const r = await via.request(ApiKey.FindCoordinator, 2, { key, keyType });
    return r.errorCode === 0 && r.nodeId !== not ? r.nodeId as number : undefined;
  }, 30000, `the coordinator of ${key}`);
}

describe('a coordinator that moved after the kill of its broker', () => {
  it('answers the group and transaction requests sent to it as soon as the controller names it', async () => {
    let via = await connect(1);
    // Both internal topics, every replica in sync.
    await coordinatorOf(via, 'warm-up', 0);
    await coordinatorOf(via, 'warm-up', 1);
    const md = await waitFor(async () => {
      const r = await via.request(ApiKey.Metadata, 9, { topics: [{ name: '__consumer_offsets' }, { name: '__transaction_state' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      return r.topics.every((t: any) => t.errorCode === 0 && t.partitions.length === PARTITIONS && t.partitions.every((p: any) => p.isrNodes.length === 3)) ? r : undefined;
    }, 30000, 'the internal topics in sync');
    const controller: number = md.controllerId;
    const leaders = (topic: string) => md.topics.find((t: any) => t.name === topic).partitions;
    // A partition led by a broker other than the controller whose next replica (the one elected
    // when it dies) is not the controller either: that one learns of its election by the log.
    const pick = (topic: string, prefix: string, killed?: number) => {
      for (let i = 0; i < 1000; i++) {
        const id = `${prefix}-${i}`;
        const p = leaders(topic).find((x: any) => x.partitionIndex === partitionOf(id));
        const next = p.replicaNodes.find((r: number) => r !== p.leaderId);
        if (p.leaderId !== controller && next !== controller && (killed === undefined || p.leaderId === killed)) return { id, leader: p.leaderId as number, next: next as number };
      }
      return undefined;
    };
    const group = pick('__consumer_offsets', 'lookup-group');
    expect(group).toBeDefined();
    const txn = pick('__transaction_state', 'lookup-txn', group!.leader);
    via.close();
    via = await connect(controller);
    await cluster.signal(group!.leader, 'SIGKILL');

    const next = await coordinatorOf(via, group!.id, 0, group!.leader);
    const conn = await connect(next);
    try {
      const of = await conn.request(ApiKey.OffsetFetch, 5, { groupId: group!.id, topics: null });
      expect(of.errorCode).not.toBe(NOT_COORDINATOR);
      expect(of.errorCode).toBe(0);
      if (txn) {
        const txnNext = await coordinatorOf(via, txn.id, 1, txn.leader);
        const conn2 = txnNext === next ? conn : await connect(txnNext);
        const d = await conn2.request(ApiKey.DescribeTransactions, 0, { transactionalIds: [txn.id] });
        expect(d.transactionStates[0].errorCode).not.toBe(NOT_COORDINATOR);
        if (conn2 !== conn) conn2.close();
      }
    } finally {
      conn.close();
      via.close();
    }
  }, 120000);
});
