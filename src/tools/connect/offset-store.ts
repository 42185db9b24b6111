// The worker's source offsets (Connect's FileOffsetBackingStore behind its offset writer): read
// from `offset.storage.file.filename` at start, updated as the producer acknowledges records, and
// written back every `offset.flush.interval.ms` and when the worker stops. Only acknowledged
// records' offsets are stored: a restart resends at most what was not stored, never skips.
import { readOffsetFile, writeOffsetFile, type OffsetEntries } from './offset-file';

/** The key Connect stores a source partition under: `["<connector>",<partition map>]`. */
export function offsetKey(connector: string, partition: Record<string, unknown>): string {
  return JSON.stringify([connector, partition]);
}

export class OffsetStore {
  private readonly entries: OffsetEntries;
  /** Acknowledged but not yet written, per connector: the count for the "Committing offsets" log line. */
  private readonly unflushed = new Map<string, number>();

  constructor(readonly file: string) {
    this.entries = readOffsetFile(file);
  }

  get(connector: string, partition: Record<string, unknown>): Record<string, unknown> | null {
    const v = this.entries.get(offsetKey(connector, partition));
    return v ? (JSON.parse(v) as Record<string, unknown>) : null;
  }

  /** Offsets of acknowledged records (the last one per source partition wins). */
  acknowledged(connector: string, partition: Record<string, unknown>, offset: Record<string, unknown>, records: number): void {
    this.entries.set(offsetKey(connector, partition), JSON.stringify(offset));
    this.unflushed.set(connector, (this.unflushed.get(connector) ?? 0) + records);
  }

  /** Writes the file when something changed; returns the records per connector it covered. */
  flush(): Map<string, number> {
    const covered = new Map(this.unflushed);
    if (covered.size === 0) return covered;
    writeOffsetFile(this.file, this.entries);
    this.unflushed.clear();
    return covered;
  }
}
