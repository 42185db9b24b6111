// GetOffsetShell's topic-partition filters (Kafka 4.x tools.filter): `--topic` regex plus
// `--partitions` id set, or `--topic-partitions` rules `topicRegex(:partition | :lo-hi | :lo- | :-hi)?`
// joined by commas (a partition range is lower-inclusive, upper-exclusive).
import { JavaException } from '../../cli/errors';
import { parseJavaInteger } from '../../cli/options';
import { IncludeList } from '../../cli/topic-filter';

/** A failure Kafka reports as `Error occurred: <message>` alone (its TerseException). */
export class TerseError extends Error {}

export interface TopicPartitionFilter {
  isTopicAllowed(topic: string): boolean;
  isTopicPartitionAllowed(topic: string, partition: number): boolean;
}

const INT_MAX = 2147483647;
/** GetOffsetShell.TOPIC_PARTITION_PATTERN, matched against the whole rule. */
const RULE = /^([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?$/;

function parseInt32(s: string): number {
  const v = parseJavaInteger(s, 32);
  if (v === undefined) throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
  return v;
}

function topicAndPartitions(topics: IncludeList, partitionAllowed: (p: number) => boolean): TopicPartitionFilter {
  return {
    // The internal-topic exclusion is done by listing topics, not here.
    isTopicAllowed: (t) => topics.isTopicAllowed(t, false),
    isTopicPartitionAllowed: (t, p) => topics.isTopicAllowed(t, false) && partitionAllowed(p),
  };
}

/** `--topic` (default `.*`) and `--partitions` (comma-separated ids; empty = all). */
export function topicAndPartitionFilter(topic: string | undefined, partitions: string | undefined): TopicPartitionFilter {
  const set = new Set<number>();
  if (partitions !== undefined && partitions !== '') {
    const parts = partitions.split(',');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's split drops trailing empties
    for (const s of parts) {
      const v = parseJavaInteger(s, 32);
      if (v === undefined) {
        throw new TerseError(`--partitions expects a comma separated list of numeric partition ids, but received: ${partitions}`);
      }
      set.add(v);
    }
  }
  return topicAndPartitions(new IncludeList(topic ?? '.*'), (p) => set.size === 0 || set.has(p));
}

/** `--topic-partitions`: any rule may match. */
export function patternListFilter(spec: string): TopicPartitionFilter {
  const parts = spec.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  const rules = parts.map((rule) => {
    const m = RULE.exec(rule);
    if (!m) {
      // Kafka wraps this TerseException in a RuntimeException inside a stream, so it is not terse.
      throw new JavaException('java.lang.RuntimeException', `org.apache.kafka.tools.TerseException: Invalid rule specification: ${rule}`);
    }
    const g = (i: number): string | undefined => (m[i] === undefined || m[i] === '' ? undefined : m[i]);
    const topics = new IncludeList(g(1) ?? '.*');
    if (g(2) !== undefined) {
      const only = parseInt32(g(2)!);
      return topicAndPartitions(topics, (p) => p === only);
    }
    const lo = g(3) !== undefined ? parseInt32(g(3)!) : 0;
    const hi = g(4) !== undefined ? parseInt32(g(4)!) : INT_MAX;
    return topicAndPartitions(topics, (p) => p >= lo && p < hi);
  });
  return {
    isTopicAllowed: (t) => rules.some((r) => r.isTopicAllowed(t)),
    isTopicPartitionAllowed: (t, p) => rules.some((r) => r.isTopicPartitionAllowed(t, p)),
  };
}
