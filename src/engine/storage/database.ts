// One SQLite database per log.dirs directory (WAL). Schema changes are migrations keyed by
// PRAGMA user_version, applied in order inside one transaction each.
import type BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUTO_CHECKPOINT_PAGES, WAL_REWIND_FRAMES } from './checkpointer';

export type Db = BetterSqlite3.Database;

export const DB_FILE = 'kafka-local.db';

const MIGRATIONS: string[] = [
  // 1: topics, partitions, batches, metadata
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE topics (
    tk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    replication_factor INTEGER NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE topic_configs (
    tk INTEGER NOT NULL REFERENCES topics(tk) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (tk, name)
  );
  CREATE TABLE partitions (
    tk INTEGER NOT NULL REFERENCES topics(tk) ON DELETE CASCADE,
    partition INTEGER NOT NULL,
    log_start_offset INTEGER NOT NULL DEFAULT 0,
    high_watermark INTEGER NOT NULL DEFAULT 0,
    leader_epoch INTEGER NOT NULL DEFAULT 0,
    replicas TEXT NOT NULL,
    PRIMARY KEY (tk, partition)
  );
  CREATE TABLE batches (
    tk INTEGER NOT NULL,
    partition INTEGER NOT NULL,
    base_offset INTEGER NOT NULL,
    last_offset INTEGER NOT NULL,
    max_timestamp INTEGER NOT NULL,
    record_count INTEGER NOT NULL,
    producer_id INTEGER NOT NULL,
    producer_epoch INTEGER NOT NULL,
    base_sequence INTEGER NOT NULL,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL
  );
  CREATE UNIQUE INDEX batches_by_last ON batches (tk, partition, last_offset);
  CREATE INDEX batches_by_producer ON batches (tk, partition, producer_id, base_offset) WHERE producer_id >= 0;
  CREATE TABLE broker_configs (
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, name)
  );
  `,
  // 2: consumer groups: committed offsets and group metadata (the lookup tables beside __consumer_offsets)
  `
  CREATE TABLE group_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    committed_offset INTEGER NOT NULL,
    leader_epoch INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    commit_ts INTEGER NOT NULL,
    expire_ts INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
  ) WITHOUT ROWID;
  CREATE TABLE group_metadata (
    group_id TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) WITHOUT ROWID;
  `,
  // 3: client quotas (entity = its canonical JSON), users' SCRAM credentials, and the dynamic
  // configs of groups and client metrics subscriptions (resource_type = ConfigResource type id)
  `
  CREATE TABLE resource_configs (
    resource_type INTEGER NOT NULL,
    resource_name TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (resource_type, resource_name, name)
  );
  CREATE TABLE client_quotas (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (entity, key)
  );
  CREATE TABLE scram_credentials (
    user TEXT NOT NULL,
    mechanism INTEGER NOT NULL,
    iterations INTEGER NOT NULL,
    salt BLOB NOT NULL,
    stored_key BLOB NOT NULL,
    server_key BLOB NOT NULL,
    PRIMARY KEY (user, mechanism)
  );
  `,
  // 4: each partition's leader epoch cache (which leader epoch wrote which part of the log), kept
  // beside the log as Kafka keeps leader-epoch-checkpoint. Until now every batch was stamped with
  // the partition's leader_epoch (always 0 on a one-broker cluster), so one entry per non-empty
  // log is its whole history.
  `
  CREATE TABLE leader_epochs (
    tk INTEGER NOT NULL,
    partition INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    PRIMARY KEY (tk, partition, epoch),
    FOREIGN KEY (tk, partition) REFERENCES partitions(tk, partition) ON DELETE CASCADE
  ) WITHOUT ROWID;
  INSERT INTO leader_epochs (tk, partition, epoch, start_offset)
    SELECT tk, partition, leader_epoch, log_start_offset FROM partitions WHERE high_watermark > log_start_offset;
  `,
  // 5: each partition's transaction state, kept beside its log as Kafka keeps producer snapshots and
  // the .txnindex files: the open transactions (first offset per producer, which holds the last
  // stable offset back) and the aborted transactions a read_committed fetch is told about; and the
  // group coordinator's offsets committed in a transaction, pending until its marker. All are
  // written in the transaction that appends the batch or marker, so a kill -9 never splits them.
  `
  CREATE TABLE txn_open (
    tk INTEGER NOT NULL,
    partition INTEGER NOT NULL,
    producer_id INTEGER NOT NULL,
    producer_epoch INTEGER NOT NULL,
    first_offset INTEGER NOT NULL,
    PRIMARY KEY (tk, partition, producer_id),
    FOREIGN KEY (tk, partition) REFERENCES partitions(tk, partition) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE TABLE txn_aborted (
    tk INTEGER NOT NULL,
    partition INTEGER NOT NULL,
    last_offset INTEGER NOT NULL,
    producer_id INTEGER NOT NULL,
    first_offset INTEGER NOT NULL,
    last_stable_offset INTEGER NOT NULL,
    PRIMARY KEY (tk, partition, last_offset),
    FOREIGN KEY (tk, partition) REFERENCES partitions(tk, partition) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE TABLE group_pending_offsets (
    producer_id INTEGER NOT NULL,
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    committed_offset INTEGER NOT NULL,
    leader_epoch INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    commit_ts INTEGER NOT NULL,
    PRIMARY KEY (producer_id, group_id, topic, partition)
  ) WITHOUT ROWID;
  `,
  // 6: each partition's log segments, as Kafka's segment files: where each starts (base offset)
  // and the first batch's max timestamp (-1: empty yet), which segment.ms is measured from. The
  // last one is the active segment, which the cleaner never touches. One row per roll, so the
  // produce path writes here only when a segment starts. Existing logs are one active segment
  // from their log start (Kafka's would be too with the default 1 GiB / 7 days).
  `
  CREATE TABLE log_segments (
    tk INTEGER NOT NULL,
    partition INTEGER NOT NULL,
    base_offset INTEGER NOT NULL,
    rolling_timestamp INTEGER NOT NULL,
    PRIMARY KEY (tk, partition, base_offset),
    FOREIGN KEY (tk, partition) REFERENCES partitions(tk, partition) ON DELETE CASCADE
  ) WITHOUT ROWID;
  INSERT INTO log_segments (tk, partition, base_offset, rolling_timestamp)
    SELECT p.tk, p.partition, p.log_start_offset,
      COALESCE((SELECT b.max_timestamp FROM batches b WHERE b.tk = p.tk AND b.partition = p.partition
        AND b.last_offset >= p.log_start_offset ORDER BY b.last_offset LIMIT 1), -1)
    FROM partitions p;
  `,
];

export function openDatabase(dir: string): Db {
  // better-sqlite3 is loaded lazily: tools that never touch storage must not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, DB_FILE));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a killed process (kill -9);
  // only an OS crash / power loss can lose the last transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  // The first commit after the WAL is rewound cuts the file back to the rewind point (frames of
  // a page and a 24-byte header, after the WAL's 32-byte header); without it the file keeps the
  // size of the longest WAL it ever held.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`journal_size_limit = ${32 + WAL_REWIND_FRAMES * (pageSize + 24)}`);
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
