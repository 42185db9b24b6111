// --list [--state [states]] [--type [types]] (Kafka 4.4's ConsumerGroupService.listGroups): the
// brokers filter by state (ListGroups v4+) and type (v5+) and say each group's state and type;
// what a broker does not say shows as `Unknown`, as in Kafka.
import { UsageError } from '../../cli/errors';
import { javaHashSetOrder, javaStringHashCode } from '../../util/java-hash';
import { execution, runtime, type Context } from './context';
import { formatList, KNOWN_STATES, type ListRow } from './format';
import { jsonDocument } from './json';

/** GroupState.groupStatesForType(CONSUMER): the states --state accepts (Kafka prints them from a Set.of). */
const CONSUMER_GROUP_STATES = KNOWN_STATES;
/** The types --type accepts (GroupType.CLASSIC, CONSUMER). */
const CONSUMER_GROUP_TYPES = ['Classic', 'Consumer'];

/** Java's String.split(","): trailing empty strings removed. */
function javaSplitComma(s: string): string[] {
  const parts = s.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** groupStatesFromString: Kafka's names (case-insensitive), else IllegalArgumentException. */
export function parseStates(input: string): string[] {
  const parsed = javaSplitComma(input).map((s) => CONSUMER_GROUP_STATES.find((k) => k.toUpperCase() === s.trim().toUpperCase()));
  if (parsed.some((s) => s === undefined)) {
    throw new UsageError(`Invalid state list '${input}'. Valid states are: ${CONSUMER_GROUP_STATES.join(', ')}`);
  }
  return [...new Set(parsed as string[])];
}

/** consumerGroupTypesFromString: classic / consumer (case-insensitive), else IllegalArgumentException. */
export function parseTypes(input: string): string[] {
  const parsed = javaSplitComma(input.toLowerCase()).map((s) => CONSUMER_GROUP_TYPES.find((k) => k.toLowerCase() === s.trim()));
  if (parsed.some((t) => t === undefined)) {
    // Kafka collects the valid names into a HashSet before joining them.
    const valid = javaHashSetOrder(CONSUMER_GROUP_TYPES, javaStringHashCode, 'incremental');
    throw new UsageError(`Invalid types list '${input}'. Valid types are: ${valid.join(', ')}`);
  }
  return [...new Set(parsed as string[])];
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
  const typeValue = ctx.opts.stringValueOf('type');
  const stateValue = ctx.opts.stringValueOf('state');
  const types = typeValue ? parseTypes(typeValue) : [];
  const states = stateValue ? parseStates(stateValue) : [];
  let rows: ListRow[];
  try {
    // ListGroupsOptions.forConsumerGroups().inGroupStates(states).withTypes(types): no --type
    // value lists groups of every type.
    rows = (await ctx.groups.listConsumerGroups(ctx.timeoutMs, { states, types }))
      .map((l) => ({ groupId: l.groupId, state: l.state, type: l.type }));
  } catch (e) {
    throw execution(e);
  }
  if (ctx.json) {
    ctx.io.stdout(jsonDocument(rows.map((r) => ({ group: r.groupId, state: r.state ?? 'Unknown', type: r.type ?? 'Unknown' }))));
  } else {
    ctx.io.stdout(formatList(rows, includeType, includeState));
  }
}
