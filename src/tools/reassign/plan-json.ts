// The JSON files of kafka-reassign-partitions (ReassignPartitionsCommand): the reassignment plan
// {"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}
// and the topics to move {"topics":[{"topic":"t"}],"version":1}, parsed with Kafka's checks and
// texts, and the plan written back as Kafka writes it (partitions sorted by topic and partition).
import { JavaException } from '../../cli/errors';

const FAILED = 'org.apache.kafka.tools.AdminCommandFailedException';
const OPERATION = 'org.apache.kafka.tools.AdminOperationException';
const MAPPING = 'org.apache.kafka.server.util.json.JsonMappingException';

export interface PlannedPartition {
  topic: string;
  partition: number;
  replicas: number[];
  logDirs: string[];
}

export const tpKey = (topic: string, partition: number): string => `${topic}-${partition}`;

export function compareTp(a: { topic: string; partition: number }, b: { topic: string; partition: number }): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new JavaException(OPERATION, (e as Error).message);
  }
}

function field(o: unknown, name: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[name] : undefined;
}

function need<T>(v: unknown, ok: (v: unknown) => v is T, name: string): T {
  if (v === undefined) throw new JavaException(MAPPING, `No such field exists: \`${name}\``);
  if (!ok(v)) throw new JavaException(MAPPING, `Expected ${name} of the expected type, received ${JSON.stringify(v)}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isIntArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isInt);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** parsePartitionReassignmentData plus parseExecuteAssignmentArgs' checks. */
export function parsePlan(text: string): PlannedPartition[] {
  const js = parse(text);
  const raw = field(js, 'partitions');
  const list = raw === undefined ? [] : need(raw, Array.isArray, 'partitions') as unknown[];
  const plan = list.map((p) => {
    const topic = need(field(p, 'topic'), isString, 'topic');
    const partition = need(field(p, 'partition'), isInt, 'partition');
    const replicas = need(field(p, 'replicas'), isIntArray, 'replicas');
    const dirsRaw = field(p, 'log_dirs');
    const logDirs = dirsRaw === undefined ? replicas.map(() => 'any') : need(dirsRaw, isStringArray, 'log_dirs');
    if (logDirs.length !== replicas.length) {
      throw new JavaException(OPERATION, `Size of replicas list ${JSON.stringify(replicas).replace(/,/g, ', ')} is different from size of log dirs list ${JSON.stringify(logDirs).replace(/,/g, ', ')} for partition ${tpKey(topic, partition)}`);
    }
    return { topic, partition, replicas, logDirs };
  });
  if (plan.length === 0) throw new JavaException(FAILED, 'Partition reassignment list cannot be empty');
  const seen = new Set<string>();
  const dupParts: string[] = [];
  for (const p of plan) {
    const k = tpKey(p.topic, p.partition);
    if (seen.has(k)) dupParts.push(k);
    seen.add(k);
  }
  if (dupParts.length > 0) throw new JavaException(FAILED, `Partition reassignment contains duplicate topic partitions: ${dupParts.join(',')}`);
  const dupReplicas = plan
    .map((p) => ({ k: tpKey(p.topic, p.partition), d: [...new Set(p.replicas.filter((r, i) => p.replicas.indexOf(r) !== i))] }))
    .filter((x) => x.d.length > 0);
  if (dupReplicas.length > 0) {
    throw new JavaException(FAILED, `Partition replica lists may not contain duplicate entries: ${dupReplicas.map((x) => `${x.k} contains multiple entries for ${x.d.join(',')}`).join('. ')}`);
  }
  return plan;
}

/** {"topics":[{"topic":"foo"}],"version":1}: the topic names. */
export function parseTopicsToMove(text: string): string[] {
  const js = parse(text);
  const raw = field(js, 'topics');
  const list = raw === undefined ? [] : need(raw, Array.isArray, 'topics') as unknown[];
  const topics = list.map((t) => need(field(t, 'topic'), isString, 'topic'));
  const dups = [...new Set(topics.filter((t, i) => topics.indexOf(t) !== i))];
  if (dups.length > 0) throw new JavaException(FAILED, `List of topics to reassign contains duplicate entries: ${dups.join(',')}`);
  return topics;
}

/** formatAsReassignmentJson. */
export function planJson(parts: readonly PlannedPartition[]): string {
  const items = [...parts].sort(compareTp).map((p) =>
    `{"topic":${JSON.stringify(p.topic)},"partition":${p.partition},"replicas":[${p.replicas.join(',')}],"log_dirs":[${p.logDirs.map((d) => JSON.stringify(d)).join(',')}]}`);
  return `{"version":1,"partitions":[${items.join(',')}]}`;
}
