// WAL checkpoints run on a worker thread: committed data reaches the database file while the
// engine keeps serving, without SQLite's inline auto-checkpoint on the engine's thread.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { startInProcessEngine, waitFor, tempDir, TestEngine, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { WAL_CAP_FRAMES } = require(path.join(ROOT, 'dist/engine/storage/checkpointer'));

let engine: TestEngine;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'ckpt');
  await conn.connect();
});
afterAll(async () => { conn.close(); await engine.stop(); });

describe('WAL checkpointer', () => {
  it('copies committed batches into the database file in the background', async () => {
    const dbFile = path.join(engine.dir, 'kafka-local.db');
    const before = fs.statSync(dbFile).size;
    await conn.send(ApiKey.CreateTopics, { topics: [{ name: 'ckpt', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    const value = Buffer.alloc(1000, 120);
    for (let i = 0; i < 20; i++) {
      const batch = buildBatch(Array.from({ length: 100 }, () => ({ key: null, value, timestamp: Date.now() })), {});
      const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'ckpt', partitionData: [{ index: 0, records: batch }] }] });
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    }
    // ~2 MB committed: far below SQLite's own auto-checkpoint threshold (4000 pages), so only
    // the worker can have moved it into the main file.
    await waitFor(() => fs.statSync(dbFile).size >= before + 1_900_000, 15000, 'the database file to grow');
  });

  it('keeps the WAL under its cap during a sustained write and truncates it once idle', async () => {
    const wal = path.join(engine.dir, 'kafka-local.db-wal');
    const walSize = () => { try { return fs.statSync(wal).size; } catch { return 0; } };
    const cap = 32 + WAL_CAP_FRAMES * (4096 + 24);
    await conn.send(ApiKey.CreateTopics, { topics: [{ name: 'walcap', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    const value = Buffer.alloc(1000, 121);
    const batch = () => buildBatch(Array.from({ length: 900 }, () => ({ key: null, value, timestamp: Date.now() })), {});
    // 1.5x the cap, written without a pause (4 requests in flight): without rewinds the WAL
    // would hold all of it.
    const total = Math.ceil((1.5 * cap) / 900_000);
    let maxWal = 0;
    let sent = 0;
    const writer = async () => {
      while (sent < total) {
        sent++;
        const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'walcap', partitionData: [{ index: 0, records: batch() }] }] });
        expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
        maxWal = Math.max(maxWal, walSize());
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    expect(maxWal).toBeGreaterThan(0);
    expect(maxWal).toBeLessThanOrEqual(cap);
    // At rest the WAL, completely copied, is truncated: the data is on disk once.
    await waitFor(() => walSize() === 0, 30000, 'the idle WAL to be truncated');
  }, 120_000);
});

describe('write transactions and the checkpoint worker', () => {
  it('wait for the write lock a RESTART checkpoint holds, even when they read first', async () => {
    const { openDatabase } = require(path.join(ROOT, 'dist/engine/storage/database'));
    const { LogStore } = require(path.join(ROOT, 'dist/engine/storage/log-store'));
    const dir = tempDir();
    const db = openDatabase(dir);
    const logs = new LogStore(db);
    // Another connection holds SQLite's write lock for a moment, as the worker does during a
    // RESTART or TRUNCATE checkpoint. A deferred transaction that had read first got
    // SQLITE_BUSY at its first write without waiting (SQLite only waits when no transaction is
    // open), and the engine closed the producer's connection with "database is locked".
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require('better-sqlite3'))(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      db.exec('COMMIT');
      db.close();
    `, path.join(dir, 'kafka-local.db')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout.on('data', (d: Buffer) => { out += d; });
    const exited = new Promise((r) => holder.on('exit', r));
    await waitFor(() => out.includes('locked'), 10000, 'the other connection to hold the write lock');
    const value = logs.transaction(() => {
      db.prepare('SELECT count(*) FROM meta').get();
      db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
      return db.prepare("SELECT value FROM meta WHERE key = 'probe'").pluck().get();
    });
    expect(value).toBe('x');
    await exited;
    db.close();
  });
});
