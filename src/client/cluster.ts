// Bootstrap, metadata and per-node connections. Connection failures are retried with Kafka's
// reconnect backoff until the call's deadline, logging the NetworkClient warning each time as
// the Java client does; then the call fails with a TimeoutException-style KafkaError.
import * as dns from 'node:dns';
import { BrokerConnection, ConnectionError } from './connection';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import type { NetworkMetrics } from './metrics';

export { TimeoutError };

export interface HostPort {
  host: string;
  port: number;
}

export type LogFn = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => void;

export interface ClusterOptions {
  bootstrap: HostPort[];
  clientId: string;
  /** e.g. `[AdminClient clientId=adminclient-1] ` */
  logPrefix: string;
  log?: LogFn;
  reconnectBackoffMs?: number;
  reconnectBackoffMaxMs?: number;
  connectTimeoutMs?: number;
  /** Where connections count Kafka's network metrics (the perf tools' --print-metrics). */
  network?: NetworkMetrics;
}

export interface TopicPartitions {
  errorCode: number;
  isInternal: boolean;
  partitions: { partition: number; leader: number; leaderEpoch: number; errorCode: number }[];
}

export interface BrokerNode extends HostPort {
  nodeId: number;
  rack: string | null;
}


export async function describeAddress(hp: HostPort): Promise<string> {
  // Java prints an InetSocketAddress: `hostname/ip:port`, or `/ip:port` for a literal address.
  const literal = /^[\d.]+$/.test(hp.host) || hp.host.includes(':');
  if (literal) return `/${hp.host}:${hp.port}`;
  try {
    const { address } = await dns.promises.lookup(hp.host);
    return `${hp.host}/${address}:${hp.port}`;
  } catch {
    return `${hp.host}:${hp.port}`;
  }
}

export class Cluster {
  private connections = new Map<number, Promise<BrokerConnection>>();
  private bootstrapConn: BrokerConnection | undefined;
  brokers = new Map<number, BrokerNode>();
  controllerId = -1;
  clusterId: string | null = null;
  private closed = false;

  constructor(readonly opts: ClusterOptions) {}

  private log(level: 'WARN' | 'ERROR' | 'INFO', msg: string): void {
    this.opts.log?.(level, this.opts.logPrefix + msg, 'org.apache.kafka.clients.NetworkClient');
  }

  /** A connection to any broker (bootstrap first), retrying until the deadline. */
  async anyConnection(deadline: number, callName: string): Promise<BrokerConnection> {
    for (const c of this.connections.values()) {
      const conn = await c.catch(() => undefined);
      if (conn && !conn.isClosed()) return conn;
    }
    if (this.bootstrapConn && !this.bootstrapConn.isClosed()) return this.bootstrapConn;
    // One bootstrap connection attempt at a time: concurrent callers share it (two parallel
    // connects would leave one socket open and unclosable).
    if (!this.bootstrapPending) {
      this.bootstrapPending = this.connectBootstrap(deadline, callName).finally(() => {
        this.bootstrapPending = undefined;
      });
    }
    return this.bootstrapPending;
  }

  private bootstrapPending: Promise<BrokerConnection> | undefined;
  private backoffWakers = new Set<() => void>();

  private async connectBootstrap(deadline: number, callName: string): Promise<BrokerConnection> {
    let backoff = this.opts.reconnectBackoffMs ?? 50;
    const maxBackoff = this.opts.reconnectBackoffMaxMs ?? 1000;
    let i = 0;
    for (;;) {
      // As Java's leastLoadedNode: the bootstrap addresses (node -1, -2, ...) until metadata
      // named the brokers, then those brokers under their ids.
      const known = [...this.brokers.values()];
      const broker = known.length > 0 ? known[i % known.length] : undefined;
      const hp: HostPort = broker ?? this.opts.bootstrap[i % this.opts.bootstrap.length];
      const nodeId = broker ? broker.nodeId : -1 - (i % this.opts.bootstrap.length);
      i++;
      const conn = new BrokerConnection(hp.host, hp.port, this.opts.clientId, -1, this.opts.network);
      try {
        await conn.connect(Math.max(1, Math.min(this.opts.connectTimeoutMs ?? 10000, deadline - Date.now())));
        if (this.closed) {
          conn.close();
          throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
        }
        this.bootstrapConn = conn;
        return conn;
      } catch (e) {
        conn.close();
        if (!(e instanceof ConnectionError)) throw e;
        if (this.closed) throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
        this.log('WARN', `Connection to node ${nodeId} (${await describeAddress(hp)}) could not be established. Node may not be available.`);
      }
      if (this.closed || Date.now() + backoff >= deadline) {
        throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
      }
      // close() cuts the backoff short, so a closed cluster never keeps the process alive.
      await new Promise<void>((r) => {
        const timer = setTimeout(done, backoff);
        const self = this;
        function done(): void {
          clearTimeout(timer);
          self.backoffWakers.delete(done);
          r();
        }
        this.backoffWakers.add(done);
      });
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  }

  /** A connection to a specific node from the last metadata. */
  connectionTo(nodeId: number): Promise<BrokerConnection> {
    let p = this.connections.get(nodeId);
    if (p) return p.then((c) => (c.isClosed() ? this.reconnect(nodeId) : c));
    return this.reconnect(nodeId);
  }

  private reconnect(nodeId: number): Promise<BrokerConnection> {
    const node = this.brokers.get(nodeId);
    if (!node) return Promise.reject(KafkaError.from(ErrorCode.LEADER_NOT_AVAILABLE));
    const conn = new BrokerConnection(node.host, node.port, this.opts.clientId, nodeId, this.opts.network);
    const p = conn.connect(this.opts.connectTimeoutMs ?? 10000).then(() => {
      // Closed meanwhile: do not leave a socket behind.
      if (this.closed) conn.close();
      return conn;
    });
    this.connections.set(nodeId, p);
    p.catch(() => this.connections.delete(nodeId));
    return p;
  }

  /**
   * Fetch metadata (null: every topic) and remember the brokers. `readOnly`: the caller
   * does not modify the answer, whose alike partition lists may then be shared (Connection.send).
   */
  async metadata(topics: string[] | null, deadline: number, callName: string, allowAutoTopicCreation = false, readOnly = false): Promise<any> {
    const conn = await this.anyConnection(deadline, callName);
    const v = conn.versionFor(ApiKey.Metadata) ?? 0;
    const body: any = await conn.send(ApiKey.Metadata, {
      topics: topics === null ? (v === 0 ? [] : null) : topics.map((name) => ({ name })),
      allowAutoTopicCreation,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    }, undefined, readOnly);
    this.brokers = new Map(body.brokers.map((b: any) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack }]));
    this.controllerId = body.controllerId;
    this.clusterId = body.clusterId;
    return body;
  }

  /**
   * Partition leaders of the given topics (refreshes metadata). Topics with an error carry its
   * code (e.g. LEADER_NOT_AVAILABLE right after auto-creation, UNKNOWN_TOPIC_OR_PARTITION).
   */
  async topicPartitions(topics: string[], deadline: number, callName: string, allowAutoTopicCreation = false): Promise<Map<string, TopicPartitions>> {
    const md = await this.metadata(topics, deadline, callName, allowAutoTopicCreation);
    const out = new Map<string, TopicPartitions>();
    for (const t of md.topics) {
      out.set(t.name, {
        errorCode: t.errorCode,
        isInternal: t.isInternal,
        partitions: [...t.partitions]
          .sort((a: any, b: any) => a.partitionIndex - b.partitionIndex)
          .map((p: any) => ({ partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: p.leaderEpoch ?? -1, errorCode: p.errorCode })),
      });
    }
    return out;
  }

  close(): void {
    this.closed = true;
    for (const wake of [...this.backoffWakers]) wake();
    this.bootstrapConn?.close();
    for (const p of this.connections.values()) p.then((c) => c.close(), () => undefined);
    this.connections.clear();
  }
}
