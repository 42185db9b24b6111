// What the page gets on every update: the status document (src/tools/status/model.ts, the same
// facts `kafka-local status --output json` prints), the tail and log end offset of the partitions the page shows,
// the defaults behind each topic's overrides, and the timeline of what changed. Plain data only:
// it crosses the wire as JSON (Server-Sent Events) and the page's code imports these types.
import type { StatusDocument } from '../status/model';

export type { GroupStatus, PartitionStatus, StatusDocument, TopicStatus } from '../status/model';

/** One record near the end of a partition, as the page shows it (key and value as UTF-8 text, cut to a few hundred characters). */
export interface TailRecord {
  offset: number;
  timestamp: number;
  /** null for a null key. */
  key: string | null;
  value: string | null;
  /** The value's full length in bytes (-1 for null): the text may be cut. */
  valueBytes: number;
  headers: [string, string | null][];
}

export interface TimelineEvent {
  /** Milliseconds since the epoch, when the poll that saw it finished. */
  at: number;
  text: string;
}

export interface UiSnapshot {
  bootstrap: string;
  /** When this snapshot was taken. */
  at: number;
  /** Milliseconds between polls. */
  pollMs: number;
  /** null when the last poll failed (then `error` says why and the page keeps the previous one). */
  status: StatusDocument | null;
  error: string | null;
  /** The last records of each shown partition, by `topic:partition`, offsets ascending. */
  tails: Record<string, TailRecord[]>;
  /**
   * The offsets each tail accounts for, [from, to), by `topic:partition`: an offset there without
   * a record in the tail has none in the log (compaction removed it, or a transaction marker).
   */
  accounted: Record<string, [number, number]>;
  /**
   * The log end offset of each shown partition, by `topic:partition` (ListOffsets as the debugging
   * replica, see log-ends.ts); the status's logEndOffset is the high watermark. Missing where the
   * leader did not tell: the page then draws LEO at the HW.
   */
  logEnds: Record<string, number>;
  /** For each topic with overrides: the value each overridden config would have without it. */
  defaults: Record<string, Record<string, string | null>>;
  /** Newest last. */
  timeline: TimelineEvent[];
}

/** How many records of each partition's end the view fetches and keeps. */
export const TAIL_RECORDS = 48;
/** How many characters of a key or value the page gets. */
export const TEXT_LIMIT = 300;
