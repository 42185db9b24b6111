// --list [--state [states]] [--type [types]] (ConsumerGroupService.listGroups).
//
// Deviation, on purpose: Kafka asks the brokers to filter by state (ListGroups v4+) and type (v5+)
// and shows `Unknown` where a broker does not say. The engine speaks ListGroups v0-2 (as Kafka
// brokers before 2.6), so the states come from DescribeGroups on the broker that lists each group
// and the filters are applied here; every group such a broker lists is a classic group.
import { UsageError } from '../../cli/errors';
import { execution, runtime, type Context } from './context';
import { formatList, KNOWN_STATES, type ListRow } from './format';
import { jsonDocument } from './json';

// GroupType.values() without UNKNOWN, in Kafka 4.x's declaration order (3.9 lacks Share).
const GROUP_TYPES = ['Consumer', 'Classic', 'Share'];

/** Java's String.split(","): trailing empty strings removed. */
function javaSplitComma(s: string): string[] {
  const parts = s.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** consumerGroupStatesFromString: Kafka's names (case-insensitive), else IllegalArgumentException. */
export function parseStates(input: string): Set<string> {
  const out = new Set<string>();
  for (const s of javaSplitComma(input)) {
    const known = KNOWN_STATES.find((k) => k.toUpperCase() === s.trim().toUpperCase());
    if (!known) throw new UsageError(`Invalid state list '${input}'. Valid states are: ${KNOWN_STATES.join(', ')}`);
    out.add(known);
  }
  return out;
}

/** consumerGroupTypesFromString: classic / consumer / share (case-insensitive), else IllegalArgumentException. */
export function parseTypes(input: string): Set<string> {
  const out = new Set<string>();
  for (const s of javaSplitComma(input.toLowerCase())) {
    const known = GROUP_TYPES.find((k) => k.toLowerCase() === s.trim());
    if (!known) throw new UsageError(`Invalid types list '${input}'. Valid types are: ${GROUP_TYPES.join(', ')}`);
    out.add(known);
  }
  return out;
}

export async function listGroups(ctx: Context): Promise<void> {
  const includeType = ctx.opts.has('type');
  const includeState = ctx.opts.has('state');
  if (!includeType && !includeState && !ctx.json) {
    let ids: string[];
    try {
      ids = (await ctx.groups.listConsumerGroups(ctx.timeoutMs)).map((l) => l.groupId);
    } catch (e) {
      throw runtime(e);
    }
    ctx.io.stdout(formatList(ids.map((groupId) => ({ groupId })), false, false));
    return;
  }
  const typeValue = includeType ? ctx.opts.stringValueOf('type') : undefined;
  const stateValue = includeState ? ctx.opts.stringValueOf('state') : undefined;
  const types = typeValue ? parseTypes(typeValue) : new Set<string>();
  const states = stateValue ? parseStates(stateValue) : new Set<string>();
  let rows: ListRow[];
  try {
    rows = (await ctx.groups.listConsumerGroups(ctx.timeoutMs, { withState: true }))
      .map((l) => ({ groupId: l.groupId, state: l.state, type: l.type }));
  } catch (e) {
    throw execution(e);
  }
  rows = rows.filter((r) => (states.size === 0 || states.has(r.state ?? '')) && (types.size === 0 || types.has(r.type ?? '')));
  if (ctx.json) {
    ctx.io.stdout(jsonDocument(rows.map((r) => ({ group: r.groupId, state: r.state ?? 'Unknown', type: r.type ?? 'Unknown' }))));
  } else {
    ctx.io.stdout(formatList(rows, includeType, includeState));
  }
}
