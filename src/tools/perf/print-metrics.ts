// --print-metrics of the perf tools (Kafka's ToolsUtils.printMetrics): after the summary, a blank
// line, "Metric Name" and "Value" over the columns, then one line per metric sorted by its
// `group:name:{tags}` name, padded to the longest: doubles with three decimals, other values
// (ids, versions, times) as they are. app-info and kafka-metrics-count are added here, as Kafka's
// client registers them itself.
import type { Metrics } from '../../client/metrics';
import { KAFKA_VERSION } from '../../cli/version';
import { fixed } from './producer-stats';

/** app-info for a client started at `startMs` (no commit id: Kafka prints "unknown" then). */
export function addAppInfo(metrics: Metrics, startMs: number): void {
  const tags: [string, string][] = [['client-id', metrics.clientId]];
  metrics.add('app-info', 'commit-id', tags, () => ({ plain: 'unknown' }));
  metrics.add('app-info', 'start-time-ms', tags, () => ({ plain: startMs }));
  metrics.add('app-info', 'version', tags, () => ({ plain: KAFKA_VERSION }));
}

export function formatMetrics(metrics: Metrics): string {
  const entries = metrics.all();
  const rows: [string, string][] = entries.map((e) => [
    `${e.group}:${e.name}:{${e.tags.map(([k, v]) => `${k}=${v}`).join(', ')}}`,
    (() => {
      const v = e.value();
      return 'double' in v ? fixed(v.double, 3) : String(v.plain);
    })(),
  ]);
  // kafka-metrics-count counts every metric of the client, itself included.
  rows.push([`kafka-metrics-count:count:{client-id=${metrics.clientId}}`, fixed(entries.length + 1, 3)]);
  // Java's TreeMap<String, …>: UTF-16 code unit order, as JavaScript's default sort.
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const width = Math.max(...rows.map(([n]) => n.length));
  let out = `\n${'Metric Name'.padEnd(width)}   Value\n`;
  for (const [name, value] of rows) out += `${name.padEnd(width)} : ${value}\n`;
  return out;
}
