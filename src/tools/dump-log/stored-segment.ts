// What `--files <log.dirs>/<topic>-<partition>/<base offset>.log` names here: Kafka's segment path
// for one of our partitions. The engine keeps a partition's batches in its log dir's SQLite
// database, not in segment files; the "segment" is the partition's stored batches from the base
// offset in the file name on, read read-only (the engine may be running: WAL readers do not block it).
// Positions are where each batch would start in such a segment file: the sum of the sizes of the
// batches before it, which is Kafka's position when both logs hold the same batches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DB_FILE } from '../../engine/storage/database';

export interface StoredSegment {
  baseOffset: number;
  /** The batches' bytes, in offset order; undefined when the path names nothing we hold. */
  batches: Buffer[] | undefined;
}

const SEGMENT_NAME = /^(\d{20})\.log$/;

/** Kafka's segment file path split into log dir, topic, partition and base offset; null when it is not one. */
export function parseSegmentPath(file: string): { logDir: string; topic: string; partition: number; baseOffset: number } | null {
  const m = SEGMENT_NAME.exec(path.basename(file));
  const dir = path.basename(path.dirname(file));
  const dash = dir.lastIndexOf('-');
  if (!m || dash <= 0 || !/^\d+$/.test(dir.slice(dash + 1))) return null;
  return { logDir: path.dirname(path.dirname(file)), topic: dir.slice(0, dash), partition: Number(dir.slice(dash + 1)), baseOffset: Number(m[1]) };
}

export function readStoredSegment(file: string): StoredSegment {
  const where = parseSegmentPath(file);
  if (!where) return { baseOffset: 0, batches: undefined };
  const dbFile = path.join(where.logDir, DB_FILE);
  if (!fs.existsSync(dbFile)) return { baseOffset: where.baseOffset, batches: undefined };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require('better-sqlite3');
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tk = db.prepare('SELECT tk FROM topics WHERE name = ?').pluck().get(where.topic) as number | undefined;
    if (tk === undefined) return { baseOffset: where.baseOffset, batches: undefined };
    const known = db.prepare('SELECT 1 FROM partitions WHERE tk = ? AND partition = ?').pluck().get(tk, where.partition);
    if (!known) return { baseOffset: where.baseOffset, batches: undefined };
    const batches = db.prepare('SELECT bytes FROM batches WHERE tk = ? AND partition = ? AND base_offset >= ? ORDER BY base_offset')
      .pluck().all(tk, where.partition, where.baseOffset) as Buffer[];
    return { baseOffset: where.baseOffset, batches };
  } finally {
    db.close();
  }
}
