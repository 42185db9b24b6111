// The metadata store: what ZooKeeper (and later KRaft's quorum) is to a Kafka cluster, in one
// SQLite file that every broker process of the cluster opens. It holds
//  - the metadata log: an append-only table of records (records.ts) that brokers tail by
//    offset, as KRaft brokers replay __cluster_metadata;
//  - the controller lease: which broker is the active controller, with an epoch that fences a
//    controller that lost the lease (every append checks it in the same transaction: a
//    compare-and-set, as KRaft's leader epoch fences a stale quorum leader);
//  - broker sessions: each broker's heartbeat, pid and address, as ZooKeeper's ephemeral
//    /brokers/ids nodes: the controller fences a broker whose session ended.
// SQLite serialises writers across processes; every write is a short IMMEDIATE transaction.
import type BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MetadataLogEntry, MetadataRecord } from './records';

export const STORE_FILE = 'cluster-metadata.db';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS metadata_log (
    seq INTEGER PRIMARY KEY,
    controller_epoch INTEGER NOT NULL,
    data TEXT NOT NULL,
    appended_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS controller_lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    node_id INTEGER NOT NULL,
    pid INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS broker_sessions (
    node_id INTEGER PRIMARY KEY,
    incarnation_id TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    rack TEXT,
    log_dir TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    heartbeat_ms INTEGER NOT NULL,
    want_shutdown INTEGER NOT NULL DEFAULT 0,
    metadata_offset INTEGER NOT NULL DEFAULT 0
  );
`;

/** Thrown by append when the caller no longer holds the controller lease at its epoch. */
export class NotControllerError extends Error {
  constructor(readonly holder: ControllerLease | undefined) {
    super(holder ? `the active controller is now node ${holder.nodeId} (epoch ${holder.epoch})` : 'there is no active controller');
  }
}

export interface ControllerLease {
  nodeId: number;
  pid: number;
  epoch: number;
  expiresMs: number;
}

export interface BrokerSession {
  nodeId: number;
  incarnationId: string;
  pid: number;
  host: string;
  port: number;
  rack: string | null;
  logDir: string;
  startedMs: number;
  heartbeatMs: number;
  wantShutdown: boolean;
  /** How far the broker has applied the metadata log: it is unfenced once caught up. */
  metadataOffset: number;
}

/** Is a process of this machine alive? (All brokers of a local cluster share the machine.) */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/**
 * Create the store file once, atomically: brokers of a new cluster start together, and SQLite
 * answers "database is locked" at once (no busy wait) to a connection switching a fresh file to
 * WAL while another holds it. So the file is made complete (WAL mode, schema) under a private
 * name and linked into place; a broker that loses the race opens the winner's file.
 */
function createStoreFile(file: string): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const tmp = `${file}.${process.pid}.${Date.now()}.new`;
  try {
    const db = new Database(tmp);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    db.close();
    fs.linkSync(tmp, file);
  } catch (e: any) {
    if (e.code !== 'EEXIST') throw e;
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  }
}

export class MetadataStore {
  private readonly db: BetterSqlite3.Database;
  private readonly stmts;

  constructor(readonly file: string, opts: { readonly?: boolean } = {}) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Database = require('better-sqlite3') as typeof BetterSqlite3;
    if (!opts.readonly) createStoreFile(file);
    this.db = new Database(file, { readonly: opts.readonly === true, fileMustExist: true });
    // Several processes write: wait for the lock rather than fail (writes are a few rows).
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) this.db.pragma('synchronous = NORMAL');
    const db = this.db;
    this.stmts = {
      after: db.prepare('SELECT seq, data FROM metadata_log WHERE seq > ? ORDER BY seq LIMIT ?').raw(),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM metadata_log').pluck(),
      insert: opts.readonly ? undefined : db.prepare('INSERT INTO metadata_log (seq, controller_epoch, data, appended_ms) VALUES (?, ?, ?, ?)'),
      lease: db.prepare('SELECT node_id, pid, epoch, expires_ms FROM controller_lease WHERE id = 1').raw(),
      setLease: opts.readonly ? undefined : db.prepare(
        `INSERT INTO controller_lease (id, node_id, pid, epoch, expires_ms) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id, pid = excluded.pid, epoch = excluded.epoch, expires_ms = excluded.expires_ms`,
      ),
      sessions: db.prepare('SELECT node_id, incarnation_id, pid, host, port, rack, log_dir, started_ms, heartbeat_ms, want_shutdown, metadata_offset FROM broker_sessions ORDER BY node_id').raw(),
      upsertSession: opts.readonly ? undefined : db.prepare(
        `INSERT INTO broker_sessions (node_id, incarnation_id, pid, host, port, rack, log_dir, started_ms, heartbeat_ms, want_shutdown, metadata_offset)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (node_id) DO UPDATE SET incarnation_id = excluded.incarnation_id, pid = excluded.pid, host = excluded.host,
           port = excluded.port, rack = excluded.rack, log_dir = excluded.log_dir, started_ms = excluded.started_ms,
           heartbeat_ms = excluded.heartbeat_ms, want_shutdown = excluded.want_shutdown, metadata_offset = excluded.metadata_offset`,
      ),
      deleteSession: opts.readonly ? undefined : db.prepare('DELETE FROM broker_sessions WHERE node_id = ? AND incarnation_id = ?'),
    };
  }

  // --- The metadata log --------------------------------------------------------------------

  /** Records after `offset`, in order (at most `limit`). */
  readAfter(offset: number, limit = 2000): MetadataLogEntry[] {
    return (this.stmts.after.all(offset, limit) as [number, string][]).map(([seq, data]) => ({ offset: seq, record: JSON.parse(data) as MetadataRecord }));
  }

  /** The offset of the last record (0 when the log is empty). */
  endOffset(): number {
    return Number(this.stmts.maxSeq.get());
  }

  /**
   * Append records as the controller at `epoch`, in one transaction that first checks the lease
   * (the fence). `build` gets the offset the first record will have (broker epochs are record
   * offsets, as in KRaft). Returns the appended entries.
   */
  append(fence: { nodeId: number; epoch: number }, build: (firstOffset: number) => MetadataRecord[]): MetadataLogEntry[] {
    const run = this.db.transaction(() => {
      const lease = this.lease();
      if (!lease || lease.nodeId !== fence.nodeId || lease.epoch !== fence.epoch) throw new NotControllerError(lease);
      const first = this.endOffset() + 1;
      const records = build(first);
      const now = Date.now();
      return records.map((record, i) => {
        this.stmts.insert!.run(first + i, fence.epoch, JSON.stringify(record), now);
        return { offset: first + i, record };
      });
    });
    return run.immediate();
  }

  // --- The controller lease ----------------------------------------------------------------

  lease(): ControllerLease | undefined {
    const row = this.stmts.lease.get() as [number, number, number, number] | undefined;
    return row ? { nodeId: row[0], pid: row[1], epoch: row[2], expiresMs: row[3] } : undefined;
  }

  /**
   * Take or renew the lease: taken when nobody holds it, when it expired, or when its holder's
   * process is gone (a killed broker need not wait for its lease to run out); renewed when we
   * hold it. A new holder gets the next epoch. Returns our lease, or undefined.
   */
  acquireLease(nodeId: number, pid: number, leaseMs: number, now = Date.now()): ControllerLease | undefined {
    const run = this.db.transaction(() => {
      const cur = this.lease();
      const ours = cur !== undefined && cur.nodeId === nodeId && cur.pid === pid;
      if (cur && !ours && cur.expiresMs > now && processAlive(cur.pid)) return undefined;
      const lease = { nodeId, pid, epoch: ours ? cur!.epoch : (cur?.epoch ?? 0) + 1, expiresMs: now + leaseMs };
      this.stmts.setLease!.run(lease.nodeId, lease.pid, lease.epoch, lease.expiresMs);
      return lease;
    });
    return run.immediate();
  }

  /** Give the lease up (clean shutdown), so another broker takes over at once. */
  releaseLease(nodeId: number, epoch: number): void {
    this.db.transaction(() => {
      const cur = this.lease();
      if (cur && cur.nodeId === nodeId && cur.epoch === epoch) this.stmts.setLease!.run(nodeId, cur.pid, epoch, 0);
    }).immediate();
  }

  // --- Broker sessions -----------------------------------------------------------------------

  heartbeat(s: BrokerSession): void {
    this.stmts.upsertSession!.run(s.nodeId, s.incarnationId, s.pid, s.host, s.port, s.rack, s.logDir, s.startedMs, s.heartbeatMs, s.wantShutdown ? 1 : 0, s.metadataOffset);
  }

  sessions(): BrokerSession[] {
    return (this.stmts.sessions.all() as any[][]).map(([nodeId, incarnationId, pid, host, port, rack, logDir, startedMs, heartbeatMs, wantShutdown, metadataOffset]) => ({
      nodeId, incarnationId, pid, host, port, rack, logDir, startedMs, heartbeatMs, wantShutdown: wantShutdown === 1, metadataOffset,
    }));
  }

  /** A broker that stopped cleanly ends its session (only its own incarnation's). */
  endSession(nodeId: number, incarnationId: string): void {
    this.stmts.deleteSession!.run(nodeId, incarnationId);
  }

  close(): void {
    this.db.close();
  }
}
