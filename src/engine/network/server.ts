// TCP side of the broker: Kafka framing (int32 size + payload), one request at a time per
// connection so replies leave in request order (as Kafka mutes a channel while it works), and
// the frame size checked against socket.request.max.bytes before anything is buffered. The one
// exception: Produce requests behind a produce that waits for the ISR (acks=all) are appended
// at once (up to a bound), so followers fetch them in the same round; their replies still
// leave in order, and one that has not appended yet (a transactional Produce waiting for its
// partition to join the transaction) is not overtaken (api/handlers/produce-order.ts). Memory
// stays bounded by settings whatever clients do: a connection is not read while a request of it
// waits, nor is its next request handled while its last answer is still unsent
// (Kafka unmutes a channel only once the response is sent), so a client that never reads holds
// one answer and the kernel's buffers, not every answer it asked for; queued.max.requests,
// max.connections(.per.ip) and connections.max.idle.ms as Kafka's SocketServer.
import * as net from 'node:net';
import type { Engine } from '../engine';
import { dispatch, ConnectionContext } from '../api/dispatch';
import type { Listener } from '../settings';
import { engineLog } from '../server-log';
import { writeChunks } from '../../util/socket-write';
import { ConnectionQuotas } from './connection-quotas';
import { RequestQueue } from './request-queue';
import { isStorageError } from '../log/storage-error';

export class KafkaServer {
  private servers: net.Server[] = [];
  private connections = new Set<Connection>();
  private nextConnId = 0;
  private readonly quotas: ConnectionQuotas;
  private queue: RequestQueue | undefined;

  constructor(private readonly engine: Engine) {
    this.quotas = new ConnectionQuotas(engine, (sock) => this.open(sock));
  }

  /** Bind every listener; `localhost` binds 127.0.0.1 and ::1 (when present). */
  async listen(listeners: Listener[]): Promise<{ host: string; port: number }[]> {
    const bound: { host: string; port: number }[] = [];
    for (const l of listeners) {
      const hosts = l.host === 'localhost' ? ['127.0.0.1', '::1'] : [l.host === '' ? '0.0.0.0' : l.host];
      let port = l.port;
      for (const host of hosts) {
        try {
          const srv = await this.bind(host, port);
          port = (srv.address() as net.AddressInfo).port;
          bound.push({ host, port });
        } catch (e: any) {
          // ::1 may not exist on this machine; the IPv4 loopback is the one that matters.
          if (host === '::1' && (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT')) continue;
          throw e;
        }
      }
    }
    return bound;
  }

  private bind(host: string, port: number): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      // Paused until admitted: a connection waiting for a slot is not read.
      const srv = net.createServer({ noDelay: true, pauseOnConnect: true }, (sock) => this.quotas.offer(sock));
      srv.once('error', reject);
      srv.listen({ host, port, exclusive: true }, () => {
        srv.removeListener('error', reject);
        srv.on('error', (e) => engineLog('ERROR', `Listener error: ${e.message}`, 'kafka.network.SocketServer'));
        this.servers.push(srv);
        resolve(srv);
      });
    });
  }

  private open(sock: net.Socket): void {
    this.queue ??= new RequestQueue(this.engine.configs.brokerInt('queued.max.requests'));
    const conn = new Connection(this.engine, sock, this.nextConnId++, this.queue, () => {
      this.connections.delete(conn);
      this.quotas.release(sock);
    });
    this.connections.add(conn);
  }

  /** Requests read from clients and not answered yet. */
  queuedRequests(): number {
    return this.queue?.size ?? 0;
  }

  /** Stop accepting, let in-flight requests finish, then close every connection. */
  async close(): Promise<void> {
    // net.Server#close only calls back once every connection is gone, so stop accepting first,
    // then drain the open connections, then wait for the listeners.
    const closed = Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.quotas.closeWaiting();
    await Promise.all([...this.connections].map((c) => c.drainAndClose()));
    await closed;
  }
}

const PRODUCE_API_KEY = 0;
/**
 * Produce requests appended behind replies that still wait for the ISR, per connection: past
 * this the connection's requests wait unprocessed again (as Kafka leaves them unread), so a
 * client that keeps sending while the followers stall parks a bounded number in the purgatory.
 */
const MAX_WAITING_PRODUCE_REQUESTS = 16;

function isProduce(frame: Buffer): boolean {
  return frame.length >= 2 && frame.readInt16BE(0) === PRODUCE_API_KEY;
}

class Connection implements ConnectionContext {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frames: Buffer[] = [];
  private busy = false;
  /** Produce replies not yet written, in request order (the last one's completion). */
  private replyTail: Promise<void> | undefined;
  /** Produce requests in groups whose replies are not written yet. */
  private waitingRequests = 0;
  private closed = false;
  private idle: (() => void)[] = [];
  /** Told when this connection closes (fetches waiting for data stop waiting). */
  private closeWatchers = new Set<() => void>();
  /** Requests of a failed group, to be handled one by one. */
  private ungrouped = 0;
  /** Requests handed to the handlers and not answered yet (a produce group counts each). */
  private inProgress = 0;
  /** This connection's share of the request queue, as last told to it. */
  private countedWaiting = 0;
  private countedHandling = 0;
  private paused = true;
  private readonly resumeOnRoom = () => this.pump();
  /**
   * connections.max.idle.ms (-1: never). Checked by one timer that looks at the last read or
   * write when it fires, as Kafka's selector does: a socket timeout (sock.setTimeout) re-armed
   * its timer at every read and every write, twice per request.
   */
  private idleMs = -1;
  private lastActive = Date.now();
  private idleTimer: NodeJS.Timeout | undefined;
  readonly remote: string;

  constructor(private readonly engine: Engine, private readonly sock: net.Socket, readonly id: number,
    private readonly queue: RequestQueue, private readonly onClose: () => void) {
    this.remote = `${sock.remoteAddress}:${sock.remotePort}`;
    sock.setNoDelay(true);
    // The last answer reached the kernel: the next request may go (Kafka unmutes after a send).
    sock.on('drain', () => this.pump());
    const idleMs = engine.configs.brokerInt('connections.max.idle.ms');
    if (idleMs >= 0) {
      this.idleMs = idleMs;
      this.armIdleCheck(Math.max(1, idleMs));
    }
    sock.on('data', (d) => {
      try {
        this.onData(d);
      } catch (e) {
        // Never let one connection's bytes take the engine down.
        this.fail(e);
      }
    });
    sock.on('error', () => this.close());
    sock.on('close', () => this.close());
    this.settle();
  }

  /** Bring this connection's queue share and its reading in line with its state. */
  private settle(): void {
    if (this.closed) return;
    const waiting = this.frames.length > 0 ? 1 : 0;
    if (waiting !== this.countedWaiting || this.inProgress !== this.countedHandling) {
      const dw = waiting - this.countedWaiting;
      const dh = this.inProgress - this.countedHandling;
      this.countedWaiting = waiting;
      this.countedHandling = this.inProgress;
      this.queue.adjust(dw, dh);
    }
    // A complete request waiting here means the connection is muted: what the client sends
    // next stays in the kernel (TCP pushes back on it) instead of in this process.
    const pause = this.frames.length > 0 || this.queue.full;
    if (this.queue.full && this.inProgress === 0) this.queue.whenRoom(this.resumeOnRoom);
    if (pause === this.paused) return;
    this.paused = pause;
    if (pause) this.sock.pause();
    else this.sock.resume();
  }

  private armIdleCheck(ms: number): void {
    this.idleTimer = setTimeout(() => {
      if (this.closed) return;
      const quiet = Date.now() - this.lastActive;
      if (quiet < this.idleMs) {
        this.armIdleCheck(Math.max(1, this.idleMs - quiet));
        return;
      }
      engineLog('DEBUG', `About to close the idle connection from ${this.remote} due to being idle for ${this.idleMs} millis`, 'org.apache.kafka.common.network.Selector');
      this.close();
    }, ms);
    this.idleTimer.unref();
  }

  private onData(d: Buffer): void {
    if (this.closed) return;
    this.lastActive = Date.now();
    this.chunks.push(d);
    this.buffered += d.length;
    const max = this.engine.settings.socketRequestMaxBytes;
    while (this.buffered >= 4) {
      const size = this.peekInt32();
      if (size < 0 || size > max) {
        engineLog('WARN', `Closing connection ${this.remote}: invalid receive (size = ${size} larger than ${max})`, 'kafka.network.Processor');
        this.close();
        return;
      }
      if (this.buffered < 4 + size) break;
      this.skip(4);
      this.frames.push(this.take(size));
    }
    // pump() settles when it stops: settling first paused the socket for a request answered
    // at once, then resumed it (a pause and a resume of the stream per request, each with its
    // events and a tick).
    this.pump();
  }

  private peekInt32(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks, 4).subarray(0, 4).readInt32BE(0);
  }

  /** Drop the next n bytes (a frame's size prefix): no buffer made for them. */
  private skip(n: number): void {
    this.buffered -= n;
    while (n > 0) {
      const c = this.chunks[0];
      if (c.length > n) {
        this.chunks[0] = c.subarray(n);
        return;
      }
      n -= c.length;
      this.chunks.shift();
    }
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0];
    if (first.length >= n) {
      this.buffered -= n;
      // A chunk holding exactly the frame (a small request read alone) is the frame.
      if (first.length === n) {
        this.chunks.shift();
        return first;
      }
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }

  private pump(): void {
    while (!this.busy && !this.closed && this.frames.length > 0) {
      // Muted while the previous answer is still in this process: a client that does not read
      // stops being served (and read from) once the kernel's send buffer is full.
      if (this.sock.writableLength > 0) break;
      // Read while queued.max.requests was reached: it waits for a request to be answered.
      if (!this.queue.canHandle) {
        this.queue.whenRoom(this.resumeOnRoom);
        break;
      }
      if (isProduce(this.frames[0])) {
        const room = this.replyTail ? MAX_WAITING_PRODUCE_REQUESTS - this.waitingRequests : Infinity;
        if (room <= 0) break;
        const alone = this.ungrouped > 0;
        if (alone) this.ungrouped--;
        this.produceGroup(alone ? 1 : room);
        continue;
      }
      // Anything else waits for the produce replies before it (replies leave in request order).
      if (this.replyTail) break;
      const frame = this.frames.shift()!;
      let result;
      try {
        result = dispatch(this.engine, frame, this);
      } catch (e: any) {
        this.fail(e);
        return;
      }
      if (result instanceof Promise) {
        this.busy = true;
        this.inProgress++;
        result.then((chunks) => {
          this.busy = false;
          this.inProgress--;
          if (chunks) this.write(chunks);
          this.pump();
        }, (e) => {
          this.busy = false;
          this.inProgress--;
          this.fail(e);
        });
        this.settle();
        return;
      }
      if (result) this.write(result);
    }
    this.settle();
    if (!this.busy && !this.replyTail && this.frames.length === 0 && this.idle.length > 0) {
      const waiting = this.idle;
      this.idle = [];
      for (const w of waiting) w();
    }
  }

  /**
   * Group commit: Produce requests already queued on this connection (up to `max`; a producer
   * pipelines up to 5) are stored in one SQLite transaction and answered with one socket write.
   * Each reply still leaves only after its records are committed; the commit, not the inserts,
   * is most of a small batch's cost.
   */
  private produceGroup(max: number): void {
    // A reply is a frame, or (acks=all waiting for the ISR) a promise of one, after the commit.
    const replies: (Buffer[] | Promise<Buffer[] | null>)[] = [];
    let failure: unknown;
    if (max === 1 || this.frames.length === 1 || !isProduce(this.frames[1])) {
      // One request: its handler's own transaction is the commit.
      try {
        const result = dispatch(this.engine, this.frames.shift()!, this);
        if (result) replies.push(result);
      } catch (e) {
        failure = e;
      }
      this.answerInOrder(replies, failure);
      return;
    }
    const group: Buffer[] = [];
    try {
      this.engine.logs.transaction(() => {
        while (this.frames.length > 0 && isProduce(this.frames[0]) && group.length < max) {
          const frame = this.frames.shift()!;
          group.push(frame);
          try {
            const result = dispatch(this.engine, frame, this);
            if (result) replies.push(result);
          } catch (e) {
            // The data dir refused a write: SQLite may have rolled back more than the statement,
            // so the whole group rolls back.
            if (isStorageError(e)) throw e;
            // Keep what the earlier requests stored (their replies go out), then close.
            failure = e;
            return;
          }
        }
      });
    } catch (e) {
      // Nothing of this group is stored and nothing is acknowledged.
      this.engine.reloadAfterFailedWrite();
      for (const r of replies) if (r instanceof Promise) r.catch(() => undefined);
      if (!isStorageError(e)) {
        this.fail(e);
        return;
      }
      // Each request again on its own: each is answered (KAFKA_STORAGE_ERROR while the disk
      // is full, stored if space came back meanwhile), in order.
      this.frames.unshift(...group);
      this.ungrouped = group.length;
      return;
    }
    // The group's handlers ran inside its transaction: the WAL is looked at after the commit.
    this.engine.afterCommit();
    this.answerInOrder(replies, failure);
  }

  /**
   * Write a produce group's replies after every earlier one. While any of them waits for the
   * ISR, later Produce requests are still appended (Kafka would leave them unread): the
   * followers' next fetch carries them, instead of one replication round trip per group.
   * After a failure nothing more is read; the replies before it go out, then the connection closes.
   */
  private answerInOrder(replies: (Buffer[] | Promise<Buffer[] | null>)[], failure: unknown): void {
    const before = this.replyTail;
    if (!before && !replies.some((r) => r instanceof Promise)) {
      const ready = replies as Buffer[][];
      if (ready.length === 1) this.write(ready[0]);
      else if (ready.length > 0) this.write(ready.flat());
      if (failure !== undefined) this.fail(failure);
      return;
    }
    if (failure !== undefined) this.busy = true;
    this.waitingRequests += replies.length;
    this.inProgress += replies.length;
    const tail: Promise<void> = (async () => {
      try {
        await before;
        for (const chunks of await Promise.all(replies)) if (chunks) this.write(chunks);
      } finally {
        this.waitingRequests -= replies.length;
        this.inProgress -= replies.length;
      }
    })().then(() => {
      if (failure !== undefined) throw failure;
      if (this.replyTail === tail) this.replyTail = undefined;
      this.pump();
    }).catch((e) => {
      if (this.replyTail === tail) this.replyTail = undefined;
      this.busy = false;
      this.fail(e);
    });
    this.replyTail = tail;
  }

  private fail(e: any): void {
    // Bad client input is expected traffic, not an engine fault.
    const clientFault = e?.closeQuietly || e?.name === 'ProtocolDecodeError';
    engineLog(clientFault ? 'WARN' : 'ERROR',
      `Closing connection ${this.remote} due to ${e?.message ?? e}`, 'kafka.network.Processor');
    this.close();
  }

  private write(chunks: Buffer[]): void {
    if (this.closed) return;
    this.lastActive = Date.now();
    writeChunks(this.sock, chunks);
  }

  isClosed(): boolean {
    return this.closed;
  }

  whenClosed(fn: () => void): () => void {
    if (this.closed) {
      fn();
      return () => undefined;
    }
    this.closeWatchers.add(fn);
    return () => this.closeWatchers.delete(fn);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.sock.destroy();
    this.chunks = [];
    this.frames = [];
    this.queue.forget(this.resumeOnRoom);
    this.queue.adjust(-this.countedWaiting, -this.countedHandling);
    this.countedWaiting = 0;
    this.countedHandling = 0;
    this.inProgress = 0;
    this.onClose();
    const waiting = this.idle;
    this.idle = [];
    for (const w of waiting) w();
    const watchers = [...this.closeWatchers];
    this.closeWatchers.clear();
    for (const w of watchers) w();
  }

  /** Finish queued work, flush, then close (graceful shutdown). */
  drainAndClose(): Promise<void> {
    return new Promise((resolve) => {
      // A client that stopped reading cannot hold the shutdown.
      setTimeout(() => { this.close(); resolve(); }, 2000).unref();
      const finish = () => {
        if (this.closed) return resolve();
        this.sock.end(() => { this.close(); resolve(); });
        setTimeout(() => { this.close(); resolve(); }, 2000).unref();
      };
      if (!this.busy && !this.replyTail && this.frames.length === 0) finish();
      else this.idle.push(finish);
    });
  }
}
