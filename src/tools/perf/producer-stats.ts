// ProducerPerformance's Stats: every acknowledged record's latency (ms from send to its
// callback) and size; a window line every reporting interval (printed from the callback that
// closes the window, as Kafka does) and the summary with percentiles. At most 500,000 latencies
// are kept: every `sampling`-th record's, sampling = numRecords / min(numRecords, 500000).
const MB = 1024 * 1024;

export class ProducerStats {
  private readonly start = Date.now();
  private readonly latencies: Int32Array;
  private readonly sampling: number;
  private iteration = 0;
  private index = 0;
  private count = 0;
  private bytes = 0;
  private maxLatency = 0;
  private totalLatency = 0;
  private windowCount = 0;
  private windowMaxLatency = 0;
  private windowTotalLatency = 0;
  private windowBytes = 0;
  private windowStart = Date.now();
  private suppressPrint = false;

  constructor(numRecords: number, private readonly reportingInterval: number, private readonly isSteadyState: boolean,
    private readonly out: (s: string) => void) {
    this.sampling = Math.floor(numRecords / Math.min(numRecords, 500000));
    this.latencies = new Int32Array(Math.floor(numRecords / this.sampling) + 1);
  }

  record(latency: number, bytes: number, time: number): void {
    this.count++;
    this.bytes += bytes;
    this.totalLatency += latency;
    if (latency > this.maxLatency) this.maxLatency = latency;
    this.windowCount++;
    this.windowBytes += bytes;
    this.windowTotalLatency += latency;
    if (latency > this.windowMaxLatency) this.windowMaxLatency = latency;
    if (this.iteration % this.sampling === 0 && this.index < this.latencies.length) this.latencies[this.index++] = latency;
    if (time - this.windowStart >= this.reportingInterval) {
      if (this.isSteadyState && this.count === this.windowCount) this.out('In steady state.\n');
      if (!this.suppressPrint) this.printWindow();
      this.newWindow();
    }
    this.iteration++;
  }

  suppressPrinting(): void {
    this.suppressPrint = true;
  }

  private printWindow(): void {
    const elapsed = Date.now() - this.windowStart;
    const recsPerSec = (1000 * this.windowCount) / elapsed;
    const mbPerSec = (1000 * this.windowBytes) / elapsed / MB;
    this.out(`${this.windowCount} records sent, ${fixed(recsPerSec, 1)} records/sec (${fixed(mbPerSec, 2)} MB/sec), ` +
      `${fixed(this.windowTotalLatency / this.windowCount, 1)} ms avg latency, ${fixed(this.windowMaxLatency, 1)} ms max latency.\n`);
  }

  private newWindow(): void {
    this.windowStart = Date.now();
    this.windowCount = 0;
    this.windowMaxLatency = 0;
    this.windowTotalLatency = 0;
    this.windowBytes = 0;
  }

  printTotal(): void {
    const elapsed = Date.now() - this.start;
    const recsPerSec = (1000 * this.count) / elapsed;
    const mbPerSec = (1000 * this.bytes) / elapsed / MB;
    const [p50, p95, p99, p999] = percentiles(this.latencies, this.index, [0.5, 0.95, 0.99, 0.999]);
    this.out(`${this.count}${this.isSteadyState ? ' steady state' : ''} records sent, ${fixed(recsPerSec, 6)} records/sec (${fixed(mbPerSec, 2)} MB/sec), ` +
      `${fixed(this.totalLatency / this.count, 2)} ms avg latency, ${fixed(this.maxLatency, 2)} ms max latency, ` +
      `${p50} ms 50th, ${p95} ms 95th, ${p99} ms 99th, ${p999} ms 99.9th.\n`);
  }
}

/** The latency at each fraction of the sorted sample (index = floor(fraction × size)). */
export function percentiles(latencies: Int32Array, count: number, fractions: readonly number[]): number[] {
  const size = Math.min(count, latencies.length);
  const sorted = latencies.slice(0, size).sort();
  return fractions.map((f) => sorted[Math.floor(f * size)] ?? 0);
}

/** Java's %.Nf (NaN and infinities as Java prints them). */
export function fixed(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return v.toFixed(digits);
}
