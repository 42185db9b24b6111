// The table view of a status snapshot: borderless tables (they line up in a terminal and grep well
// in a pipe), a STATUS column that names each problem in words (under-replicated, under-min-isr,
// leaderless, rebalancing, empty) and colours it when colour is on. On a terminal small tables are
// drawn by cli-table3; plain text and long tables are laid out here, in the same columns.
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
 * Tables of up to this many rows (with the header) are drawn by cli-table3 on a terminal; longer
 * ones are laid out by hand (handTable). cli-table3 costs about a quarter of a millisecond per row
 * (per-cell option merging, ANSI-aware widths, a layout pass quadratic in the rows), so a thousand
 * topics took most of a second in it; the two layouts print the same text (a test holds them equal).
 */
export const CLI_TABLE_MAX_ROWS = 100;

/**
 * Columns padded to their widest cell (`widths`, measured without colour codes), two spaces apart,
 * trailing blanks cut: what the borderless, unpadded cli-table3 tables print, for coloured cells as
 * for plain ones. `visible` holds each cell's width when it differs from its length (colour codes).
 */
function handTable(all: string[][], widths: number[], visible: (r: number, c: number) => number): string[] {
  return all.map((row, r) => {
    let line = '';
    for (let c = 0; c < widths.length; c++) {
      const cell = row[c] ?? '';
      line += c === 0 ? cell : BORDERLESS.middle + cell;
      if (c < widths.length - 1) line += ' '.repeat(widths[c] - visible(r, c));
    }
    return line.trimEnd();
  });
}

function cliTable(all: string[][], colWidths: number[]): string[] {
  const t = new Table({ chars: BORDERLESS, colWidths, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true } });
  t.push(...all);
  return t.toString().split('\n').map((l) => l.trimEnd());
}

export function table(paint: Paint, head: string[], rows: string[][], small = CLI_TABLE_MAX_ROWS): string {
  const all = [head.map((h) => paint.bold(h)), ...rows];
  if (paint.level === 0) {
    const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    return `${handTable(all, widths, (r, c) => (all[r][c] ?? '').length).join('\n')}\n`;
  }
  // Colour codes take no room on the screen: widths are measured without them, once per cell.
  const seen = all.map((r) => head.map((_, i) => stripVTControlCharacters(r[i] ?? '').length));
  const widths = head.map((_, i) => Math.max(...seen.map((r) => r[i])));
  const lines = all.length <= small ? cliTable(all, widths) : handTable(all, widths, (r, c) => seen[r][c]);
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

/** The view's sections, each ending in a newline: the cluster first, then topics, groups and any warnings. */
export function renderSections(doc: StatusDocument, paint: Paint): string[] {
  const sections = [clusterSection(doc, paint), topicsSection(doc, paint), groupsSection(doc, paint)];
  if (doc.warnings.length > 0) sections.push(doc.warnings.map((w) => paint.yellow(`warning: ${w}`)).join('\n') + '\n');
  return sections;
}

/** The whole table view, sections separated by an empty line. */
export function renderTables(doc: StatusDocument, paint: Paint): string {
  return renderSections(doc, paint).join('\n');
}
