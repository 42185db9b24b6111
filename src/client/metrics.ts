// A client's metrics under Kafka's names (group, name, tags), for the perf tools' --print-metrics.
// Windowed statistics behave as Kafka's: two samples of 30 s; a rate divides what the live samples
// hold by the time they span, counted as at least one full window (so a 1 s run of 1,000 records
// shows a rate of about 1000 / 31 s, as Kafka's does).
const WINDOW_MS = 30_000;
const SAMPLES = 2;

interface Sample {
  start: number;
  count: number;
  sum: number;
  max: number;
  min: number;
}

/** Values recorded over time: a cumulative total and count, and windowed avg, max and rates. */
export class Sensor {
  total = 0;
  count = 0;
  private samples: Sample[] = [];

  record(value = 1, now = Date.now()): void {
    this.total += value;
    this.count++;
    let s = this.samples[this.samples.length - 1];
    if (s === undefined || now - s.start >= WINDOW_MS) {
      s = { start: now, count: 0, sum: 0, max: -Infinity, min: Infinity };
      this.samples.push(s);
      if (this.samples.length > SAMPLES) this.samples.shift();
    }
    s.count++;
    s.sum += value;
    if (value > s.max) s.max = value;
    if (value < s.min) s.min = value;
    this.last = value;
  }

  /** The last value recorded; NaN before any. */
  last = NaN;

  private live(now: number): Sample[] {
    return this.samples.filter((s) => now - s.start < SAMPLES * WINDOW_MS);
  }

  /** Average of the values in the window; NaN without any. */
  avg(now = Date.now()): number {
    let count = 0;
    let sum = 0;
    for (const s of this.live(now)) {
      count += s.count;
      sum += s.sum;
    }
    return count === 0 ? NaN : sum / count;
  }

  /** Largest value in the window; NaN without any. */
  max(now = Date.now()): number {
    const live = this.live(now);
    return live.length === 0 ? NaN : Math.max(...live.map((s) => s.max));
  }

  /** Smallest value in the window; NaN without any. */
  min(now = Date.now()): number {
    const live = this.live(now);
    return live.length === 0 ? NaN : Math.min(...live.map((s) => s.min));
  }

  /** Sum of the values per second. */
  rate(now = Date.now()): number {
    return this.perSecond(now, (s) => s.sum);
  }

  /** Number of values recorded per second. */
  countRate(now = Date.now()): number {
    return this.perSecond(now, (s) => s.count);
  }

  private perSecond(now: number, of: (s: Sample) => number): number {
    const live = this.live(now);
    if (live.length === 0) return 0;
    let elapsed = now - live[0].start;
    if (Math.floor(elapsed / WINDOW_MS) < SAMPLES - 1) elapsed += (SAMPLES - 1 - Math.floor(elapsed / WINDOW_MS)) * WINDOW_MS;
    let v = 0;
    for (const s of live) v += of(s);
    return v / (elapsed / 1000);
  }
}

/** A double (printed %.3f, as Kafka's measurable metrics) or a plain value (gauges: ids, versions). */
export type MetricValue = { double: number } | { plain: string | number };

export interface MetricEntry {
  group: string;
  name: string;
  /** In Kafka's order (client-id first). */
  tags: [string, string][];
  value: () => MetricValue;
}

/** The metrics of one client instance. */
export class Metrics {
  private readonly entries = new Map<string, MetricEntry>();
  private readonly sensors = new Map<string, Sensor>();

  constructor(readonly clientId: string) {}

  /** A metric (replacing one of the same name and tags). */
  add(group: string, name: string, tags: [string, string][], value: () => MetricValue): void {
    this.entries.set(`${group}:${name}:${JSON.stringify(tags)}`, { group, name, tags, value });
  }

  /** A double-valued metric tagged with this client's id (and `extra` tags). */
  gauge(group: string, name: string, value: () => number, extra: [string, string][] = []): void {
    this.add(group, name, [['client-id', this.clientId], ...extra], () => ({ double: value() }));
  }

  /** The sensor of this key, made on first use. */
  sensor(key: string): Sensor {
    let s = this.sensors.get(key);
    if (s === undefined) this.sensors.set(key, (s = new Sensor()));
    return s;
  }

  /** `<name>-total` and `<name>-rate` of a sensor's values (rate: per second). */
  totalAndRate(group: string, name: string, s: Sensor, extra: [string, string][] = [], byCount = false): void {
    this.gauge(group, `${name}-total`, () => (byCount ? s.count : s.total), extra);
    this.gauge(group, `${name}-rate`, () => (byCount ? s.countRate() : s.rate()), extra);
  }

  /** `<name>-avg` and `<name>-max` of a sensor's values. */
  avgAndMax(group: string, name: string, s: Sensor, extra: [string, string][] = []): void {
    this.gauge(group, `${name}-avg`, () => s.avg(), extra);
    this.gauge(group, `${name}-max`, () => s.max(), extra);
  }

  all(): MetricEntry[] {
    return [...this.entries.values()];
  }
}

/**
 * What the network layer counts (Kafka's Selector metrics): per client under `<prefix>-metrics`
 * and per node under `<prefix>-node-metrics` (node-id=node-<id>; bootstrap connections are
 * node -1). Sizes include the 4-byte length prefix of each frame, as Kafka counts them.
 */
export class NetworkMetrics {
  private readonly created = new Sensor();
  private readonly closed = new Sensor();
  private readonly ioOps = new Sensor();
  private readonly nodes = new Set<number>();
  open = 0;

  constructor(readonly metrics: Metrics, readonly prefix: 'producer' | 'consumer') {
    const g = `${prefix}-metrics`;
    metrics.totalAndRate(g, 'connection-creation', this.created);
    metrics.totalAndRate(g, 'connection-close', this.closed);
    metrics.gauge(g, 'connection-count', () => this.open);
    metrics.totalAndRate(g, 'network-io', this.ioOps);
    this.register(g, [], 'client');
    // No authentication happens on a PLAINTEXT connection: Kafka counts zero of each.
    for (const n of ['failed-authentication', 'successful-authentication', 'failed-reauthentication', 'successful-reauthentication']) {
      metrics.totalAndRate(g, n, new Sensor());
    }
    metrics.gauge(g, 'successful-authentication-no-reauth-total', () => 0);
    metrics.avgAndMax(g, 'reauthentication-latency', new Sensor());
  }

  private register(group: string, extra: [string, string][], key: string): void {
    const m = this.metrics;
    m.totalAndRate(group, 'outgoing-byte', m.sensor(`${key}:out`), extra);
    m.totalAndRate(group, 'request', m.sensor(`${key}:out`), extra, true);
    m.avgAndMax(group, 'request-size', m.sensor(`${key}:out`), extra);
    m.totalAndRate(group, 'incoming-byte', m.sensor(`${key}:in`), extra);
    m.totalAndRate(group, 'response', m.sensor(`${key}:in`), extra, true);
  }

  private node(nodeId: number): string {
    const key = `node:${nodeId}`;
    if (!this.nodes.has(nodeId)) {
      this.nodes.add(nodeId);
      const g = `${this.prefix}-node-metrics`;
      const tag: [string, string][] = [['node-id', `node-${nodeId}`]];
      this.register(g, tag, key);
      this.metrics.avgAndMax(g, 'request-latency', this.metrics.sensor(`${key}:latency`), tag);
    }
    return key;
  }

  connected(nodeId: number): void {
    this.created.record();
    this.open++;
    this.node(nodeId);
  }

  disconnected(): void {
    this.closed.record();
    this.open--;
  }

  sent(nodeId: number, bytes: number): void {
    const now = Date.now();
    this.ioOps.record(1, now);
    this.metrics.sensor('client:out').record(bytes, now);
    this.metrics.sensor(`${this.node(nodeId)}:out`).record(bytes, now);
  }

  received(nodeId: number, bytes: number): void {
    const now = Date.now();
    this.ioOps.record(1, now);
    this.metrics.sensor('client:in').record(bytes, now);
    this.metrics.sensor(`${this.node(nodeId)}:in`).record(bytes, now);
  }

  /** A produce or fetch round trip (Kafka records these, not other requests, as request latency). */
  latency(nodeId: number, ms: number): void {
    this.metrics.sensor(`${this.node(nodeId)}:latency`).record(ms);
  }
}
