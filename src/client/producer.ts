// A batching producer with the Java client's semantics (KafkaProducer + RecordAccumulator +
// Sender + NetworkClient, as of Kafka 3.9/4.0), on an event loop instead of a sender thread:
//
// - partitioning: murmur2 of the key; null keys use the built-in sticky partitioner (KIP-794):
//   one partition until batch.size bytes went to it, then a random available one;
// - records are written straight into per-partition batch buffers (batch.ts); a batch is sent
//   when full, after linger.ms, on flush/close, or when memory is exhausted;
// - one batch per partition per Produce request (as Kafka brokers require), up to
//   max.in.flight.requests.per.connection requests in flight per broker (pipelining);
// - acks 0 (no response: done once written), 1 and -1; idempotence (producer id, epoch and
//   per-partition sequences) when enable.idempotence holds, as by default with acks=all;
// - retries of retriable errors with exponential retry.backoff.ms, metadata refresh on
//   invalid-metadata errors, splitting on MESSAGE_TOO_LARGE, delivery.timeout.ms expiry,
//   request.timeout.ms per request, max.block.ms for metadata and buffer.memory waits;
// - the Java client's WARN log lines (NetworkClient, Sender) through `log`.
//
// Hot path: send() with known metadata does no allocation besides the batch buffers; failures
// are reported per record through onRecordError (sizes read back from the batch bytes).

import * as dns from 'node:dns';
import { BrokerConnection, ConnectionError } from './connection';
import type { Metrics } from './metrics';
import { ProducerMetrics } from './producer/metrics';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, errorInfo, KafkaError } from '../protocol/errors';
import { murmur2 } from '../protocol/murmur2';
import { decodeRecords, RecordView, type RecordHeader } from '../protocol/records/batch';
import { BufferPool, GROWTH_UNIT, ProducerBatch } from './producer/batch';
// Straight from the protocol layer: through batch.ts's re-export (a getter on its CommonJS
// exports) every record's size check was a generic property load.
import { estimateSizeUpperBound } from '../protocol/records/batch-builder';
import { BATCH_HEADER_SIZE } from '../protocol/records/layout';
import { TopicState, type PartitionState } from './producer/metadata';
import { TransactionManager, TransactionStateError, type TxnOffset } from './producer/transactions';
import type { ProducerSettings } from './producer/config';
import { loadZstdEncoder, zstdEncoderLoaded } from '../protocol/records/zstd';

export { producerSettings, ProducerConfigError, type ProducerSettings } from './producer/config';
export type { RecordHeader } from '../protocol/records/batch';

export type ProducerLogFn = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => void;

const NETWORK_CLIENT = 'org.apache.kafka.clients.NetworkClient';
const SENDER = 'org.apache.kafka.clients.producer.internals.Sender';

/** A client-side failure that is not a broker error code (e.g. BufferExhaustedException). */
export class ProducerException extends Error {
  constructor(readonly javaClass: string, message: string) {
    super(message);
    this.name = 'ProducerException';
  }

  javaName(): string {
    return this.javaClass;
  }

  javaString(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

export type SendError = KafkaError | ProducerException;

/** A record's completion: its offset (-1 with acks=0), or its error. */
export type SendCallback = (error: SendError | null, offset: number) => void;

export interface ProducerOptions {
  settings: ProducerSettings;
  log?: ProducerLogFn;
  /**
   * Called once per record of a failed send that nobody waits for (Kafka's ErrorLoggingCallback):
   * key/value sizes in bytes, -1 for null.
   */
  onRecordError?: (topic: string, keySize: number, valueSize: number, error: SendError) => void;
  /** Where to count Kafka's producer metrics (kafka-producer-perf-test --print-metrics). */
  metrics?: Metrics;
}

interface NodeConn {
  readonly id: number;
  host: string;
  port: number;
  conn: BrokerConnection | null;
  connecting: Promise<BrokerConnection> | null;
  failures: number;
  nextAttemptAt: number;
  requests: InflightRequest[];
  /** Set when we closed the connection because a request timed out. */
  timedOut: boolean;
  /** acks=0: waiting for the socket to drain. */
  blocked: boolean;
  /** Fairness: partition index to start the next drain at. */
  drainIndex: number;
}

interface InflightRequest {
  node: NodeConn;
  batches: ProducerBatch[];
  sentAt: number;
  correlationId: number;
}

interface MemoryWaiter {
  size: number;
  resolve: () => void;
}

const INVALID_METADATA = new Set<number>([
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.NETWORK_EXCEPTION, ErrorCode.KAFKA_STORAGE_ERROR, ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH, ErrorCode.LISTENER_NOT_FOUND, ErrorCode.UNKNOWN_TOPIC_ID,
  ErrorCode.INCONSISTENT_TOPIC_ID,
]);

const NEED_MEMORY = Symbol('need-memory');
/** tryAppend: the batch's buffer would have to grow beyond buffer.memory. */
const NO_MEMORY = -2;
/** The first batch of a partition starts this small (or at batch.size when that is smaller). */
const INITIAL_BATCH_CAPACITY = GROWTH_UNIT;

function timeoutError(message: string): KafkaError {
  return KafkaError.from(ErrorCode.REQUEST_TIMED_OUT, message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** Java's InetSocketAddress.toString(): `host/ip:port`, or `/ip:port` for a literal address. */
async function describeAddress(host: string, port: number): Promise<string> {
  if (/^[\d.]+$/.test(host) || host.includes(':')) return `/${host}:${port}`;
  try {
    const { address } = await dns.promises.lookup(host);
    return `${host}/${address}:${port}`;
  } catch {
    return `${host}:${port}`;
  }
}

/** A request's answer, or the connection closed (rejecting it) after request.timeout.ms. */
function withRequestTimeout<T>(conn: BrokerConnection, pending: Promise<T>, ms: number): Promise<T> {
  const timer = setTimeout(() => conn.close(), ms);
  return pending.finally(() => clearTimeout(timer));
}

function jitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

export class Producer {
  readonly settings: ProducerSettings;
  private readonly logFn: ProducerLogFn | undefined;
  private readonly onRecordError: ProducerOptions['onRecordError'];
  private readonly prefix: string;
  private readonly batchSize: number;
  private readonly maxInFlightPerPartition: number;
  private readonly pool: BufferPool;
  private readonly metrics: ProducerMetrics | undefined;

  private readonly topics = new Map<string, TopicState>();
  private lastTopic: TopicState | null = null;
  private readonly nodes = new Map<number, NodeConn>();
  private readonly bootstrapNodes: NodeConn[] = [];
  private brokersKnown = false;

  private metadataInProgress: Promise<void> | null = null;
  private metadataRefreshedAt = 0;
  private metadataAttemptAt = 0;
  private metadataWanted = false;

  private producerId = -1;
  private producerEpoch = -1;
  private pidGen = 0;
  private pidInProgress = false;
  private fatal: SendError | null = null;

  private bufferedBytes = 0;
  private incomplete = 0;
  private memWaiters: MemoryWaiter[] = [];
  private idleWaiters: (() => void)[] = [];

  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private immediate = false;
  private draining = false;
  private drainAgain = false;
  private flushing = 0;
  private closed = false;
  /** transactional.id set: the transaction's state and coordinator. */
  private readonly txn: TransactionManager | null;

  constructor(opts: ProducerOptions) {
    // Fields that later hold numbers beyond 31 bits (a broker's producer id, clock readings) get a
    // double first: a field going from small integer to double changes the Producer's hidden
    // class, and V8 then dropped the optimized send path (when InitProducerId answered, with
    // thousands of records appended meanwhile) and compiled it again.
    this.producerId = this.metadataRefreshedAt = this.metadataAttemptAt = 2 ** 53;
    this.producerId = -1;
    this.metadataRefreshedAt = this.metadataAttemptAt = 0;
    const s = opts.settings;
    this.settings = s;
    this.logFn = opts.log;
    this.onRecordError = opts.onRecordError;
    this.prefix = s.transactionalId === null ? `[Producer clientId=${s.clientId}] ` : `[Producer clientId=${s.clientId}, transactionalId=${s.transactionalId}] `;
    this.batchSize = Math.max(1, s.batchSize);
    this.maxInFlightPerPartition = s.idempotence ? Math.min(5, s.maxInFlight) : s.maxInFlight === 1 ? 1 : Infinity;
    this.pool = new BufferPool(this.batchSize, Math.min(64, Math.floor(s.bufferMemory / this.batchSize)));
    if (opts.metrics) {
      this.metrics = new ProducerMetrics(opts.metrics, {
        requestsInFlight: () => {
          let n = 0;
          for (const node of [...this.nodes.values(), ...this.bootstrapNodes]) n += node.requests.length;
          return n;
        },
        metadataRefreshedAt: () => this.metadataRefreshedAt,
        bufferTotal: s.bufferMemory,
        bufferAvailable: () => s.bufferMemory - this.bufferedBytes,
        waitingSends: () => this.memWaiters.length,
      });
    }
    let i = 0;
    for (const url of s.bootstrapServers) {
      const m = /^\[?(.*?)\]?:(\d+)$/.exec(url.trim());
      if (!m) continue;
      this.bootstrapNodes.push(this.newNode(-1 - i++, m[1], Number(m[2])));
    }
    this.txn = s.transactionalId === null ? null : new TransactionManager(s.transactionalId, s.transactionTimeoutMs, s.maxBlockMs, s.retryBackoffMs, {
      anyConnection: (deadline) => this.anyConnection(deadline),
      connectionTo: async (id, host, port, deadline) => {
        let node = this.nodes.get(id);
        if (node === undefined || node.host !== host || node.port !== port) this.nodes.set(id, (node = this.newNode(id, host, port)));
        if (node.conn !== null && !node.conn.isClosed()) return node.conn;
        return this.connectNode(node, deadline);
      },
      log: (level, message) => this.log(level, message, 'org.apache.kafka.clients.producer.internals.TransactionManager'),
    });
  }

  private newNode(id: number, host: string, port: number): NodeConn {
    return { id, host, port, conn: null, connecting: null, failures: 0, nextAttemptAt: 0, requests: [], timedOut: false, blocked: false, drainIndex: 0 };
  }

  private log(level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string): void {
    this.logFn?.(level, this.prefix + message, logger);
  }

  // -------------------------------------------------------------------------------------------
  // Sending

  /**
   * Send one record. Key and value are byte ranges [ks, ke) / [vs, ve) of the given buffers
   * (null buffer: null field); they are copied before send returns or, when it returns a
   * promise, before that promise settles. `undefined`: accepted at once. A promise: await it
   * before the next send (metadata or memory wait). With waitForAck the promise settles when
   * the record is acknowledged (its offset) or fails (rejected instead of onRecordError).
   * waitForAck may instead be a callback (Java's send(record, callback)): called once with the
   * record's offset or its error (instead of onRecordError); a returned promise then only means
   * "wait before the next send", as without waitForAck.
   */
  send(
    topic: string,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: RecordHeader[] | null = null,
    waitForAck: boolean | SendCallback = false,
  ): Promise<number | void> | undefined {
    if (this.closed) throw new Error('Cannot perform operation after producer has been closed');
    if (this.txn !== null) this.checkTransactionalSend();
    // The last topic sent to is remembered: a tool sends every record to one topic, and its
    // TopicState never changes identity (topics are only ever added).
    let t = this.lastTopic;
    if (t === null || t.name !== topic) {
      t = this.topics.get(topic) ?? null;
      if (t !== null) this.lastTopic = t;
    }
    if (t !== null && t.leaders.length > 0) {
      const r = this.appendNow(t, key, ks, ke, value, vs, ve, headers, waitForAck);
      if (r !== NEED_MEMORY) return r;
    }
    return this.sendSlow(topic, key, ks, ke, value, vs, ve, headers, waitForAck);
  }

  private async sendSlow(
    topic: string,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: RecordHeader[] | null,
    waitForAck: boolean | SendCallback,
  ): Promise<number | void> {
    const start = Date.now();
    const deadline = start + this.settings.maxBlockMs;
    let t: TopicState;
    // Batches are sealed synchronously: the zstd encoder (WebAssembly) is loaded before the
    // first record is appended (every topic's first record comes this way).
    if (this.settings.compression === 'zstd' && !zstdEncoderLoaded()) await loadZstdEncoder();
    try {
      t = await this.waitOnMetadata(topic, deadline);
    } catch (e) {
      return this.failRecord(topic, key === null ? -1 : ke - ks, value === null ? -1 : ve - vs, e as SendError, waitForAck);
    }
    for (;;) {
      const r = this.appendNow(t, key, ks, ke, value, vs, ve, headers, waitForAck);
      if (r !== NEED_MEMORY) return r;
      const size = Math.max(this.batchSize, estimateSizeUpperBound(key === null ? -1 : ke - ks, value === null ? -1 : ve - vs, headers));
      try {
        await this.waitForMemory(size, deadline);
      } catch (e) {
        return this.failRecord(topic, key === null ? -1 : ke - ks, value === null ? -1 : ve - vs, e as SendError, waitForAck);
      }
    }
  }

  private failRecord(topic: string, keySize: number, valueSize: number, e: SendError, waitForAck: boolean | SendCallback): Promise<never> | undefined {
    if (!(e instanceof KafkaError) && !(e instanceof ProducerException)) throw e;
    if (typeof waitForAck === 'function') {
      waitForAck(e, -1);
      return undefined;
    }
    if (waitForAck) return Promise.reject(e);
    this.onRecordError?.(topic, keySize, valueSize, e);
    return undefined;
  }

  /** Append to the partition's open batch (or a new one); NEED_MEMORY when buffer.memory is used up. */
  private appendNow(
    t: TopicState,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: RecordHeader[] | null,
    waitForAck: boolean | SendCallback,
  ): Promise<number> | typeof NEED_MEMORY | undefined {
    const s = this.settings;
    const kl = key === null ? -1 : ke - ks;
    const vl = value === null ? -1 : ve - vs;
    if (this.fatal !== null) return this.failRecord(t.name, kl, vl, this.fatal, waitForAck);
    const estimate = estimateSizeUpperBound(kl, vl, headers);
    if (estimate > s.maxRequestSize) {
      return this.failRecord(t.name, kl, vl, KafkaError.from(ErrorCode.MESSAGE_TOO_LARGE,
        `The message is ${estimate} bytes when serialized which is larger than ${s.maxRequestSize}, which is the value of the max.request.size configuration.`), waitForAck);
    }
    if (estimate > s.bufferMemory) {
      return this.failRecord(t.name, kl, vl, KafkaError.from(ErrorCode.MESSAGE_TOO_LARGE,
        `The message is ${estimate} bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.`), waitForAck);
    }

    let partition: number;
    const sticky = s.partitioner === null && (key === null || s.partitionerIgnoreKeys);
    if (s.partitioner === 'round-robin') {
      partition = t.nextRoundRobinPartition();
    } else if (!sticky) {
      partition = (murmur2(key!, ks, ke) & 0x7fffffff) % t.leaders.length;
    } else {
      partition = t.sticky >= 0 ? t.sticky : t.nextStickyPartition();
      const q = t.parts[partition].queue;
      const last = q.length > 0 ? q[q.length - 1] : undefined;
      if ((last === undefined || last.full) && t.stickyBytes >= this.batchSize) partition = t.nextStickyPartition();
    }
    let ps = t.parts[partition];
    let q = ps.queue;
    const now = Date.now();
    let b = q.length > 0 ? q[q.length - 1] : undefined;
    let appended = b !== undefined && !b.full ? this.tryAppend(b, now, key, ks, ke, value, vs, ve, headers, estimate) : -1;
    if (appended === NO_MEMORY) return NEED_MEMORY;
    if (appended < 0 && s.partitioner === 'round-robin') {
      // KafkaProducer.doSend with a custom partitioner: a record that would open a new batch is
      // not appended (abortOnNewBatch) and the partitioner is asked again, whose answer is final;
      // so the round-robin counter moves twice for such records, as with Kafka 3.9.
      partition = t.nextRoundRobinPartition();
      ps = t.parts[partition];
      q = ps.queue;
      b = q.length > 0 ? q[q.length - 1] : undefined;
      appended = b !== undefined && !b.full ? this.tryAppend(b, now, key, ks, ke, value, vs, ve, headers, estimate) : -1;
      if (appended === NO_MEMORY) return NEED_MEMORY;
    }
    let becameFull = false;
    if (appended < 0) {
      // Java reserves batch.size for every batch; a batch here starts at what its partition's
      // last batch grew to (batch.size once they fill up) and grows as records come, so
      // buffer.memory is charged for what batches hold, not for partitions times batch.size.
      const start = ps.batchCapacity > 0 ? ps.batchCapacity : Math.min(this.batchSize, INITIAL_BATCH_CAPACITY);
      const size = Math.max(start, estimate);
      const javaSize = Math.max(this.batchSize, estimate);
      if (javaSize > s.bufferMemory) {
        // BufferPool.allocate: a request above the whole pool can never be served.
        return this.failRecord(t.name, kl, vl, new ProducerException('java.lang.IllegalArgumentException',
          `Attempt to allocate ${javaSize} bytes, but there is a hard limit of ${s.bufferMemory} on memory allocations.`), waitForAck);
      }
      if (this.bufferedBytes + size > s.bufferMemory) return NEED_MEMORY;
      if (b !== undefined) becameFull = true;
      b = new ProducerBatch(ps, size, now, this.batchSize, this.pool);
      this.bufferedBytes += size;
      this.incomplete++;
      q.push(b);
      appended = b.tryAppend(now, key, ks, ke, value, vs, ve, headers);
      if (s.lingerMs === 0) this.drainSoon();
      else this.schedule(now + s.lingerMs);
    }
    if (b!.full) {
      becameFull = true;
      // The next batches of a busy partition start at the size this one reached: those queued
      // behind the in-flight ones would otherwise start small and copy themselves as they grow.
      ps.batchCapacity = Math.min(b!.capacity, this.batchSize);
    }
    if (sticky) {
      const produced = (t.stickyBytes += appended);
      if ((produced >= this.batchSize && b!.full) || produced >= 2 * this.batchSize) t.nextStickyPartition();
    }
    let result: Promise<number> | undefined;
    if (typeof waitForAck === 'function') {
      const cb = waitForAck;
      (b!.waiters ??= []).push({ index: b!.count - 1, resolve: (offset) => cb(null, offset), reject: (e) => cb(e as SendError, -1) });
    } else if (waitForAck) {
      const batch = b!;
      const index = batch.count - 1;
      result = new Promise<number>((resolve, reject) => {
        (batch.waiters ??= []).push({ index, resolve, reject });
      });
    }
    if (becameFull) this.drain();
    return result;
  }

  /**
   * Append to an open batch, growing its buffer within buffer.memory (NO_MEMORY when it cannot).
   * `estimate` is the record's estimateSizeUpperBound: the record itself takes at most that less
   * the batch overhead, so a buffer with that much room needs no exact size first.
   */
  private tryAppend(
    b: ProducerBatch, now: number,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: RecordHeader[] | null,
    estimate: number,
  ): number {
    if (b.builder.pos + estimate - BATCH_HEADER_SIZE > b.buf.length) {
      const grow = b.growthFor(now, key === null ? -1 : ke - ks, value === null ? -1 : ve - vs, headers);
      if (grow > 0) {
        if (this.bufferedBytes + grow > this.settings.bufferMemory) return NO_MEMORY;
        b.grow(grow);
        this.bufferedBytes += grow;
      }
    }
    return b.tryAppend(now, key, ks, ke, value, vs, ve, headers);
  }

  // -------------------------------------------------------------------------------------------
  // Memory (buffer.memory)

  private waitForMemory(size: number, deadline: number): Promise<void> {
    const s = this.settings;
    return new Promise<void>((resolve, reject) => {
      const w: MemoryWaiter = { size, resolve: () => undefined };
      const timer = setTimeout(() => {
        const i = this.memWaiters.indexOf(w);
        if (i >= 0) this.memWaiters.splice(i, 1);
        reject(new ProducerException('org.apache.kafka.clients.producer.BufferExhaustedException',
          `Failed to allocate ${size} bytes within the configured max blocking time ${s.maxBlockMs} ms. ` +
          `Total memory: ${s.bufferMemory} bytes. Available memory: ${Math.max(0, s.bufferMemory - this.bufferedBytes)} bytes. ` +
          `Poolable size: ${this.batchSize} bytes`));
      }, Math.max(0, deadline - Date.now()));
      w.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
      this.memWaiters.push(w);
      this.drain(); // exhausted memory makes every batch ready
    });
  }

  private releaseMemory(b: ProducerBatch): void {
    this.bufferedBytes -= b.capacity;
    this.incomplete--;
    while (this.memWaiters.length > 0 && this.bufferedBytes + this.memWaiters[0].size <= this.settings.bufferMemory) {
      this.memWaiters.shift()!.resolve();
    }
    if (this.incomplete === 0 && this.idleWaiters.length > 0) {
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const f of w) f();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Completion

  private succeed(b: ProducerBatch, baseOffset: number): void {
    if (b.done) return;
    b.done = true;
    this.releaseMemory(b);
    // Acknowledged: the request that carried the bytes is written and answered, so the buffer
    // can be reused (not with acks=0, where the socket may still hold it).
    if (this.settings.acks !== 0) this.pool.release(b.buf);
    if (b.waiters !== null) for (const w of b.waiters) w.resolve(baseOffset < 0 ? -1 : baseOffset + w.index);
  }

  private fail(b: ProducerBatch, err: SendError): void {
    if (b.done) return;
    b.done = true;
    this.metrics?.failed(b.part.topic.name, b.count);
    this.releaseMemory(b);
    // A transactional producer keeps its id and epoch: the transaction can only be aborted.
    if (this.txn !== null) this.txn.recordFailed(err);
    else if (this.settings.idempotence && b.pidGen === this.pidGen && b.pidGen >= 0) this.resetProducerId();
    const waiters = b.waiters;
    if (waiters !== null) for (const w of waiters) w.reject(err);
    const cb = this.onRecordError;
    if (cb === undefined || (waiters !== null && waiters.length === b.count)) return;
    const topic = b.part.topic.name;
    let index = 0;
    b.forEachRecordSize((k, v) => {
      if (waiters === null || !waiters.some((w) => w.index === index)) cb(topic, k, v, err);
      index++;
    });
  }

  private reenqueue(b: ProducerBatch, now: number): void {
    b.attempts++;
    const s = this.settings;
    b.retryAt = now + jitter(Math.min(s.retryBackoffMaxMs, s.retryBackoffMs * 2 ** (b.attempts - 1)));
    const q = b.part.queue;
    let i = 0;
    while (i < q.length && q[i].id < b.id) i++;
    q.splice(i, 0, b);
  }

  /** MESSAGE_TOO_LARGE for a batch of several records: send them again in two halves. */
  private split(b: ProducerBatch): void {
    const view = new RecordView();
    const records: { ts: number; key: Buffer | null; value: Buffer | null; headers: RecordHeader[] | null }[] = [];
    decodeRecords(b.bytes!, (r) => {
      records.push({
        ts: r.timestamp,
        key: r.key === null ? null : Buffer.from(r.key),
        value: r.value === null ? null : Buffer.from(r.value),
        headers: r.headers.length === 0 ? null : r.headers.map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value) })),
      });
    }, { view });
    const half = Math.ceil(records.length / 2);
    const parts = [records.slice(0, half), records.slice(half)];
    const q = b.part.queue;
    let at = 0;
    while (at < q.length && q[at].id < b.id) at++;
    const made: ProducerBatch[] = [];
    // The halves take the original's sequence range (the broker never appended it), as Java's
    // splitAndReenqueue does; without a current sequence they get new ones when sent.
    const s = this.settings;
    const keepSequence = s.idempotence && b.pidGen === this.pidGen && b.baseSequence >= 0;
    let seq = b.baseSequence;
    for (let k = 0; k < parts.length; k++) {
      const group = parts[k];
      let size = 0;
      for (const r of group) size += estimateSizeUpperBound(r.key?.length ?? -1, r.value?.length ?? -1, r.headers);
      const nb = new ProducerBatch(b.part, size, b.createdMs, Infinity);
      for (const r of group) nb.tryAppend(r.ts, r.key, 0, r.key?.length ?? 0, r.value, 0, r.value?.length ?? 0, r.headers);
      nb.full = true;
      nb.attempts = b.attempts;
      nb.splitDepth = b.splitDepth + 1;
      nb.id = b.id + k * 2 ** -nb.splitDepth;
      if (keepSequence) {
        nb.pidGen = this.pidGen;
        nb.close(s.compression, s.compressionLevel, this.producerId, this.producerEpoch, seq);
        seq = (seq + nb.count) % 0x80000000;
      }
      this.bufferedBytes += size;
      this.incomplete++;
      made.push(nb);
    }
    q.splice(at, 0, ...made);
    if (b.waiters !== null) {
      for (const w of b.waiters) {
        const target = w.index < half ? made[0] : made[1];
        (target.waiters ??= []).push({ ...w, index: w.index < half ? w.index : w.index - half });
      }
    }
    b.waiters = null;
    b.done = true;
    b.pidGen = -1; // its sequences live on in the halves
    this.releaseMemory(b);
  }

  private handlePartitionResult(b: ProducerBatch, code: number, message: string | null, baseOffset: number, correlationId: number, now: number): void {
    b.inFlight = false;
    const ps = b.part;
    const i = ps.inFlight.indexOf(b);
    if (i >= 0) ps.inFlight.splice(i, 1);
    if (b.done) return;
    if (code === ErrorCode.NONE || code === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
      this.succeed(b, code === ErrorCode.NONE ? baseOffset : -1);
      return;
    }
    const s = this.settings;
    const formatted = `${errorInfo(code).name}${message ? `. Error Message: ${message}` : ''}`;
    if (code === ErrorCode.MESSAGE_TOO_LARGE && b.count > 1) {
      this.log('WARN', `Got error produce response in correlation id ${correlationId} on topic-partition ${ps.name}, splitting and retrying (${s.retries - b.attempts} attempts left). Error: ${formatted}`, SENDER);
      this.metrics?.split();
      this.split(b);
      return;
    }
    // After a producer-id reset, batches of the old generation come back with sequence errors:
    // send them again under the new one.
    const staleSequence = s.idempotence && b.pidGen !== this.pidGen &&
      (code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || code === ErrorCode.UNKNOWN_PRODUCER_ID || code === ErrorCode.INVALID_PRODUCER_EPOCH);
    const earlierPending = s.idempotence && code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER && this.hasEarlierUnacked(b);
    const retriable = errorInfo(code).retriable || staleSequence || earlierPending;
    if (staleSequence || earlierPending) {
      b.inFlight = false;
      this.reenqueue(b, now);
      b.attempts--; // not a real attempt
    } else if (retriable && b.attempts < s.retries && now - b.createdMs < s.deliveryTimeoutMs) {
      this.log('WARN', `Got error produce response with correlation id ${correlationId} on topic-partition ${ps.name}, retrying (${s.retries - b.attempts - 1} attempts left). Error: ${formatted}`, SENDER);
      this.metrics?.retried(ps.topic.name, b.count);
      this.reenqueue(b, now);
    } else {
      this.fail(b, KafkaError.from(code, message || null));
    }
    if (INVALID_METADATA.has(code)) {
      if (code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        this.log('WARN', `Received unknown topic or partition error in produce request on partition ${ps.name}. The topic-partition may not exist or the user may not have Describe access to it`, SENDER);
      } else {
        this.log('WARN', `Received invalid metadata error in produce request on partition ${ps.name} due to ${KafkaError.from(code, message || null).javaString()} Going to request metadata update now`, SENDER);
      }
      this.requestMetadataUpdate();
    }
  }

  private hasEarlierUnacked(b: ProducerBatch): boolean {
    for (const o of b.part.inFlight) if (o.id < b.id) return true;
    for (const o of b.part.queue) if (o.id < b.id) return true;
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // The sender: drain ready batches into Produce requests

  private drainSoon(): void {
    if (this.immediate) return;
    this.immediate = true;
    setImmediate(() => {
      this.immediate = false;
      this.drain();
    });
  }

  private schedule(at: number): void {
    if (at >= this.timerAt || this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.drain();
    }, Math.max(0, at - Date.now()));
  }

  private drain(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        this.drainOnce();
      } while (this.drainAgain);
    } finally {
      this.draining = false;
    }
  }

  private isReady(ps: PartitionState, head: ProducerBatch, now: number): number {
    if (head.attempts > 0) return head.retryAt;
    if (ps.queue.length > 1 || head.full || this.flushing > 0 || this.closed || this.memWaiters.length > 0) return 0;
    return head.createdMs + this.settings.lingerMs;
  }

  private drainOnce(): void {
    const s = this.settings;
    const now = Date.now();
    let wake = Infinity;
    const canSend = this.fatal === null && (!s.idempotence || this.producerId >= 0);
    if (s.idempotence && this.producerId < 0 && this.incomplete > 0 && this.txn === null) this.ensureProducerId();
    const txnError = this.txn?.error ?? null;
    if (txnError !== null) this.failAllQueued(txnError instanceof KafkaError ? txnError : new ProducerException('org.apache.kafka.common.KafkaException', txnError.message));
    let ready: Map<number, PartitionState[]> | null = null;
    let unknownLeader = false;

    for (const t of this.topics.values()) {
      const parts = t.parts;
      for (let i = 0; i < parts.length; i++) {
        const ps = parts[i];
        const q = ps.queue;
        if (q.length === 0) continue;
        // delivery.timeout.ms: expire from the head
        while (q.length > 0 && now - q[0].createdMs >= s.deliveryTimeoutMs && ps.inFlight.length === 0) {
          const b = q.shift()!;
          this.fail(b, timeoutError(`Expiring ${b.count} record(s) for ${ps.name}:${now - b.createdMs} ms has passed since batch creation`));
        }
        if (q.length === 0) continue;
        const head = q[0];
        wake = Math.min(wake, head.createdMs + s.deliveryTimeoutMs);
        const leader = t.leaders[ps.partition];
        if (leader === undefined || leader < 0) {
          unknownLeader = true;
          continue;
        }
        const at = this.isReady(ps, head, now);
        if (at > now) {
          wake = Math.min(wake, at);
          continue;
        }
        if (!canSend) continue;
        if (ps.inFlight.length >= this.maxInFlightPerPartition) continue;
        // A partition joins the transaction (AddPartitionsToTxn) before its first batch goes.
        if (this.txn !== null && !this.txn.ensurePartition(t.name, ps.partition, () => this.drainSoon())) continue;
        ready ??= new Map();
        let list = ready.get(leader);
        if (list === undefined) ready.set(leader, (list = []));
        list.push(ps);
      }
    }
    if (unknownLeader) this.requestMetadataUpdate();

    if (ready !== null) {
      for (const [nodeId, parts] of ready) {
        const node = this.nodes.get(nodeId);
        if (node === undefined) {
          this.requestMetadataUpdate();
          continue;
        }
        const conn = node.conn;
        if (conn === null || conn.isClosed()) {
          if (conn !== null) this.markDisconnected(node, now);
          if (node.connecting === null && node.nextAttemptAt <= now) this.connectInBackground(node);
          else if (node.connecting === null) wake = Math.min(wake, node.nextAttemptAt);
          continue;
        }
        while (!node.blocked && (s.acks === 0 || node.requests.length < s.maxInFlight)) {
          const batches = this.collect(node, parts, now);
          if (batches === null) break;
          this.sendRequest(node, conn, batches, now);
        }
      }
    }

    // request.timeout.ms
    for (const node of this.nodes.values()) {
      if (node.requests.length === 0) continue;
      const oldest = node.requests[0].sentAt;
      if (now - oldest >= s.requestTimeoutMs) {
        node.timedOut = true;
        node.conn?.close(); // fails the node's requests (onProduceFailure)
      } else {
        wake = Math.min(wake, oldest + s.requestTimeoutMs);
      }
    }
    if (this.topics.size > 0 && this.incomplete > 0 && s.metadataMaxAgeMs >= 0) {
      if (now - this.metadataRefreshedAt >= s.metadataMaxAgeMs) this.requestMetadataUpdate();
      else wake = Math.min(wake, this.metadataRefreshedAt + s.metadataMaxAgeMs);
    }
    if (wake < Infinity) this.schedule(wake);
  }

  /** One batch from each ready partition led by this node, within max.request.size; null if none. */
  private collect(node: NodeConn, parts: PartitionState[], now: number): ProducerBatch[] | null {
    const s = this.settings;
    let out: ProducerBatch[] | null = null;
    let size = 0;
    const n = parts.length;
    const start = node.drainIndex % n;
    for (let k = 0; k < n; k++) {
      const ps = parts[(start + k) % n];
      const q = ps.queue;
      if (q.length === 0) continue;
      const head = q[0];
      if (this.isReady(ps, head, now) > now) continue;
      if (ps.inFlight.length >= this.maxInFlightPerPartition) continue;
      if (s.idempotence) {
        // Batches of an older producer id must come back first; a batch that already has a
        // sequence (a retry, a split half) goes only when no earlier sequence is in flight
        // (Java's RecordAccumulator.shouldStopDrainBatchesForPartition).
        const sequenced = head.pidGen === this.pidGen && head.bytes !== null;
        let wait = false;
        for (const o of ps.inFlight) {
          if (o.pidGen !== this.pidGen || (sequenced && o.id < head.id)) wait = true;
        }
        if (wait) continue;
      }
      this.prepare(head, ps);
      const bytes = head.bytes!.length;
      if (out !== null && size + bytes > s.maxRequestSize) break;
      q.shift();
      size += bytes;
      (out ??= []).push(head);
      node.drainIndex = (start + k + 1) % n;
    }
    return out;
  }

  /** Close the batch (header, compression) and give it its idempotent sequence. */
  private prepare(b: ProducerBatch, ps: PartitionState): void {
    const s = this.settings;
    if (s.idempotence) {
      if (b.pidGen === this.pidGen && b.bytes !== null) return;
      if (ps.sequenceGen !== this.pidGen) {
        ps.sequenceGen = this.pidGen;
        ps.nextSequence = 0;
      }
      const seq = ps.nextSequence;
      // (& not %: the same for these non-negative sums, and an int, so the field stays one.)
      ps.nextSequence = (seq + b.count) & 0x7fffffff;
      b.pidGen = this.pidGen;
      ps.batchCapacity = Math.min(b.capacity, this.batchSize);
      b.close(s.compression, s.compressionLevel, this.producerId, this.producerEpoch, seq, this.txn !== null);
    } else if (b.bytes === null) {
      ps.batchCapacity = Math.min(b.capacity, this.batchSize);
      b.close(s.compression, s.compressionLevel, -1, -1, -1);
    }
  }

  private sendRequest(node: NodeConn, conn: BrokerConnection, batches: ProducerBatch[], now: number): void {
    const s = this.settings;
    const topicData: { name: string; partitionData: { index: number; records: Buffer }[] }[] = [];
    // By name: a request can carry batches of thousands of topics.
    const byName = new Map<string, (typeof topicData)[number]>();
    for (const b of batches) {
      const name = b.part.topic.name;
      let td = byName.get(name);
      if (td === undefined) {
        topicData.push((td = { name, partitionData: [] }));
        byName.set(name, td);
      }
      td.partitionData.push({ index: b.part.partition, records: b.bytes! });
    }
    const body = { transactionalId: s.transactionalId, acks: s.acks, timeoutMs: s.requestTimeoutMs, topicData };
    this.metrics?.request(batches.map((b) => ({ topic: b.part.topic.name, count: b.count, bytes: b.bytes!.length, createdMs: b.createdMs })), now);
    if (s.acks === 0) {
      try {
        conn.sendNoResponse(ApiKey.Produce, body, this.txn?.produceVersionCap);
      } catch (e) {
        for (const b of batches) this.fail(b, e instanceof KafkaError ? e : KafkaError.from(ErrorCode.NETWORK_EXCEPTION, `Disconnected from node ${node.id}`));
        return;
      }
      for (const b of batches) this.succeed(b, -1);
      if (conn.needsDrain) {
        node.blocked = true;
        conn.waitForDrain().then(() => {
          node.blocked = false;
          this.drain();
        });
      }
      return;
    }
    for (const b of batches) {
      b.inFlight = true;
      b.part.inFlight.push(b);
    }
    const req: InflightRequest = { node, batches, sentAt: now, correlationId: 0 };
    const p = conn.send(ApiKey.Produce, body, this.txn?.produceVersionCap);
    req.correlationId = conn.lastCorrelationId;
    node.requests.push(req);
    p.then((resp) => this.onProduceResponse(req, resp), (err) => this.onProduceFailure(req, err));
  }

  private removeRequest(req: InflightRequest): void {
    const list = req.node.requests;
    const i = list.indexOf(req);
    if (i >= 0) list.splice(i, 1);
  }

  private onProduceResponse(req: InflightRequest, resp: any): void {
    this.removeRequest(req);
    const now = Date.now();
    this.metrics?.response(req.node.conn?.nodeId ?? req.node.id, now - req.sentAt, resp.throttleTimeMs ?? 0);
    // Indexed once: scanning the response per batch was quadratic with thousands of partitions.
    const results = new Map<string, Map<number, any>>();
    for (const t of resp.responses) {
      let byIndex = results.get(t.name);
      if (byIndex === undefined) results.set(t.name, (byIndex = new Map()));
      for (const pr of t.partitionResponses) byIndex.set(pr.index, pr);
    }
    for (const b of req.batches) {
      let code = ErrorCode.UNKNOWN_SERVER_ERROR as number;
      let message: string | null = null;
      let baseOffset = -1;
      const pr = results.get(b.part.topic.name)?.get(b.part.partition);
      if (pr !== undefined) {
        code = pr.errorCode;
        message = pr.errorMessage ?? null;
        baseOffset = pr.baseOffset;
        if (code === ErrorCode.INVALID_RECORD && pr.recordErrors?.length === 1 && pr.recordErrors[0].batchIndexErrorMessage) {
          message = pr.recordErrors[0].batchIndexErrorMessage;
        }
      }
      this.handlePartitionResult(b, code, message, baseOffset, req.correlationId, now);
    }
    this.drain();
  }

  private onProduceFailure(req: InflightRequest, err: unknown): void {
    this.removeRequest(req);
    const node = req.node;
    const now = Date.now();
    let code: number;
    let message: string;
    if (err instanceof KafkaError && !(err instanceof ConnectionError)) {
      code = err.code;
      message = err.message;
    } else if (node.timedOut) {
      code = ErrorCode.REQUEST_TIMED_OUT;
      message = `Disconnected from node ${node.id} due to timeout`;
    } else {
      code = ErrorCode.NETWORK_EXCEPTION;
      message = `Disconnected from node ${node.id}`;
    }
    if (node.conn !== null && node.conn.isClosed()) this.markDisconnected(node, now);
    for (const b of req.batches) this.handlePartitionResult(b, code, message, -1, req.correlationId, now);
    if (node.requests.length === 0) node.timedOut = false;
    this.drain();
  }

  private markDisconnected(node: NodeConn, now: number): void {
    node.conn = null;
    node.blocked = false;
    node.nextAttemptAt = now + jitter(this.settings.reconnectBackoffMs);
    this.requestMetadataUpdate();
  }

  // -------------------------------------------------------------------------------------------
  // Connections

  private connectInBackground(node: NodeConn): void {
    this.connectNode(node, Date.now() + this.settings.connectionSetupTimeoutMs).then(
      () => this.drain(),
      () => {
        this.requestMetadataUpdate();
        this.schedule(node.nextAttemptAt);
      },
    );
  }

  private connectNode(node: NodeConn, deadline: number): Promise<BrokerConnection> {
    if (node.connecting) return node.connecting;
    const s = this.settings;
    const p = (async () => {
      const c = new BrokerConnection(node.host, node.port, s.clientId, node.id, this.metrics?.network);
      try {
        // The setup timeout covers the ApiVersions exchange too (a stopped broker accepts TCP).
        const ms = Math.max(1, Math.min(s.connectionSetupTimeoutMs, deadline - Date.now()));
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ConnectionError(`connection to ${node.host}:${node.port} timed out`, node.host, node.port)), ms);
        });
        try {
          await Promise.race([c.connect(ms), timeout]);
        } finally {
          clearTimeout(timer);
        }
        if (this.closed) {
          c.close();
          throw new ConnectionError('producer closed', node.host, node.port);
        }
        node.conn = c;
        node.failures = 0;
        node.timedOut = false;
        return c;
      } catch (e) {
        c.close();
        node.failures++;
        const backoff = Math.min(s.reconnectBackoffMaxMs, s.reconnectBackoffMs * 2 ** (node.failures - 1));
        node.nextAttemptAt = Date.now() + jitter(backoff);
        if (!this.closed) {
          this.log('WARN', `Connection to node ${node.id} (${await describeAddress(node.host, node.port)}) could not be established. Node may not be available.`, NETWORK_CLIENT);
          if (!this.brokersKnown && node.id < 0) {
            this.log('WARN', `Bootstrap broker ${node.host}:${node.port} (id: ${node.id} rack: null isFenced: false) disconnected`, NETWORK_CLIENT);
          }
        }
        throw e;
      } finally {
        node.connecting = null;
      }
    })();
    node.connecting = p;
    return p;
  }

  /** A connection to any broker (known brokers, else the bootstrap servers), until the deadline. */
  private async anyConnection(deadline: number): Promise<BrokerConnection> {
    for (;;) {
      if (this.closed) throw new ProducerException('org.apache.kafka.common.KafkaException', 'Producer closed while send in progress');
      for (const n of this.nodes.values()) if (n.conn !== null && !n.conn.isClosed()) return n.conn;
      for (const n of this.bootstrapNodes) if (n.conn !== null && !n.conn.isClosed()) return n.conn;
      const candidates = this.brokersKnown && this.nodes.size > 0 ? [...this.nodes.values()] : this.bootstrapNodes;
      if (candidates.length === 0) throw timeoutError('No bootstrap servers to connect to');
      let best = candidates[0];
      for (const n of candidates) {
        if (n.connecting) {
          best = n;
          break;
        }
        if (n.nextAttemptAt < best.nextAttemptAt) best = n;
      }
      const now = Date.now();
      if (now >= deadline) throw timeoutError('Timed out waiting for a connection');
      if (best.connecting === null && best.nextAttemptAt > now) {
        await sleep(Math.min(best.nextAttemptAt, deadline) - now);
        continue;
      }
      try {
        return await this.connectNode(best, deadline);
      } catch {
        // logged by connectNode; try again after the backoff
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Metadata

  /** Refresh soon (respecting retry.backoff.ms); failures are logged by the connection layer. */
  private requestMetadataUpdate(): void {
    if (this.metadataInProgress !== null || this.closed) {
      this.metadataWanted = true;
      return;
    }
    const at = this.metadataAttemptAt + this.settings.retryBackoffMs;
    const deadline = Date.now() + this.settings.maxBlockMs;
    this.updateMetadata(deadline).then(
      () => this.drain(),
      () => this.schedule(Math.max(at, Date.now() + this.settings.retryBackoffMs)),
    );
  }

  private updateMetadata(deadline: number): Promise<void> {
    if (this.metadataInProgress !== null) return this.metadataInProgress;
    const p = (async () => {
      const wait = this.metadataAttemptAt + this.settings.retryBackoffMs - Date.now();
      if (wait > 0) await sleep(Math.min(wait, deadline - Date.now()));
      this.metadataWanted = false;
      this.metadataAttemptAt = Date.now();
      const conn = await this.anyConnection(deadline);
      const names = [...this.topics.keys()];
      const v = conn.versionFor(ApiKey.Metadata) ?? 0;
      const pending = conn.send(ApiKey.Metadata, {
        topics: names.length === 0 && v === 0 ? [] : names.map((name) => ({ name })),
        allowAutoTopicCreation: true,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
      const correlationId = conn.lastCorrelationId;
      let body: any;
      try {
        body = await withRequestTimeout(conn, pending, this.settings.requestTimeoutMs);
      } catch (e) {
        if (e instanceof ConnectionError) throw timeoutError(e.message);
        throw e;
      }
      // The next attempt backs off from this answer, as Java's Metadata does from lastRefreshMs
      // (a topic being auto-created by a KRaft broker is then seen once, not twice).
      this.metadataAttemptAt = Date.now();
      this.applyMetadata(body, correlationId);
    })();
    this.metadataInProgress = p;
    p.then(
      () => {
        this.metadataInProgress = null;
        if (this.metadataWanted) this.requestMetadataUpdate();
      },
      () => {
        this.metadataInProgress = null;
      },
    );
    return p;
  }

  private applyMetadata(body: any, correlationId: number): void {
    const seen = new Set<number>();
    for (const b of body.brokers) {
      seen.add(b.nodeId);
      let n = this.nodes.get(b.nodeId);
      if (n !== undefined && (n.host !== b.host || n.port !== b.port)) {
        n.conn?.close();
        n.conn = null;
        n.host = b.host;
        n.port = b.port;
      }
      if (n === undefined) {
        n = this.newNode(b.nodeId, b.host, b.port);
        this.nodes.set(b.nodeId, n);
        // Reuse the bootstrap connection when it reaches this very broker.
        for (const bn of this.bootstrapNodes) {
          if (bn.conn !== null && !bn.conn.isClosed() && bn.host === b.host && bn.port === b.port) {
            n.conn = bn.conn;
            bn.conn = null;
            break;
          }
        }
      }
    }
    if (body.brokers.length > 0) this.brokersKnown = true;
    const errors: string[] = [];
    for (const tm of body.topics) {
      const t = this.topics.get(tm.name);
      if (t === undefined) continue;
      if (tm.errorCode !== 0) {
        errors.push(`${tm.name}=${errorInfo(tm.errorCode).name}`);
        t.error = tm.errorCode;
        continue;
      }
      t.error = 0;
      let count = 0;
      for (const p of tm.partitions) count = Math.max(count, p.partitionIndex + 1);
      const leaders = new Array<number>(count).fill(-1);
      for (const p of tm.partitions) leaders[p.partitionIndex] = p.leaderId >= 0 && seen.has(p.leaderId) ? p.leaderId : -1;
      t.update(leaders);
    }
    if (errors.length > 0) {
      this.log('WARN', `The metadata response from the cluster reported a recoverable issue with correlation id ${correlationId} : {${errors.join(', ')}}`, NETWORK_CLIENT);
    }
    // Metadata.checkInvalidTopics: the topics the broker called invalid fail their sends.
    const invalid = body.topics.filter((tm: any) => tm.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION && this.topics.has(tm.name)).map((tm: any) => tm.name);
    if (invalid.length > 0) this.log('ERROR', `Metadata response reported invalid topics [${invalid.join(', ')}]`, 'org.apache.kafka.clients.Metadata');
    this.metadataRefreshedAt = Date.now();
  }

  /** KafkaProducer.waitOnMetadata: the topic's partitions, or TimeoutException after max.block.ms. */
  private async waitOnMetadata(topic: string, deadline: number): Promise<TopicState> {
    let t = this.topics.get(topic);
    if (t !== undefined && t.error === ErrorCode.INVALID_TOPIC_EXCEPTION) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, topic);
    if (t === undefined) {
      t = new TopicState(topic);
      this.topics.set(topic, t);
    }
    const maxWait = this.settings.maxBlockMs;
    const notPresent = () => timeoutError(`Topic ${topic} not present in metadata after ${maxWait} ms.`);
    while (t.leaders.length === 0) {
      if (Date.now() >= deadline) throw notPresent();
      try {
        await this.updateMetadata(deadline);
      } catch (e) {
        if (!(e instanceof KafkaError || e instanceof ConnectionError || e instanceof ProducerException)) throw e;
        if (this.closed) throw new ProducerException('org.apache.kafka.common.KafkaException', 'Producer closed while send in progress');
      }
      if (t.error === ErrorCode.INVALID_TOPIC_EXCEPTION) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, `Invalid topics: [${topic}]`);
      if (t.error === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
        throw KafkaError.from(ErrorCode.TOPIC_AUTHORIZATION_FAILED, `Not authorized to access topics: [${topic}]`);
      }
      if (t.leaders.length === 0 && Date.now() >= deadline) throw notPresent();
    }
    return t;
  }

  // -------------------------------------------------------------------------------------------
  // Idempotence

  private ensureProducerId(): void {
    if (this.pidInProgress || this.closed && this.incomplete === 0) return;
    this.pidInProgress = true;
    const s = this.settings;
    (async () => {
      for (;;) {
        let conn: BrokerConnection;
        try {
          conn = await this.anyConnection(Date.now() + s.maxBlockMs);
        } catch {
          if (this.incomplete === 0) return;
          continue;
        }
        if (!conn.supports(ApiKey.InitProducerId)) {
          this.fatal = KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, 'The broker does not support INIT_PRODUCER_ID');
          return;
        }
        let resp: any;
        try {
          resp = await withRequestTimeout(conn, conn.send(ApiKey.InitProducerId, {
            transactionalId: null, transactionTimeoutMs: 2147483647, producerId: -1, producerEpoch: -1,
          }), s.requestTimeoutMs);
        } catch {
          await sleep(s.retryBackoffMs);
          continue;
        }
        if (resp.errorCode === 0) {
          this.producerId = resp.producerId;
          this.producerEpoch = resp.producerEpoch;
          return;
        }
        if (!errorInfo(resp.errorCode).retriable) {
          this.fatal = KafkaError.from(resp.errorCode);
          return;
        }
        await sleep(s.retryBackoffMs);
      }
    })().finally(() => {
      this.pidInProgress = false;
      if (this.fatal !== null) this.failAllQueued(this.fatal);
      this.drain();
    });
  }

  /** After a batch with a sequence failed for good: continue under a new producer id. */
  private resetProducerId(): void {
    this.producerId = -1;
    this.producerEpoch = -1;
    this.pidGen++;
  }

  private failAllQueued(err: SendError): void {
    for (const t of this.topics.values()) {
      for (const ps of t.parts) {
        const q = ps.queue;
        ps.queue = [];
        for (const b of q) this.fail(b, err);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Transactions (transactional.id set), as KafkaProducer's methods

  private requireTxn(): TransactionManager {
    if (this.txn === null) throw new TransactionStateError('Cannot use transactional methods without enabling transactions by setting the transactional.id configuration property');
    return this.txn;
  }

  private checkTransactionalSend(): void {
    const txn = this.txn!;
    if (txn.state === 'UNINITIALIZED') throw new TransactionStateError("Cannot perform a 'send' before completing a call to initTransactions when transactions are enabled.");
    if (txn.state === 'FATAL_ERROR' || txn.state === 'ABORTABLE_ERROR') throw new TransactionStateError(`Cannot perform send because at least one previous transactional or idempotent request has failed with errors: ${txn.error?.message ?? ''}`);
    if (txn.state !== 'IN_TRANSACTION') throw new TransactionStateError(`Cannot call send in state ${txn.state}`);
  }

  /** InitProducerId with the transactional id (fences older instances, ends their open transaction). */
  async initTransactions(): Promise<void> {
    const txn = this.requireTxn();
    await txn.initTransactions();
    this.producerId = txn.producerId;
    this.producerEpoch = txn.producerEpoch;
    this.pidGen++;
    this.drain();
  }

  beginTransaction(): void {
    this.requireTxn().beginTransaction();
  }

  /** The consumer group's offsets, committed with the transaction. */
  sendOffsetsToTransaction(offsets: readonly TxnOffset[], groupId: string): Promise<void> {
    return this.requireTxn().sendOffsetsToTransaction(offsets, groupId);
  }

  /** Flush, then EndTxn(commit); a record that failed in the transaction fails the commit. */
  async commitTransaction(): Promise<void> {
    const txn = this.requireTxn();
    await this.flush();
    const err = txn.error;
    if (err !== null) throw err;
    await txn.endTransaction(true);
    this.afterEnd(txn);
  }

  /** Transactions v2: the end bumped the epoch (or moved the producer id); sequences restart. */
  private afterEnd(txn: TransactionManager): void {
    if (txn.producerId === this.producerId && txn.producerEpoch === this.producerEpoch) return;
    this.producerId = txn.producerId;
    this.producerEpoch = txn.producerEpoch;
    this.pidGen++;
  }

  /** Drop what is not sent, wait for what is in flight, then EndTxn(abort). */
  async abortTransaction(): Promise<void> {
    const txn = this.requireTxn();
    this.failAllQueued(new ProducerException('org.apache.kafka.common.errors.TransactionAbortedException', 'Failing batch since transaction was aborted'));
    await this.whenIdle();
    await txn.endTransaction(false);
    this.afterEnd(txn);
  }

  // -------------------------------------------------------------------------------------------
  // Flush and close

  /** Records buffered or in flight. */
  get pendingBatches(): number {
    return this.incomplete;
  }

  private whenIdle(): Promise<void> {
    if (this.incomplete === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Send everything buffered now and wait until every record is acknowledged or failed. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      this.drain();
      await this.whenIdle();
    } finally {
      this.flushing--;
    }
  }

  /** Flush, then close every connection (acks=0 data is handed to the OS first). */
  async close(): Promise<void> {
    if (this.incomplete > 0) await this.flush();
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const closing: Promise<void>[] = [];
    for (const n of [...this.nodes.values(), ...this.bootstrapNodes]) {
      if (n.conn !== null) closing.push(n.conn.closeGracefully());
      n.conn = null;
    }
    await Promise.all(closing);
  }

  /** Close at once, dropping whatever is not sent. */
  abort(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    for (const n of [...this.nodes.values(), ...this.bootstrapNodes]) n.conn?.close();
  }
}
