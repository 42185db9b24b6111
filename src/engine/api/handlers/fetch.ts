// Fetch: whole stored batches from the requested offsets, read through the replica manager
// (consumers up to the high watermark, followers, replica id >= 0, up to the log end, their fetch
// offsets telling the leader where they are), long-polling (max_wait_ms/min_bytes) until enough
// data arrives or the wait ends. Fetch sessions are declined (session id 0), so
// every request is a full fetch, which all clients accept. As Kafka's ReplicaManager, a fetch
// answers at once when it names no partition (a client closing its fetch session) or a partition
// has an error: only data worth waiting for is waited for. Fetch v0-3 get the batches converted
// to message format v0 (v0-1) or v1 (v2-3), as Kafka 3.9's KafkaApis.maybeConvertFetchedData did.
// isolation_level READ_COMMITTED (v4+) reads up to the last stable offset and gets the aborted
// transactions of what it read; every response from v4 carries the last stable offset.
// A fetch that waits is woken by changes on its own partitions and reads again only when that
// read would answer (see replica/delayed-fetch.ts), as Kafka's DelayedFetch.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import { RecordBatchError } from '../../../protocol/records/batch';
import { downConvertBatches } from '../../../protocol/records/convert';
import { MAGIC_V0, MAGIC_V1 } from '../../../protocol/records/legacy';
import { seenPartition, waitForFetchProgress, type FetchScope } from '../../replica/delayed-fetch';
import type { Partition } from '../../replica/partition';

/** A partition a fetch read (what seenPartition needs, should the fetch wait). */
interface ReadPartition { topic: string; fp: any; part: Partition; end: number }

interface PartitionOut {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: { producerId: number; firstOffset: number }[] | null;
  preferredReadReplica: number;
  records: Buffer | null;
}

const EMPTY = Buffer.alloc(0);

/** FetchResponse.partitionResponse(tp, error): the error alone, no offsets or records. */
function failed(out: PartitionOut, errorCode: number): PartitionOut {
  out.errorCode = errorCode;
  out.highWatermark = -1;
  out.lastStableOffset = -1;
  out.logStartOffset = -1;
  out.records = EMPTY;
  return out;
}

function scopeOf(req: any, version: number): FetchScope {
  // The replica id moved into ReplicaState in v15; these versions carry it at the top.
  const replicaId: number = req.replicaId ?? -1;
  // Followers and old consumers read only from the leader; a consumer's v11+ fetch carries client
  // metadata and may read a follower (KIP-392), up to that follower's high watermark.
  const onlyLeader = replicaId >= 0 || version < 11;
  return { replicaId, onlyLeader, isolationLevel: version >= 4 ? req.isolationLevel : 0 };
}

interface Built {
  responses: unknown[];
  bytes: number;
  answerNow: boolean;
  /** What the read saw of each partition (for a fetch that waits). */
  /** The partitions read, for a fetch that waits (seenPartition). */
  read: ReadPartition[];
}

function build(engine: Engine, req: any, version: number, scope: FetchScope): Built {
  const { replicaId, onlyLeader } = scope;
  // The message format the client reads: Fetch v0-1 magic 0, v2-3 magic 1, v4+ the stored v2.
  const toMagic = version <= 1 ? MAGIC_V0 : version <= 3 ? MAGIC_V1 : -1;
  let budget: number = req.maxBytes > 0 ? req.maxBytes : 0x7fffffff;
  let bytes = 0;
  let partitionCount = 0;
  let errors = false;
  const readParts: ReadPartition[] = [];
  const responses = req.topics.map((t: any) => {
    const partitions: PartitionOut[] = t.partitions.map((fp: any) => {
      partitionCount++;
      const out: PartitionOut = {
        partitionIndex: fp.partition, errorCode: 0, highWatermark: -1, lastStableOffset: -1,
        logStartOffset: -1, abortedTransactions: null, preferredReadReplica: -1, records: EMPTY,
      };
      const part = engine.replicaManager.readablePartition(t.topic, fp.partition, fp.currentLeaderEpoch, onlyLeader);
      if (typeof part === 'number') { out.errorCode = part; return out; }
      // Clients older than Fetch v10 cannot read zstd: a zstd topic refuses them outright.
      if (version < 10 && engine.configs.topicValue(part.topic, 'compression.type') === 'zstd') return failed(out, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
      const offset: number = fp.fetchOffset;
      // Kafka always returns at least the first batch of the first non-empty partition.
      const limit = Math.min(fp.partitionMaxBytes, bytes === 0 ? Math.max(budget, 1) : budget);
      const local = engine.replicaManager.readFromLocalLog(replicaId, part, offset, limit, Date.now(), scope.isolationLevel);
      if (local.errorCode !== 0 && !local.outOfRange) return failed(out, local.errorCode);
      if (!local.outOfRange) readParts.push({ topic: t.topic, fp, part, end: local.end });
      out.highWatermark = local.highWatermark;
      out.lastStableOffset = local.lastStableOffset ?? local.highWatermark;
      if (local.abortedTransactions) {
        out.abortedTransactions = local.abortedTransactions.map((a) => ({ producerId: a.producerId, firstOffset: a.firstOffset }));
      }
      out.logStartOffset = local.logStartOffset;
      if (local.outOfRange) { out.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE; return out; }
      const read = local.read;
      if (!read || read.batches.length === 0) return out;
      out.records = read.batches.length === 1 ? read.batches[0] : Buffer.concat(read.batches, read.bytes);
      if (toMagic >= 0) {
        try {
          out.records = downConvertBatches(out.records, toMagic, offset, read.bytes);
        } catch (e) {
          if (e instanceof RecordBatchError && e.errorCode === ErrorCode.UNSUPPORTED_COMPRESSION_TYPE) return failed(out, e.errorCode);
          throw e;
        }
      }
      bytes += read.bytes;
      budget -= read.bytes;
      return out;
    });
    if (partitions.some((o) => o.errorCode !== 0)) errors = true;
    return { topic: t.topic, partitions };
  });
  return { responses, bytes, answerNow: partitionCount === 0 || errors, read: readParts };
}

export async function handleFetch(engine: Engine, req: any, ctx: RequestContext): Promise<unknown> {
  const deadline = Date.now() + Math.max(0, req.maxWaitMs);
  const minBytes = Math.max(1, req.minBytes);
  const scope = scopeOf(req, ctx.version);
  let r = build(engine, req, ctx.version, scope);
  while (!r.answerNow && r.bytes < minBytes && Date.now() < deadline && !ctx.connection.isClosed()) {
    // Taken right after the read (no await between): what it saw, for the cheap checks.
    const seen = r.read.map((x) => seenPartition(x.topic, x.fp, x.part, x.end));
    await waitForFetchProgress(engine.replicaManager, scope, seen, r.bytes, minBytes, deadline, ctx.connection);
    r = build(engine, req, ctx.version, scope);
  }
  return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses: r.responses };
}
