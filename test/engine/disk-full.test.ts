// A full data directory (issue 11, target 8): produce answers KAFKA_STORAGE_ERROR (error 56) to
// kcat and to our console producer instead of a closed connection, reads and other connections
// carry on, an admin request answers an error, and once space returns produce works again with
// nothing lost and PRAGMA integrity_check ok. The data dir is a small tmpfs the test mounts (we
// run as root) and grows afterwards (mount -o remount,size=...). A read-only remount cannot be
// made under an engine that holds its files open for writing, so SQLITE_READONLY is mapped the
// same way but not exercised here.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { spawnEngine, runTool, tempDir, waitFor, ROOT, type ChildEngine } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

const Database = require('better-sqlite3');
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

let mountDir: string;
let dataDir: string;
let engine: ChildEngine | undefined;
let mounted = false;

beforeAll(async () => {
  mountDir = tempDir('kl-diskfull-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mountDir]);
  mounted = true;
  dataDir = path.join(mountDir, 'data');
  fs.mkdirSync(dataDir);
  engine = await spawnEngine({ dir: dataDir });
}, 30000);

afterAll(async () => {
  await engine?.kill('SIGKILL');
  if (mounted) execFileSync('umount', [mountDir]);
  fs.rmSync(mountDir, { recursive: true, force: true });
});

async function produce(conn: any, topic: string, value: Buffer): Promise<number> {
  const res = await conn.send(ApiKey.Produce, {
    transactionalId: null, acks: -1, timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records: buildBatch([{ key: null, value, timestamp: Date.now() }]) }] }],
  });
  return res.responses[0].partitionResponses[0].errorCode;
}

describe('a full data directory', () => {
  it('answers KAFKA_STORAGE_ERROR, keeps serving reads and admin, and produces again once space returns', async () => {
    const e = engine!;
    const conn = new BrokerConnection('127.0.0.1', e.port, 'disk-full');
    await conn.connect();
    const kafka = new Kafka({ brokers: [e.bootstrap], clientId: 'disk-full', logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'full', numPartitions: 1 }] });
      await conn.send(ApiKey.FindCoordinator, { key: 'full-group', keyType: 0 }); // creates __consumer_offsets
      // Fill the disk: records of 64 KB, then 4 KB, then 16 B until the engine answers error 56
      // (never a closed connection) to each size.
      const value = Buffer.alloc(64 * 1024, 5);
      let stored = 0;
      for (const size of [64 * 1024, 4096, 16]) {
        let code = 0;
        for (let i = 0; i < 1000; i++) {
          code = await produce(conn, 'full', Buffer.alloc(size, 5));
          if (code !== 0) break;
          stored++;
        }
        expect(code).toBe(56);
      }
      expect(stored).toBeGreaterThan(0);
      // The same connection is still answered, and answers 56 again, pipelined requests too.
      expect(await produce(conn, 'full', value)).toBe(56);
      expect(await Promise.all([1, 2, 3, 4, 5].map(() => produce(conn, 'full', value)))).toEqual([56, 56, 56, 56, 56]);

      // A consumer group's commit answers NOT_COORDINATOR (Kafka's mapping of a storage error).
      const commit = () => conn.send(ApiKey.OffsetCommit, {
        groupId: 'full-group', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'full', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      });
      expect((await commit()).topics[0].partitions[0].errorCode).toBe(16);

      // kcat (librdkafka) gets the storage error as its delivery report.
      const kcatFull = await runKcat(e.bootstrap, ['-P', '-t', 'full', '-X', 'message.timeout.ms=2000', '-X', 'retries=0'], `${'y'.repeat(70000)}\n`);
      expect(kcatFull.stderr).toContain('% Delivery failed for message: Broker: Disk error when trying to access log file on disk');
      // Our console producer logs Kafka's ErrorLoggingCallback message.
      const ours = await runTool('kafka-console-producer', ['--bootstrap-server', e.bootstrap, '--topic', 'full',
        '--producer-property', 'retries=0', '--producer-property', 'delivery.timeout.ms=5000', '--producer-property', 'request.timeout.ms=4000'], { input: `${'z'.repeat(70000)}\n` });
      expect(ours.stderr).toContain('ERROR Error when sending message to topic full with key: null, value: 70000 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)');
      expect(ours.stderr).toContain('org.apache.kafka.common.errors.KafkaStorageException: Disk error when trying to access log file on the disk.');

      // Reads carry on: kcat reads every stored record.
      const read = await runKcat(e.bootstrap, ['-C', '-t', 'full', '-e', '-f', '%o\n']);
      expect(read.code).toBe(0);
      expect(read.stdout.trim().split('\n')).toHaveLength(stored);
      // An admin request answers an error and the admin connection keeps working.
      await expect(admin.createTopics({ topics: [{ topic: 'more', numPartitions: 50 }] })).rejects.toThrow();
      expect(await admin.listTopics()).toContain('full');

      // Space returns: produce works again at once (kcat and ours), nothing lost.
      execFileSync('mount', ['-o', 'remount,size=64m', 'tmpfs', mountDir]);
      expect(await produce(conn, 'full', Buffer.from('after'))).toBe(0);
      const kcatOk = await runKcat(e.bootstrap, ['-P', '-t', 'full', '-X', 'message.timeout.ms=5000'], 'kcat-after\n');
      expect(kcatOk.code).toBe(0);
      const oursOk = await runTool('kafka-console-producer', ['--bootstrap-server', e.bootstrap, '--topic', 'full'], { input: 'ours-after\n' });
      expect(oursOk.code).toBe(0);
      expect(oursOk.stderr).toBe('');
      expect((await commit()).topics[0].partitions[0].errorCode).toBe(0);
      const all = await runKcat(e.bootstrap, ['-C', '-t', 'full', '-e', '-f', '%o %S\n']);
      const lines = all.stdout.trim().split('\n');
      expect(lines).toHaveLength(stored + 3);
      expect(lines.map((l) => Number(l.split(' ')[0]))).toEqual(Array.from({ length: stored + 3 }, (_, i) => i));
      expect(lines.slice(stored).map((l) => Number(l.split(' ')[1]))).toEqual([5, 10, 10]);
      expect(lines.slice(0, stored).every((l) => [65536, 4096, 16].includes(Number(l.split(' ')[1])))).toBe(true);
      await admin.createTopics({ topics: [{ topic: 'more', numPartitions: 2 }] });
      expect(await admin.listTopics()).toContain('more');
    } finally {
      await admin.disconnect();
      conn.close();
    }
    // The engine never went down; its databases are intact.
    expect(e.proc.exitCode).toBeNull();
    await e.kill('SIGTERM');
    const dbs = fs.readdirSync(dataDir, { recursive: true }).map(String).filter((f) => f.endsWith('.db'));
    expect(dbs.length).toBeGreaterThan(0);
    for (const f of dbs) {
      const db = new Database(path.join(dataDir, f), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    }
  }, 120000);
});
