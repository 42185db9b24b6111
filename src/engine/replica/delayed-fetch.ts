// A fetch waiting for min_bytes (Kafka's DelayedFetch): it remembers, per partition, what its
// last read saw (the replica and its leadership, the offset it could read up to and that
// offset's byte position) and, woken by a change on one of its partitions, reads again only
// when that read would answer: enough bytes have come in since (summed from positions, no read),
// or something other than bytes changed (leadership or epoch, the replica, a truncation, the
// fetch offset out of the log's range). Anything unsure reads again: a read too many only waits
// once more, a read too few would answer late.
import type { Partition } from './partition';
import type { PartitionLog } from '../log/partition-log';
import type { ReplicaManager } from './replica-manager';
import { fetchKey } from './fetch-wakeups';
import type { ConnectionContext } from '../api/dispatch';

/** What the fetch asks of every partition it names. */
export interface FetchScope {
  replicaId: number;
  isolationLevel: number;
  onlyLeader: boolean;
}

/** One partition as the fetch's last read saw it. */
export interface SeenPartition {
  topic: string;
  partition: number;
  currentLeaderEpoch: number | undefined;
  fetchOffset: number;
  part: Partition;
  log: PartitionLog;
  generation: number;
  leaderId: number;
  leaderEpoch: number;
  partitionEpoch: number;
  /** The offset the read could go up to (log end, high watermark or last stable offset). */
  end: number;
  /** Its byte position (undefined: unknown, any move of `end` reads again). */
  position: number | undefined;
}

export function seenPartition(topic: string, fp: { partition: number; currentLeaderEpoch?: number; fetchOffset: number }, part: Partition, end: number): SeenPartition {
  return {
    topic, partition: fp.partition, currentLeaderEpoch: fp.currentLeaderEpoch, fetchOffset: fp.fetchOffset,
    part, log: part.log, generation: part.log.generation, leaderId: part.leaderId, leaderEpoch: part.leaderEpoch,
    partitionEpoch: part.partitionEpoch, end, position: part.log.positionOf(end),
  };
}

/**
 * Would a read now answer the fetch: `bytesRead` (what the last read found) plus the bytes that
 * became readable since reach `minBytes`, or a partition's answer would be other than data?
 */
export function worthReading(rm: ReplicaManager, scope: FetchScope, seen: readonly SeenPartition[], bytesRead: number, minBytes: number): boolean {
  let bytes = bytesRead;
  for (const s of seen) {
    const part = rm.readablePartition(s.topic, s.partition, s.currentLeaderEpoch, scope.onlyLeader);
    if (part !== s.part) return true;
    const log = part.log;
    if (log !== s.log || log.generation !== s.generation || part.leaderId !== s.leaderId
      || part.leaderEpoch !== s.leaderEpoch || part.partitionEpoch !== s.partitionEpoch) return true;
    if (s.fetchOffset < log.logStartOffset || s.fetchOffset > log.logEndOffset) return true;
    const end = rm.readableEnd(scope.replicaId, log, scope.isolationLevel);
    if (end === s.end) continue;
    if (end < s.end) return true;
    if (end <= s.fetchOffset) continue;
    const position = log.positionOf(end);
    if (position === undefined || s.position === undefined) return true;
    bytes += position - s.position;
    if (bytes >= minBytes) return true;
  }
  return false;
}

/**
 * Wait until a read is worth it (see worthReading), the deadline passes, the client goes away, or
 * the broker asks every waiting fetch to look again. Resolves; the caller reads.
 */
export function waitForFetchProgress(rm: ReplicaManager, scope: FetchScope, seen: readonly SeenPartition[], bytesRead: number, minBytes: number, deadline: number,
  conn: ConnectionContext): Promise<void> {
  const keys = [...new Set(seen.map((s) => fetchKey(s.topic, s.partition)))];
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, deadline - Date.now());
    let offClose: () => void = () => undefined;
    const off = rm.fetchWakeups.watch(keys, (force) => {
      let worth = true;
      try {
        worth = force || worthReading(rm, scope, seen, bytesRead, minBytes);
      } catch {
        // (runs in a microtask: the read reports whatever went wrong, to this fetch only)
      }
      if (worth) done();
    });
    function done(): void {
      clearTimeout(timer);
      off();
      offClose();
      resolve();
    }
    // A client that went away does not keep its fetch (and what it holds) until the deadline:
    // reconnecting clients with long max waits would pile them up.
    offClose = conn.whenClosed(done);
  });
}
