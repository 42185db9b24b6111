// One TCP connection to a broker: Kafka framing, correlation ids, responses matched in order,
// and ApiVersions negotiation (v3 first, falling back to what the broker says it supports).
import { writeChunks } from '../util/socket-write';
import { FrameReader } from './frame-reader';
import * as net from 'node:net';
import { ADVERTISED, ApiKey, apiSpec, CLIENT_ONLY, decodeResponseFrame, encodeRequestFrame } from '../protocol/apis';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { Reader } from '../protocol/reader';
import type { NetworkMetrics } from './metrics';

export class ConnectionError extends Error {
  constructor(message: string, readonly host: string, readonly port: number) {
    super(message);
    this.name = 'ConnectionError';
  }
}

interface Pending {
  correlationId: number;
  apiKey: number;
  version: number;
  shareRepeats: boolean;
  resolve: (body: any) => void;
  reject: (e: Error) => void;
}

/**
 * The lowest version this client sends where it is above the schema's: it writes and reads
 * RecordBatch v2 only (Produce 3+, Fetch 4+) and relies on fields old versions lack.
 */
const CLIENT_MIN_VERSIONS: ReadonlyMap<number, number> = new Map([
  [ApiKey.Produce, 3], [ApiKey.Fetch, 4], [ApiKey.ListOffsets, 1], [ApiKey.OffsetCommit, 2], [ApiKey.OffsetFetch, 1],
]);

/**
 * The highest version this client sends where it is below the schema's: AddPartitionsToTxn 4+ are
 * the brokers' versions. (Produce 12, TxnOffsetCommit 5 and EndTxn 5 are transactions v2: the
 * transactional producer caps them itself when the broker has not finalized transaction.version 2.)
 */
const CLIENT_MAX_VERSIONS: ReadonlyMap<number, number> = new Map([
  [ApiKey.AddPartitionsToTxn, 3], [ApiKey.AddOffsetsToTxn, 3],
]);

/** Versions this client can speak for each API (what our schemas implement). */
const CLIENT_VERSIONS: ReadonlyMap<number, { min: number; max: number }> = new Map([
  ...[...ADVERTISED.entries()].map(([k, r]): [number, { min: number; max: number }] => [k, {
    min: Math.max(r.min, CLIENT_MIN_VERSIONS.get(k) ?? 0), max: Math.min(r.max, CLIENT_MAX_VERSIONS.get(k) ?? r.max),
  }]),
  ...CLIENT_ONLY.entries(),
]);

export class BrokerConnection {
  private sock!: net.Socket;
  private nextCorrelation = 1;
  private pending: Pending[] = [];
  private readonly frames = new FrameReader((f) => this.onFrame(f));
  private closedError: Error | undefined;
  private brokerVersions = new Map<number, { min: number; max: number }>();
  private finalized = new Map<string, number>();

  constructor(readonly host: string, readonly port: number, readonly clientId: string, readonly nodeId = -1,
    private readonly metrics?: NetworkMetrics) {}

  /** Connect and negotiate API versions. */
  async connect(timeoutMs = 10000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const sock = net.connect({
        host: this.host,
        port: this.port,
        noDelay: true,
        onread: { buffer: () => this.frames.nextReadBuffer(), callback: (n: number, buf: Uint8Array) => { this.frames.push(buf as Buffer, n); return true; } },
      });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new ConnectionError(`connection to ${this.host}:${this.port} timed out`, this.host, this.port));
      }, timeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      sock.once('error', (e: any) => {
        clearTimeout(timer);
        reject(new ConnectionError(`${e.code ?? e.message}`, this.host, this.port));
      });
      this.sock = sock;
    });
    this.sock.on('error', (e) => this.failAll(new ConnectionError(e.message, this.host, this.port)));
    this.sock.on('close', () => this.failAll(new ConnectionError(`connection to ${this.host}:${this.port} closed`, this.host, this.port)));
    if (this.metrics) {
      const m = this.metrics;
      m.connected(this.nodeId);
      this.sock.once('close', () => m.disconnected());
    }
    await this.negotiate();
  }

  private async negotiate(): Promise<void> {
    let body: any;
    try {
      body = await this.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'kafka-local', clientSoftwareVersion: '0.1.0' });
    } catch (e) {
      if (!(e instanceof KafkaError) || e.code !== ErrorCode.UNSUPPORTED_VERSION) throw e;
      body = (e as any).body;
      const max = body?.apiKeys?.find((k: any) => k.apiKey === ApiKey.ApiVersions)?.maxVersion ?? 0;
      body = await this.request(ApiKey.ApiVersions, Math.min(max, 2), {});
    }
    if (body.errorCode !== 0) throw KafkaError.from(body.errorCode);
    for (const k of body.apiKeys) this.brokerVersions.set(k.apiKey, { min: k.minVersion, max: k.maxVersion });
    for (const f of body.finalizedFeatures ?? []) this.finalized.set(f.name, f.maxVersionLevel);
  }

  /** The broker's finalized level of a feature (ApiVersions v3+), 0 when it reports none. */
  finalizedFeature(name: string): number {
    return this.finalized.get(name) ?? 0;
  }

  /** The broker's ApiVersions answer: its version range per API key (kafka-broker-api-versions). */
  get apiVersions(): ReadonlyMap<number, { min: number; max: number }> {
    return this.brokerVersions;
  }

  /** Highest version both sides support (at most `cap`), or undefined. */
  versionFor(apiKey: number, cap = Number.MAX_SAFE_INTEGER): number | undefined {
    const ours = CLIENT_VERSIONS.get(apiKey);
    const theirs = this.brokerVersions.get(apiKey);
    if (!ours || !theirs) return undefined;
    const v = Math.min(ours.max, theirs.max, cap);
    return v >= Math.max(ours.min, theirs.min) ? v : undefined;
  }

  supports(apiKey: number): boolean {
    return this.versionFor(apiKey) !== undefined;
  }

  /**
   * Send a request at the negotiated version (at most `cap`). `shareRepeats`: the caller only
   * reads the answer, whose repeated arrays may then be decoded once and shared (Reader.shareRepeats).
   */
  send<T = any>(apiKey: number, body: unknown, cap?: number, shareRepeats = false): Promise<T> {
    const v = this.versionFor(apiKey, cap);
    if (v === undefined) {
      return Promise.reject(KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, `The broker does not support ${apiSpec(apiKey)?.name ?? apiKey}`));
    }
    return this.request<T>(apiKey, v, body, shareRepeats);
  }

  /** Send a request that gets no response (Produce with acks=0). */
  sendNoResponse(apiKey: number, body: unknown, cap?: number): void {
    const v = this.versionFor(apiKey, cap);
    if (v === undefined) throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION);
    const spec = apiSpec(apiKey)!;
    this.writeFrame(encodeRequestFrame(spec, v, this.nextCorrelation++, this.clientId, body));
  }

  request<T = any>(apiKey: number, version: number, body: unknown, shareRepeats = false): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const spec = apiSpec(apiKey);
    if (!spec) return Promise.reject(new Error(`no schema for API key ${apiKey}`));
    const correlationId = this.nextCorrelation++;
    const frame = encodeRequestFrame(spec, version, correlationId, this.clientId, body);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ correlationId, apiKey, version, shareRepeats, resolve, reject });
      this.writeFrame(frame);
    });
  }

  private writeFrame(chunks: Buffer[]): void {
    if (this.metrics) {
      let n = 0;
      for (const c of chunks) n += c.length;
      this.metrics.sent(this.nodeId, n);
    }
    writeChunks(this.sock, chunks);
  }

  /** Bytes queued in the socket but not yet sent (for producer backpressure). */
  get writableLength(): number {
    return this.sock.writableLength;
  }

  get inFlight(): number {
    return this.pending.length;
  }

  /** The correlation id of the last request written (for log lines that name it). */
  get lastCorrelationId(): number {
    return this.nextCorrelation - 1;
  }

  /** True while the socket holds more than its high-water mark (a writer should wait for drain). */
  get needsDrain(): boolean {
    return this.sock?.writableNeedDrain === true;
  }

  /** Resolves when the socket can take more data (or is closed). */
  waitForDrain(): Promise<void> {
    const sock = this.sock;
    if (!sock || sock.destroyed || !sock.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        sock.off('drain', done);
        sock.off('close', done);
        resolve();
      };
      sock.on('drain', done);
      sock.on('close', done);
    });
  }

  /**
   * Close after everything written so far has been handed to the OS (requests that get no
   * response, e.g. Produce with acks=0, must not be cut off), within timeoutMs.
   */
  closeGracefully(timeoutMs = 5000): Promise<void> {
    const sock = this.sock;
    if (!sock || sock.destroyed) {
      this.close();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.close();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      sock.once('close', done);
      sock.end(done);
    });
  }

  private onFrame(frame: Buffer): void {
    this.metrics?.received(this.nodeId, frame.length + 4);
    const p = this.pending.shift();
    if (!p) return;
    const spec = apiSpec(p.apiKey)!;
    try {
      const correlationId = new Reader(frame).int32();
      if (correlationId !== p.correlationId) {
        throw new Error(`Correlation id for response (${correlationId}) does not match request (${p.correlationId})`);
      }
      if (p.apiKey === ApiKey.ApiVersions) {
        // An UNSUPPORTED_VERSION reply comes in a v0 body whatever version we sent.
        const errorCode = frame.readInt16BE(4);
        if (errorCode === ErrorCode.UNSUPPORTED_VERSION) {
          const { body } = decodeResponseFrame(spec, 0, frame);
          const err = KafkaError.from(errorCode);
          (err as any).body = body;
          p.reject(err);
          return;
        }
      }
      p.resolve(decodeResponseFrame(spec, p.version, frame, p.shareRepeats).body);
    } catch (e: any) {
      p.reject(e);
      this.close();
    }
  }

  private failAll(e: Error): void {
    if (!this.closedError) this.closedError = e;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) p.reject(e);
  }

  isClosed(): boolean {
    return this.closedError !== undefined;
  }

  close(): void {
    this.failAll(new ConnectionError('connection closed', this.host, this.port));
    this.sock?.destroy();
  }
}
