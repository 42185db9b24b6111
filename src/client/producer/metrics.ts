// The producer's metrics under Kafka's names (producer-metrics and producer-topic-metrics, beside
// the network layer's producer-metrics and producer-node-metrics): what the Sender counts as it
// drains batches into requests and reads their answers. Only what this producer can count
// honestly is here (see kafka-producer-perf-test --print-metrics).
import { Metrics, NetworkMetrics, type Sensor } from '../metrics';

const G = 'producer-metrics';
const TOPIC = 'producer-topic-metrics';

export interface ProducerGauges {
  requestsInFlight(): number;
  metadataRefreshedAt(): number;
  bufferTotal: number;
  bufferAvailable(): number;
  waitingSends(): number;
}

export class ProducerMetrics {
  readonly network: NetworkMetrics;
  private readonly topics = new Set<string>();
  private readonly send: Sensor;
  private readonly errors: Sensor;
  private readonly retries: Sensor;
  private readonly batchSize: Sensor;
  private readonly queueTime: Sensor;
  private readonly perRequest: Sensor;
  private readonly latency: Sensor;
  private readonly throttle: Sensor;
  private readonly splits: Sensor;

  constructor(readonly metrics: Metrics, gauges: ProducerGauges) {
    const m = metrics;
    this.network = new NetworkMetrics(m, 'producer');
    m.totalAndRate(G, 'record-send', (this.send = m.sensor('record-send')));
    m.totalAndRate(G, 'record-error', (this.errors = m.sensor('record-error')));
    m.totalAndRate(G, 'record-retry', (this.retries = m.sensor('record-retry')));
    m.totalAndRate(G, 'batch-split', (this.splits = m.sensor('batch-split')));
    m.avgAndMax(G, 'batch-size', (this.batchSize = m.sensor('batch-size')));
    m.avgAndMax(G, 'record-queue-time', (this.queueTime = m.sensor('record-queue-time')));
    m.avgAndMax(G, 'request-latency', (this.latency = m.sensor('request-latency')));
    m.avgAndMax(G, 'produce-throttle-time', (this.throttle = m.sensor('produce-throttle-time')));
    this.perRequest = m.sensor('records-per-request');
    m.gauge(G, 'records-per-request-avg', () => this.perRequest.avg());
    m.gauge(G, 'requests-in-flight', gauges.requestsInFlight);
    m.gauge(G, 'metadata-age', () => (Date.now() - gauges.metadataRefreshedAt()) / 1000);
    m.gauge(G, 'buffer-total-bytes', () => gauges.bufferTotal);
    m.gauge(G, 'buffer-available-bytes', gauges.bufferAvailable);
    m.gauge(G, 'waiting-threads', gauges.waitingSends);
    // This producer has no transactions: no time is ever spent in them.
    for (const t of ['init', 'begin', 'send-offsets', 'prepare', 'commit', 'abort']) m.gauge(G, `txn-${t}-time-ns-total`, () => 0);
  }

  private topic(name: string): void {
    if (this.topics.has(name)) return;
    this.topics.add(name);
    const tag: [string, string][] = [['topic', name]];
    const m = this.metrics;
    m.totalAndRate(TOPIC, 'record-send', m.sensor(`topic:${name}:send`), tag);
    m.totalAndRate(TOPIC, 'byte', m.sensor(`topic:${name}:bytes`), tag);
    m.totalAndRate(TOPIC, 'record-error', m.sensor(`topic:${name}:error`), tag);
    m.totalAndRate(TOPIC, 'record-retry', m.sensor(`topic:${name}:retry`), tag);
  }

  /** A produce request of these batches (topic name, record count, bytes, creation time). */
  request(batches: readonly { topic: string; count: number; bytes: number; createdMs: number }[], now: number): void {
    let records = 0;
    for (const b of batches) {
      this.topic(b.topic);
      records += b.count;
      this.send.record(b.count, now);
      this.batchSize.record(b.bytes, now);
      this.queueTime.record(now - b.createdMs, now);
      this.metrics.sensor(`topic:${b.topic}:send`).record(b.count, now);
      this.metrics.sensor(`topic:${b.topic}:bytes`).record(b.bytes, now);
    }
    this.perRequest.record(records, now);
  }

  /** A produce response from this node, after `ms`. */
  response(nodeId: number, ms: number, throttleMs: number): void {
    this.latency.record(ms);
    this.throttle.record(throttleMs);
    this.network.latency(nodeId, ms);
  }

  retried(topic: string, records: number): void {
    this.topic(topic);
    this.retries.record(records);
    this.metrics.sensor(`topic:${topic}:retry`).record(records);
  }

  failed(topic: string, records: number): void {
    this.topic(topic);
    this.errors.record(records);
    this.metrics.sensor(`topic:${topic}:error`).record(records);
  }

  split(): void {
    this.splits.record();
  }
}
