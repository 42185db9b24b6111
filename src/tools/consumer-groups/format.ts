// The text views of kafka-consumer-groups, as Kafka prints them (ConsumerGroupCommand), with the
// 3.8–3.9 layout bugs fixed as Kafka 4.x / 2.8 print them: every table line ends with a newline,
// `--members` prints no header for a group it does not describe, `--members --verbose` shows
// `topic(0,1,2)` per topic (numerically sorted partitions), `--delete` joins group names as
// `'g1', 'g2'`, `--delete-offsets` says `Error: <msg>`. `--state` keeps 3.8+'s `host:port  (id)`
// (two spaces): harmless, and what every Kafka since 3.8 prints (spec/cli.md §5.3).
//
// Widths follow Kafka: a column is as wide as its longest value with a minimum (15 for most, 17
// for GROUP-INSTANCE-ID, 25 for COORDINATOR), values are left-aligned (`%-Ns`), never cut.
// Pure functions of the collected data; the callers write the strings.

/** Java's `%-Ns`. */
export function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export const MISSING = '-';

function cell(v: string | number | null | undefined): string {
  return v === null || v === undefined ? MISSING : String(v);
}

export interface Out {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** ConsumerGroupCommand.printError: a blank line, then `Error: <msg>`, on stdout. */
export function printError(out: Out, msg: string): void {
  out.stdout(`\nError: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// --list

export interface ListRow {
  groupId: string;
  state?: string;
  type?: string;
}

/** `--list`: one id per line. `--list --state/--type`: a table (GROUP padded to max(15, longest) + 10). */
export function formatList(rows: readonly ListRow[], includeType: boolean, includeState: boolean): string {
  if (!includeType && !includeState) return rows.map((r) => `${r.groupId}\n`).join('');
  const groupWidth = rows.reduce((w, r) => Math.max(w, r.groupId.length), 15) + 10;
  const line = (group: string, type: string, state: string) =>
    `${pad(group, groupWidth)}${includeType ? ` ${pad(type, 20)}` : ''}${includeState ? ` ${pad(state, 20)}` : ''}\n`;
  let s = line('GROUP', 'TYPE', 'STATE');
  for (const r of rows) s += line(r.groupId, r.type ?? 'Unknown', r.state ?? 'Unknown');
  return s;
}

// ---------------------------------------------------------------------------------------------
// --describe: what is printed before a group's table

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);
export const KNOWN_STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'];

/** Kafka's KafkaException for a state it does not know (the describe then fails). */
export class UnknownGroupStateError extends Error {
  readonly javaClass = 'org.apache.kafka.common.KafkaException';
}

/**
 * ConsumerGroupCommand.shouldPrintMemberState: prints the group's status line (stdout for a
 * missing group, stderr for an empty or rebalancing one) and says whether a table follows.
 */
export function shouldPrintMemberState(out: Out, group: string, state: string, numRows: number): boolean {
  if (state === 'Dead') {
    printError(out, `Consumer group '${group}' does not exist.`);
  } else if (state === 'Empty') {
    out.stderr(`\nConsumer group '${group}' has no active members.\n`);
  } else if (REBALANCING.has(state)) {
    out.stderr(`\nWarning: Consumer group '${group}' is rebalancing.\n`);
  } else if (state !== 'Stable') {
    throw new UnknownGroupStateError(`Expected a valid consumer group state, but found '${canonicalState(state)}'.`);
  }
  return state !== 'Dead' && numRows > 0;
}

/** ConsumerGroupState.parse(...).toString(): a known name in Kafka's spelling, else `Unknown`. */
export function canonicalState(state: string): string {
  return KNOWN_STATES.find((s) => s.toUpperCase() === state.toUpperCase()) ?? 'Unknown';
}

// ---------------------------------------------------------------------------------------------
// --describe --offsets (the default)

export interface PartitionAssignmentState {
  group: string;
  topic: string | null;
  partition: number | null;
  offset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export function formatOffsetsTable(rows: readonly PartitionAssignmentState[]): string {
  let g = 15;
  let t = 15;
  let c = 15;
  let h = 15;
  for (const r of rows) {
    g = Math.max(g, r.group.length);
    t = Math.max(t, cell(r.topic).length);
    c = Math.max(c, cell(r.consumerId).length);
    h = Math.max(h, cell(r.host).length);
  }
  const line = (v: string[]) =>
    `${pad(v[0], g)} ${pad(v[1], t)} ${pad(v[2], 10)} ${pad(v[3], 15)} ${pad(v[4], 15)} ${pad(v[5], 15)} ${pad(v[6], c)} ${pad(v[7], h)} ${v[8]}\n`;
  let s = '\n' + line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
  for (const r of rows) {
    s += line([r.group, cell(r.topic), cell(r.partition), cell(r.offset), cell(r.logEndOffset), cell(r.lag), cell(r.consumerId), cell(r.host), cell(r.clientId)]);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// --describe --members [--verbose]

export interface MemberAssignmentState {
  group: string;
  consumerId: string;
  host: string;
  clientId: string;
  groupInstanceId: string;
  numPartitions: number;
  assignment: readonly { topic: string; partition: number }[];
}

/** 2.8's ASSIGNMENT cell: `t1(0,1), t2(3)` (topics sorted, partitions numerically), `-` if none. */
export function formatAssignment(assignment: readonly { topic: string; partition: number }[]): string {
  if (assignment.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) {
    let l = byTopic.get(tp.topic);
    if (!l) byTopic.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  return [...byTopic]
    .map(([topic, ps]) => `${topic}(${[...ps].sort((a, b) => a - b).join(',')})`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

export function formatMembersTable(members: readonly MemberAssignmentState[], verbose: boolean): string {
  let g = 15;
  let c = 15;
  let gi = 17;
  let h = 15;
  let cl = 15;
  let withInstance = false;
  for (const m of members) {
    g = Math.max(g, m.group.length);
    c = Math.max(c, m.consumerId.length);
    gi = Math.max(gi, m.groupInstanceId.length);
    h = Math.max(h, m.host.length);
    cl = Math.max(cl, m.clientId.length);
    withInstance = withInstance || m.groupInstanceId.length > 0;
  }
  const line = (group: string, consumerId: string, instance: string, host: string, clientId: string, n: string) =>
    `${pad(group, g)} ${pad(consumerId, c)} ${withInstance ? `${pad(instance, gi)} ` : ''}${pad(host, h)} ${pad(clientId, cl)} ${pad(n, 15)} `;
  let s = '\n' + line('GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS') + (verbose ? 'ASSIGNMENT' : '') + '\n';
  for (const m of members) {
    s += line(m.group, m.consumerId, m.groupInstanceId, m.host, m.clientId, String(m.numPartitions));
    if (verbose) s += formatAssignment(m.assignment);
    s += '\n';
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// --describe --state

export interface GroupStateRow {
  group: string;
  coordinator: { host: string; port: number; id: number };
  assignmentStrategy: string;
  state: string;
  numMembers: number;
}

export function formatStateTable(r: GroupStateRow): string {
  const coordinator = `${r.coordinator.host}:${r.coordinator.port}  (${r.coordinator.id})`;
  const w = Math.max(25, coordinator.length);
  const line = (v: string[]) => `\n${pad(v[0], w)} ${pad(v[1], 25)} ${pad(v[2], 20)} ${pad(v[3], 15)} ${v[4]}`;
  return line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'])
    + line([r.group, coordinator, r.assignmentStrategy, r.state, String(r.numMembers)]) + '\n';
}

// ---------------------------------------------------------------------------------------------
// --reset-offsets

export interface ResetRow {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

/** printOffsetsToReset: `\n` + header, one line per partition, then a newline (also when empty). */
export function formatResetTable(groupsInResult: number, rows: readonly ResetRow[]): string {
  const line = (v: string[]) => `\n${pad(v[0], 30)} ${pad(v[1], 30)} ${pad(v[2], 10)} ${pad(v[3], 15)}`;
  let s = groupsInResult > 0 ? line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) : '';
  for (const r of rows) s += line([r.group, r.topic, String(r.partition), String(r.offset)]);
  return s + '\n';
}

/** exportOffsetsToCsv + println: `topic,partition,offset` lines (group first when `withGroup`), then a newline. */
export function formatResetCsv(rows: readonly ResetRow[], withGroup: boolean): string {
  return rows.map((r) => `${withGroup ? `${csvField(r.group)},` : ''}${csvField(r.topic)},${r.partition},${r.offset}\n`).join('') + '\n';
}

/** Jackson CSV quoting: a field with a separator, quote or line break is quoted, quotes doubled. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---------------------------------------------------------------------------------------------
// --delete

/** `'g1', 'g2'` (2.8's join; 3.8+ printed `'g1, g2'`). */
export function quotedList(groups: readonly string[]): string {
  return `'${groups.join("', '")}'`;
}

// ---------------------------------------------------------------------------------------------
// --delete-offsets

export interface DeleteOffsetsRow {
  topic: string;
  /** -1: the topic itself failed (`Not Provided`). */
  partition: number;
  /** undefined: Successful; otherwise the error's getMessage(). */
  error: string | undefined;
}

export function formatDeleteOffsetsTable(rows: readonly DeleteOffsetsRow[]): string {
  const line = (v: string[]) => `\n${pad(v[0], 30)} ${pad(v[1], 15)} ${pad(v[2], 15)}`;
  let s = line(['TOPIC', 'PARTITION', 'STATUS']);
  const sorted = [...rows].sort((a, b) => {
    const ka = a.topic + String(a.partition);
    const kb = b.topic + String(b.partition);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const r of sorted) {
    s += line([r.topic, r.partition >= 0 ? String(r.partition) : 'Not Provided', r.error !== undefined ? `Error: ${r.error}` : 'Successful']);
  }
  return s + '\n';
}
