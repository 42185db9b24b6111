// What differs between two runs by nature, not by fidelity: addresses and directories, ids
// the broker or client makes up, clocks. Masked on every side before outputs are compared.

export interface MaskContext {
  /** The broker addresses of the side (host:port), and ZooKeeper's for legacy runs. */
  addresses: string[];
  /** The scenario's directory on that side. */
  dir: string;
  /** The cluster id of that side, when known. */
  clusterId?: string;
  /** The broker's log directory on that side ({logdir}). */
  logDir?: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Lists that Kafka prints from a java.util.Set.of(...): its iteration order is salted per JVM, so
 * Kafka's own tool prints them in a different order from run to run. Their items are sorted.
 */
const SET_OF_LISTS: RegExp[] = [
  /(takes one of these options: )(\[[^\n]*)$/gm,
  /(takes the following options: )(\[[^\n]*)$/gm,
  /(requires one of the following scenarios: \[)([^\n]*)(\])$/gm,
  /(Valid states are: )([^\n]*)$/gm,
];

function sortSetOfLists(s: string): string {
  for (const re of SET_OF_LISTS) s = s.replace(re, (_m, head: string, items: string, tail: unknown) =>
    head + items.split(', ').sort().join(', ') + (typeof tail === 'string' ? tail : ''));
  return s;
}

/**
 * kafka-transactions' tables: producer ids (allocated by each broker in its own order) and
 * durations (clock differences) are masked cell by cell, and the table laid out again as the tool
 * does (each cell padded to its column, then a tab), so the other columns' alignment still counts.
 */
const VOLATILE_COLUMNS = new Set(['ProducerId', 'TransactionDurationMs', 'Duration(min)']);
const TRANSACTION_HEADERS = /^(TransactionalId\tCoordinator\t|CoordinatorId\tTransactionalId\t|ProducerId\tProducerEpoch\t|Topic\tPartition\tProducerId\t)/;

function maskTransactionTables(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!TRANSACTION_HEADERS.test(lines[i])) continue;
    const headers = lines[i].split('\t').slice(0, -1);
    let end = i + 1;
    while (end < lines.length && lines[end].endsWith('\t') && lines[end].split('\t').length === headers.length + 1) end++;
    const rows = lines.slice(i + 1, end).map((l) => l.split('\t').slice(0, -1).map((c, k) => (VOLATILE_COLUMNS.has(headers[k]) ? '<n>' : c.trimEnd())));
    const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
    const layout = (cells: string[]) => cells.map((c, k) => `${c.padEnd(widths[k])}\t`).join('');
    lines.splice(i, end - i, layout(headers), ...rows.map(layout));
    i = end - 1;
  }
  return lines.join('\n');
}

/**
 * A client that cannot reach a broker logs the same WARN line at every reconnect attempt; how
 * many fit before its deadline depends on the jittered backoff, and one more may come from the
 * network thread while the tool prints its error (Kafka's own runs differ in both): a WARN line
 * that repeats one before it counts once.
 */
function collapseRetries(s: string): string {
  const seen = new Set<string>();
  return s.split('\n').filter((line) => {
    if (!line.startsWith('[<ts>] WARN ')) return true;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  }).join('\n');
}

export function maskOutput(text: string, ctx: MaskContext): string {
  let s = maskTransactionTables(text);
  if (ctx.logDir) s = s.split(ctx.logDir).join('<logdir>');
  if (ctx.dir) s = s.split(ctx.dir).join('<dir>');
  // kafka-dump-log's batch lines: producer ids, checksums and sizes (timestamp deltas are varints)
  // differ from one producer run to the next.
  s = s.replace(/^(baseOffset: .*)$/gm, (line) => line
    .replace(/producerId: \d+/, 'producerId: <n>').replace(/ position: \d+/, ' position: <n>')
    .replace(/ size: \d+/, ' size: <n>').replace(/ crc: \d+/, ' crc: <n>'));
  for (const a of ctx.addresses) {
    const port = a.slice(a.lastIndexOf(':') + 1);
    s = s.replace(new RegExp(`(localhost|127\\.0\\.0\\.1|\\[::1\\]|/127\\.0\\.0\\.1):${escape(port)}\\b`, 'g'), '<broker>');
  }
  if (ctx.clusterId) s = s.split(ctx.clusterId).join('<cluster-id>');
  return collapseRetries(sortSetOfLists(s)
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, '[<ts>]'))
    .replace(/(TopicId: |topic ?[Ii]d[=:] ?)[A-Za-z0-9_-]{22}\b/g, '$1<topic-id>')
    .replace(/"topicId":"[A-Za-z0-9_-]{22}"/g, '"topicId":"<topic-id>"')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    // A KIP-848 member id (a Kafka Uuid) in a table, before its host column.
    .replace(/(^|\s)[A-Za-z0-9_-]{22}(?= +\/\d)/gm, '$1<member-id>')
    .replace(/\badminclient-\d+/g, 'adminclient-<n>')
    .replace(/\bconsole-consumer-\d+\b/g, 'console-consumer-<n>')
    .replace(/\bperf-consumer-\d+\b/g, 'perf-consumer-<n>')
    .replace(/\b(producer|consumer)-(\S+-)?\d+\b/g, '$1-$2<n>')
    .replace(/correlation id \d+/g, 'correlation id <n>')
    .replace(/\bdirectory\.id=[A-Za-z0-9_-]{22}\b/g, 'directory.id=<directory-id>')
    // TransactionLogMessageFormatter's producer ids (each broker allocates its own).
    .replace(/"(producerId|previousProducerId|nextProducerId)":\d+/g, '"$1":<n>')
    .replace(/\b1[6-9]\d{11}\b/g, '<epoch-ms>');
}
