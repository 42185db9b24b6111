// The --path-to-json-file of kafka-leader-election (LeaderElectionCommand.parseReplicaElectionData)
// and the order Kafka prints partitions in (sets and maps of TopicPartition, hash-ordered).
import { JavaException } from '../../cli/errors';
import type { TopicPartitionRef } from '../../client/replica-admin';
import { javaHashMapOrderByHash, javaTopicPartitionHashCode } from '../../util/java-hash';

const FAILED = 'org.apache.kafka.tools.AdminOperationException';

/** HashSet<TopicPartition> / HashMap<TopicPartition, _> iteration order. */
export function tpOrder<T extends TopicPartitionRef>(items: readonly T[]): T[] {
  return javaHashMapOrderByHash(items, (i) => javaTopicPartitionHashCode(i.topic, i.partition));
}

function field(o: unknown, name: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[name] : undefined;
}

/** {"partitions": [{"topic": "foo", "partition": 1}, ...]}: the distinct partitions. */
export function parseElectionJson(text: string): TopicPartitionRef[] {
  let js: unknown;
  try {
    js = JSON.parse(text);
  } catch {
    // Json.parseFull: an unparsable document is no document at all.
    throw new JavaException(FAILED, 'Replica election data is empty');
  }
  const raw = field(js, 'partitions');
  if (raw === undefined) throw new JavaException(FAILED, 'Replica election data is missing "partitions" field');
  if (!Array.isArray(raw)) throw new JavaException('org.apache.kafka.server.util.json.JsonMappingException', `Expected JSON array, received ${JSON.stringify(raw)}`);
  const partitions = raw.map((p) => {
    const topic = field(p, 'topic');
    const partition = field(p, 'partition');
    if (typeof topic !== 'string') throw new JavaException('org.apache.kafka.server.util.json.JsonMappingException', 'No such field exists: `topic`');
    if (typeof partition !== 'number' || !Number.isInteger(partition)) throw new JavaException('org.apache.kafka.server.util.json.JsonMappingException', 'No such field exists: `partition`');
    return { topic, partition };
  });
  const seen = new Map<string, TopicPartitionRef>();
  const duplicates = new Map<string, TopicPartitionRef>();
  for (const p of partitions) {
    const k = `${p.topic}-${p.partition}`;
    if (seen.has(k)) duplicates.set(k, p);
    else seen.set(k, p);
  }
  if (duplicates.size > 0) {
    throw new JavaException(FAILED, `Replica election data contains duplicate partitions: [${tpOrder([...duplicates.values()]).map((p) => `${p.topic}-${p.partition}`).join(', ')}]`);
  }
  return tpOrder([...seen.values()]);
}
