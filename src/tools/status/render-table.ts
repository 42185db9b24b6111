// The table view of a status snapshot: borderless cli-table3 tables (they line up in a terminal
// and grep well in a pipe), a STATUS column that names each problem in words (under-replicated,
// under-min-isr, leaderless, rebalancing, empty) and colours it when colour is on.
import { stripVTControlCharacters } from 'node:util';
import Table from 'cli-table3';
import type { Paint } from './paint';
import type { GroupStatus, PartitionStatus, StatusDocument, TopicStatus } from './model';

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

/**
 * Rows per cli-table3 table: its layout pass is quadratic in the rows (it looks for spans), so a
 * thousand topics are drawn as chunks of one shared column width, which line up as one table.
 */
const CHUNK = 200;

/**
 * Columns padded to their widest cell, two spaces apart: what the borderless, unpadded cli-table3
 * tables print. Plain text (a pipe, NO_COLOR, --no-color) is laid out this way directly: cli-table3
 * and chalk serve the terminal, and its per-cell cost made a thousand topics take over a second.
 */
function plainTable(all: string[][], colWidths: number[]): string[] {
  return all.map((r) => colWidths.map((w, i) => (r[i] ?? '').padEnd(w)).join(BORDERLESS.middle).trimEnd());
}

function table(paint: Paint, head: string[], rows: string[][]): string {
  const all = [head.map((h) => paint.bold(h)), ...rows];
  const colWidths = head.map((_, i) => Math.max(...all.map((r) => stripVTControlCharacters(r[i] ?? '').length)));
  if (paint.level === 0) return `${plainTable(all, colWidths).join('\n')}\n`;
  const lines: string[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const t = new Table({ chars: BORDERLESS, colWidths, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true } });
    t.push(...all.slice(i, i + CHUNK));
    lines.push(...t.toString().split('\n').map((l) => l.trimEnd()));
  }
  return `${lines.join('\n')}\n`;
}

const dash = (v: number | string | null | undefined): string => (v === null || v === undefined || v === '' ? '-' : String(v));

/** Bytes for a person: B, KiB, MiB, GiB (one decimal past B). */
export function formatBytes(n: number | null): string {
  if (n === null) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

function partitionProblems(p: PartitionStatus, paint: Paint): string {
  const words: string[] = [];
  if (p.leaderless) words.push(paint.red.bold('leaderless'));
  if (p.underReplicated) words.push(paint.yellow('under-replicated'));
  if (p.underMinIsr) words.push(paint.red('under-min-isr'));
  return words.length > 0 ? words.join(',') : paint.green('ok');
}

function topicProblems(t: TopicStatus, paint: Paint): string {
  const words: string[] = [];
  if (t.leaderlessPartitions > 0) words.push(paint.red.bold(`${t.leaderlessPartitions} leaderless`));
  if (t.underReplicatedPartitions > 0) words.push(paint.yellow(`${t.underReplicatedPartitions} under-replicated`));
  if (t.underMinIsrPartitions > 0) words.push(paint.red(`${t.underMinIsrPartitions} under-min-isr`));
  return words.length > 0 ? words.join(',') : paint.green('ok');
}

function groupProblems(g: GroupStatus, paint: Paint): string {
  if (g.error !== null) return paint.red(`error: ${g.error}`);
  if (g.rebalancing) return paint.yellow('rebalancing');
  if (g.empty) return paint.yellow('empty');
  return paint.green('ok');
}

function clusterSection(doc: StatusDocument, paint: Paint): string {
  const { cluster } = doc;
  const dead = cluster.brokers.filter((b) => !b.alive).length;
  const head = `${paint.bold('Cluster')} ${dash(cluster.clusterId)}  controller ${dash(cluster.controller)}  ` +
    `brokers ${cluster.brokers.length}${dead > 0 ? paint.red(` (${dead} not alive)`) : ''}\n`;
  const rows = cluster.brokers.map((b) => [
    String(b.id), b.host !== null ? `${b.host}:${b.port}` : '-', dash(b.rack),
    b.alive ? paint.green('yes') : paint.red.bold('no'), String(b.partitionsLed),
  ]);
  return head + table(paint, ['BROKER', 'ADDRESS', 'RACK', 'ALIVE', 'LEADS'], rows);
}

function topicsSection(doc: StatusDocument, paint: Paint): string {
  if (doc.topics.length === 0) return `${paint.bold('Topics')} (0)\nNo topics.\n`;
  const configs = (t: TopicStatus): string => {
    const entries = Object.entries(t.configs).map(([k, v]) => `${k}=${v ?? '(sensitive)'}`);
    return entries.length > 0 ? entries.join(',') : '-';
  };
  const summary = table(paint, ['TOPIC', 'PARTITIONS', 'RF', 'RECORDS', 'SIZE', 'STATUS', 'CONFIGS'], doc.topics.map((t) => [
    t.name, String(t.partitionCount), String(t.replicationFactor), dash(t.records), formatBytes(t.sizeBytes), topicProblems(t, paint), configs(t),
  ]));
  const partitions = table(paint, ['TOPIC', 'PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'START', 'END', 'RECORDS', 'SIZE', 'STATUS'],
    doc.topics.flatMap((t) => t.partitions.map((p) => [
      t.name, String(p.partition), p.leader === null ? paint.red.bold('none') : String(p.leader), p.replicas.join(','),
      p.underReplicated ? paint.yellow(p.isr.join(',') || '-') : p.isr.join(','),
      dash(p.logStartOffset), dash(p.logEndOffset), dash(p.records), formatBytes(p.sizeBytes), partitionProblems(p, paint),
    ])));
  return `${paint.bold('Topics')} (${doc.topics.length})\n${summary}\n${partitions}`;
}

function groupsSection(doc: StatusDocument, paint: Paint): string {
  if (doc.groups.length === 0) return `${paint.bold('Consumer groups')} (0)\nNo consumer groups.\n`;
  const summary = table(paint, ['GROUP', 'STATE', 'TYPE', 'ASSIGNOR', 'MEMBERS', 'LAG', 'STATUS'], doc.groups.map((g) => [
    g.groupId, g.rebalancing || g.empty ? paint.yellow(g.state) : g.state, g.type, dash(g.assignor), String(g.members.length),
    dash(g.totalLag), groupProblems(g, paint),
  ]));
  const offsetRows = doc.groups.flatMap((g) => g.topics.map((t) => [
    g.groupId, t.topic, t.partitions.map((p) => `${p.partition}:${dash(p.committedOffset)}`).join(' '),
    t.partitions.map((p) => `${p.partition}:${dash(p.logEndOffset)}`).join(' '),
    t.lag !== null && t.lag > 0 ? paint.yellow(String(t.lag)) : dash(t.lag),
  ]));
  const memberRows = doc.groups.flatMap((g) => g.members.map((m) => [
    g.groupId, m.memberId, m.clientId, m.host, m.assignment.map((a) => `${a.topic}:${a.partitions.join(',')}`).join(' ') || '-',
  ]));
  let out = `${paint.bold('Consumer groups')} (${doc.groups.length})\n${summary}`;
  if (offsetRows.length > 0) out += `\n${table(paint, ['GROUP', 'TOPIC', 'COMMITTED', 'END', 'LAG'], offsetRows)}`;
  if (memberRows.length > 0) out += `\n${table(paint, ['GROUP', 'MEMBER', 'CLIENT', 'HOST', 'OWNS'], memberRows)}`;
  return out;
}

/** The whole table view, sections separated by an empty line. */
export function renderTables(doc: StatusDocument, paint: Paint): string {
  const sections = [clusterSection(doc, paint), topicsSection(doc, paint), groupsSection(doc, paint)];
  if (doc.warnings.length > 0) sections.push(doc.warnings.map((w) => paint.yellow(`warning: ${w}`)).join('\n') + '\n');
  return sections.join('\n');
}
