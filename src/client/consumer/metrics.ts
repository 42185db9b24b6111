// The consumer's metrics under Kafka's names (consumer-fetch-manager-metrics and
// consumer-coordinator-metrics, beside the network layer's consumer-metrics and
// consumer-node-metrics): what the fetcher counts per Fetch round trip and what the application
// takes from poll(). Only what this consumer can count honestly is here (see
// kafka-consumer-perf-test --print-metrics).
import { Metrics, NetworkMetrics, type Sensor } from '../metrics';

const FETCH = 'consumer-fetch-manager-metrics';
const COORDINATOR = 'consumer-coordinator-metrics';

export class ConsumerMetrics {
  readonly network: NetworkMetrics;
  private readonly fetchLatency: Sensor;
  private readonly fetchSize: Sensor;
  private readonly throttle: Sensor;
  private readonly records: Sensor;
  private readonly bytes: Sensor;

  constructor(readonly metrics: Metrics, assignedPartitions: () => number) {
    const m = metrics;
    this.network = new NetworkMetrics(m, 'consumer');
    this.fetchLatency = m.sensor('fetch-latency');
    m.avgAndMax(FETCH, 'fetch-latency', this.fetchLatency);
    m.gauge(FETCH, 'fetch-total', () => this.fetchLatency.count);
    m.gauge(FETCH, 'fetch-rate', () => this.fetchLatency.countRate());
    m.avgAndMax(FETCH, 'fetch-size', (this.fetchSize = m.sensor('fetch-size')));
    m.avgAndMax(FETCH, 'fetch-throttle-time', (this.throttle = m.sensor('fetch-throttle-time')));
    m.totalAndRate(FETCH, 'records-consumed', (this.records = m.sensor('records-consumed')));
    m.totalAndRate(FETCH, 'bytes-consumed', (this.bytes = m.sensor('bytes-consumed')));
    const lag = m.sensor('records-lag');
    m.gauge(FETCH, 'records-lag-max', () => lag.max());
    const lead = m.sensor('records-lead');
    m.gauge(FETCH, 'records-lead-min', () => lead.min());
    const perRequest = m.sensor('records-per-request');
    m.gauge(FETCH, 'records-per-request-avg', () => perRequest.avg());
    m.gauge(COORDINATOR, 'assigned-partitions', assignedPartitions);
    for (const api of ['join', 'sync'] as const) {
      const s = m.sensor(`coordinator:${api}`);
      m.avgAndMax(COORDINATOR, `${api}-time`, s);
      m.gauge(COORDINATOR, `${api}-total`, () => s.count);
      m.gauge(COORDINATOR, `${api}-rate`, () => s.countRate());
    }
    const hb = m.sensor('coordinator:heartbeat');
    m.gauge(COORDINATOR, 'heartbeat-total', () => hb.count);
    m.gauge(COORDINATOR, 'heartbeat-rate', () => hb.countRate());
    m.gauge(COORDINATOR, 'heartbeat-response-time-max', () => hb.max());
    // -1 until the first heartbeat, as Kafka's.
    m.gauge(COORDINATOR, 'last-heartbeat-seconds-ago', () => (this.lastHeartbeat < 0 ? -1 : Math.floor((Date.now() - this.lastHeartbeat) / 1000)));
  }

  private lastHeartbeat = -1;

  /** A JoinGroup, SyncGroup or Heartbeat answered after `ms`. */
  roundTrip(api: 'join' | 'sync' | 'heartbeat', ms: number): void {
    this.metrics.sensor(`coordinator:${api}`).record(ms);
    if (api === 'heartbeat') this.lastHeartbeat = Date.now();
  }

  private readonly topics = new Set<string>();

  /** Kafka's per-topic fetch metrics (tagged topic=), made on first use. */
  private topic(name: string): string {
    const key = `topic:${name}`;
    if (!this.topics.has(name)) {
      this.topics.add(name);
      const m = this.metrics;
      const tag: [string, string][] = [['topic', name]];
      m.avgAndMax(FETCH, 'fetch-size', m.sensor(`${key}:fetch-size`), tag);
      const perRequest = m.sensor(`${key}:records-per-request`);
      m.gauge(FETCH, 'records-per-request-avg', () => perRequest.avg(), tag);
      m.totalAndRate(FETCH, 'records-consumed', m.sensor(`${key}:records`), tag);
      m.totalAndRate(FETCH, 'bytes-consumed', m.sensor(`${key}:bytes`), tag);
    }
    return key;
  }

  /** A Fetch answered by `nodeId` after `ms`, with these bytes of record batches and records per topic. */
  fetched(nodeId: number, ms: number, topics: Map<string, { bytes: number; records: number }>, throttleMs: number): void {
    let bytes = 0;
    let records = 0;
    for (const [name, t] of topics) {
      const key = this.topic(name);
      this.metrics.sensor(`${key}:fetch-size`).record(t.bytes);
      this.metrics.sensor(`${key}:records-per-request`).record(t.records);
      bytes += t.bytes;
      records += t.records;
    }
    this.fetchLatency.record(ms);
    this.metrics.sensor('records-per-request').record(records);
    this.fetchSize.record(bytes);
    this.throttle.record(throttleMs);
    this.network.latency(nodeId, ms);
  }

  private readonly partitions = new Set<string>();

  /**
   * A poll handed out records of a partition: its lag (high watermark - position) and lead
   * (position - log start offset) after them, per partition and for the client.
   */
  polled(topic: string, partition: number, position: number, highWatermark: number, logStartOffset: number): void {
    const key = `${topic}-${partition}`;
    const m = this.metrics;
    const lag = m.sensor(`records-lag:${key}`);
    const lead = m.sensor(`records-lead:${key}`);
    if (!this.partitions.has(key)) {
      this.partitions.add(key);
      const tags: [string, string][] = [['topic', topic], ['partition', String(partition)]];
      m.gauge(FETCH, 'records-lag', () => lag.last, tags);
      m.avgAndMax(FETCH, 'records-lag', lag, tags);
      m.gauge(FETCH, 'records-lead', () => lead.last, tags);
      m.gauge(FETCH, 'records-lead-avg', () => lead.avg(), tags);
      m.gauge(FETCH, 'records-lead-min', () => lead.min(), tags);
      // This consumer always fetches from the leader: no preferred read replica (Kafka's -1).
      m.add(FETCH, 'preferred-read-replica', [['client-id', m.clientId], ...tags], () => ({ plain: -1 }));
    }
    const now = Date.now();
    lag.record(highWatermark - position, now);
    m.sensor('records-lag').record(highWatermark - position, now);
    if (logStartOffset >= 0) {
      lead.record(position - logStartOffset, now);
      m.sensor('records-lead').record(position - logStartOffset, now);
    }
  }

  /** Records (and their batches' bytes) handed to the application by one poll. */
  consumed(topic: string, records: number, bytes: number): void {
    const now = Date.now();
    const key = this.topic(topic);
    this.records.record(records, now);
    this.bytes.record(bytes, now);
    this.metrics.sensor(`${key}:records`).record(records, now);
    this.metrics.sensor(`${key}:bytes`).record(bytes, now);
  }
}

/** Records in a fetched partition's batches (the count in each v2 batch header; 1 per older entry). */
export function countRecords(records: Buffer): number {
  let n = 0;
  for (let at = 0; at + 12 <= records.length;) {
    const end = at + 12 + records.readInt32BE(at + 8);
    if (end > records.length) break;
    n += records.length >= at + 61 && records[at + 16] === 2 ? records.readInt32BE(at + 57) : 1;
    at = end;
  }
  return n;
}
