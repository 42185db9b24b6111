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

  /** A Fetch answered by `nodeId` after `ms`, with `bytes` of record batches. */
  fetched(nodeId: number, ms: number, bytes: number, throttleMs: number): void {
    this.fetchLatency.record(ms);
    this.fetchSize.record(bytes);
    this.throttle.record(throttleMs);
    this.network.latency(nodeId, ms);
  }

  /** A partition's lag (high watermark - position) after a fetch. */
  lag(records: number): void {
    this.metrics.sensor('records-lag').record(records);
  }

  /** Records (and their batches' bytes) handed to the application by one poll. */
  consumed(records: number, bytes: number): void {
    const now = Date.now();
    this.records.record(records, now);
    this.bytes.record(bytes, now);
  }
}
