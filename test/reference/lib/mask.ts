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

export function maskOutput(text: string, ctx: MaskContext): string {
  let s = text;
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
  return sortSetOfLists(s)
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, '[<ts>]')
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
    .replace(/\b1[6-9]\d{11}\b/g, '<epoch-ms>');
}
