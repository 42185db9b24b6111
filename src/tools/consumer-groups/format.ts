// The text views of kafka-consumer-groups, as Kafka 4.4 prints them (ConsumerGroupCommand,
// GroupOffsetsResetter). Kafka 4.x fixed the 3.8-3.9 layout slips (missing newlines, `'g1, g2'`
// joins), so these are its texts as they are.
//
// Widths follow Kafka: a column is as wide as its longest value with a minimum (15 for most, 17
// for GROUP-INSTANCE-ID, 20 for the assignments, 25 for COORDINATOR), values are left-aligned
// (`%-Ns`), never cut. Pure functions of the collected data; the callers write the strings.

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
// --describe --offsets (the default) [--verbose]

export interface PartitionAssignmentState {
  group: string;
  topic: string | null;
  partition: number | null;
  /** The committed offset's leader epoch (shown with --verbose). */
  leaderEpoch: number | null;
  offset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

/** printOffsets: `\n` before the header and each row, one newline at the end. */
export function formatOffsetsTable(rows: readonly PartitionAssignmentState[], verbose: boolean): string {
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
  const line = (v: string[]) => {
    const [group, topic, partition, ...rest] = v;
    const epoch = verbose ? `${pad(rest.shift()!, 15)} ` : '';
    return `\n${pad(group, g)} ${pad(topic, t)} ${pad(partition, 10)} ${epoch}${pad(rest[0], 15)} ${pad(rest[1], 15)} ${pad(rest[2], 15)} ${pad(rest[3], c)} ${pad(rest[4], h)} ${rest[5]}`;
  };
  const header = ['GROUP', 'TOPIC', 'PARTITION', ...(verbose ? ['LEADER-EPOCH'] : []), 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'];
  let s = line(header);
  for (const r of rows) {
    s += line([r.group, cell(r.topic), cell(r.partition), ...(verbose ? [cell(r.leaderEpoch)] : []),
      cell(r.offset), cell(r.logEndOffset), cell(r.lag), cell(r.consumerId), cell(r.host), cell(r.clientId)]);
  }
  return s + '\n';
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
  /** KIP-848 members only (consumer groups): the target assignment and epochs. */
  targetAssignment: readonly { topic: string; partition: number }[];
  currentEpoch: number | null;
  targetEpoch: number | null;
  /** KIP-848 groups being upgraded: true for a consumer-protocol member, false for a classic one. */
  upgraded: boolean | null;
}

/** getAssignmentString: `t1:0,1;t2:3` (partitions numerically, topics sorted), `-` if none. */
export function formatAssignment(assignment: readonly { topic: string; partition: number }[]): string {
  if (assignment.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) {
    let l = byTopic.get(tp.topic);
    if (!l) byTopic.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  return [...byTopic]
    .map(([topic, ps]) => `${topic}:${[...ps].sort((a, b) => a - b).join(',')}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(';');
}

/**
 * printMembers for one group. Kafka prints the header whatever the group's state (also for a
 * group without members), and widens the columns only for a group it describes (`widen`).
 */
export function formatMembersTable(members: readonly MemberAssignmentState[], verbose: boolean, widen = true): string {
  let g = 15;
  let c = 15;
  let gi = 17;
  let h = 15;
  let cl = 15;
  let ca = 20;
  let ta = 20;
  let withInstance = false;
  let classicMember = false;
  let consumerMember = false;
  if (widen) {
    for (const m of members) {
      g = Math.max(g, m.group.length);
      c = Math.max(c, m.consumerId.length);
      gi = Math.max(gi, m.groupInstanceId.length);
      h = Math.max(h, m.host.length);
      cl = Math.max(cl, m.clientId.length);
      withInstance = withInstance || m.groupInstanceId.length > 0;
      ca = Math.max(ca, formatAssignment(m.assignment).length);
      ta = Math.max(ta, formatAssignment(m.targetAssignment).length);
      classicMember = classicMember || m.upgraded === false;
      consumerMember = consumerMember || m.upgraded === true;
    }
  }
  // An UPGRADED column only for a group with members of both protocols (a migration).
  const migrating = classicMember && consumerMember;
  const line = (group: string, consumerId: string, instance: string, host: string, clientId: string, n: string) =>
    `${pad(group, g)} ${pad(consumerId, c)} ${withInstance ? `${pad(instance, gi)} ` : ''}${pad(host, h)} ${pad(clientId, cl)} ${pad(n, 15)} `;
  const epochs = (currentEpoch: string, current: string, targetEpoch: string, target: string, upgraded: string) =>
    `${pad(currentEpoch, 15)} ${pad(current, ca)} ${pad(targetEpoch, 15)} ${pad(target, ta)}${migrating ? ` ${upgraded}` : ''}`;
  let s = '\n' + line('GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS');
  if (verbose) s += epochs('CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT', 'UPGRADED');
  s += '\n';
  for (const m of members) {
    s += line(m.group, m.consumerId, m.groupInstanceId, m.host, m.clientId, String(m.numPartitions));
    if (verbose) {
      s += epochs(cell(m.currentEpoch), formatAssignment(m.assignment), cell(m.targetEpoch), formatAssignment(m.targetAssignment), m.upgraded === null ? MISSING : String(m.upgraded));
    }
    s += '\n';
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// --describe --state [--verbose]

export interface GroupStateRow {
  group: string;
  coordinator: { host: string; port: number; id: number };
  assignmentStrategy: string;
  state: string;
  numMembers: number;
  /** KIP-848 consumer groups only. */
  groupEpoch: number | null;
  targetAssignmentEpoch: number | null;
}

export function formatStateTable(r: GroupStateRow, verbose: boolean): string {
  const coordinator = `${r.coordinator.host}:${r.coordinator.port}  (${r.coordinator.id})`;
  const c = Math.max(25, coordinator.length);
  const g = Math.max(15, r.group.length);
  const line = (v: string[]) => verbose
    ? `\n${pad(v[0], g)} ${pad(v[1], c)} ${pad(v[2], 20)} ${pad(v[3], 20)} ${pad(v[4], 15)} ${pad(v[5], 25)} ${v[6]}`
    : `\n${pad(v[0], g)} ${pad(v[1], c)} ${pad(v[2], 20)} ${pad(v[3], 20)} ${v[4]}`;
  const strategy = r.assignmentStrategy === '' ? MISSING : r.assignmentStrategy;
  if (verbose) {
    return line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', 'GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH', '#MEMBERS'])
      + line([r.group, coordinator, strategy, r.state, cell(r.groupEpoch), cell(r.targetAssignmentEpoch), String(r.numMembers)]) + '\n';
  }
  return line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'])
    + line([r.group, coordinator, strategy, r.state, String(r.numMembers)]) + '\n';
}

// ---------------------------------------------------------------------------------------------
// --reset-offsets

export interface ResetRow {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

/**
 * GroupOffsetsResetter.printOffsetsToReset: the header when any group is in the result, a line per
 * partition, then a newline. GROUP and TOPIC are as wide as the longest (at least 15).
 */
export function formatResetTable(groups: readonly string[], rows: readonly ResetRow[]): string {
  const g = groups.reduce((w, id) => Math.max(w, id.length), 15);
  const t = rows.reduce((w, r) => Math.max(w, r.topic.length), 15);
  const line = (v: string[]) => `\n${pad(v[0], g)} ${pad(v[1], t)} ${pad(v[2], 10)} ${v[3]}`;
  let s = groups.length > 0 ? line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) : '';
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

/** `'g1', 'g2'`. */
export function quotedList(groups: readonly string[]): string {
  return groups.map((g) => `'${g}'`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// --delete-offsets

export interface DeleteOffsetsRow {
  topic: string;
  /** -1: the topic itself failed (`-`). */
  partition: number;
  /** undefined: Successful; otherwise the error's getMessage(). */
  error: string | undefined;
}

/** The TOPIC / PARTITION / STATUS table: rows sorted by the string topic + partition. */
export function formatDeleteOffsetsTable(rows: readonly DeleteOffsetsRow[]): string {
  const t = rows.reduce((w, r) => Math.max(w, r.topic.length), 15);
  const line = (v: string[]) => `\n${pad(v[0], t)} ${pad(v[1], 10)} ${pad(v[2], 15)}`;
  let s = line(['TOPIC', 'PARTITION', 'STATUS']);
  const sorted = [...rows].sort((a, b) => {
    const ka = a.topic + String(a.partition);
    const kb = b.topic + String(b.partition);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const r of sorted) {
    s += line([r.topic, r.partition >= 0 ? String(r.partition) : MISSING, r.error !== undefined ? `Error: ${r.error}` : 'Successful']);
  }
  return s + '\n';
}
