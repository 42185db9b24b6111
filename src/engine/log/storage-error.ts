// A write the data directory refused (disk full, read-only, I/O error, file size limit) is a
// storage error for the request that wrote (KAFKA_STORAGE_ERROR, error 56), not a fault of the
// engine: SQLite rolled the transaction back, nothing of it is stored, and the next write may
// succeed once space returns. Kafka takes a failed log dir offline until restart; a local broker
// keeps it and lets the clients retry (KafkaStorageException is retriable).
import { KafkaStorageError } from '../../protocol/errors';

const SQLITE_STORAGE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/;
const FS_STORAGE = new Set(['ENOSPC', 'EROFS', 'EIO', 'EDQUOT', 'EFBIG']);

export function isStorageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (SQLITE_STORAGE.test(code) || FS_STORAGE.has(code));
}

export function storageError(e: unknown): KafkaStorageError {
  const err = new KafkaStorageError();
  (err as { cause?: unknown }).cause = e;
  return err;
}
