// DeleteRecordsCommand's --offset-json-file format and its checks, with Kafka's messages:
//   {"partitions": [{"topic": "t", "partition": 0, "offset": 3}], "version": 1}
// `version` is optional (1 is the only one); offset -1 means "up to the high watermark".
// Type errors are Kafka's DecodeJson/JsonObject JsonMappingException texts.
import { JavaException } from '../../cli/errors';
import { javaHashSetOrder, javaTopicPartitionHashCode } from '../../util/java-hash';

const JSON_MAPPING = 'com.fasterxml.jackson.databind.JsonMappingException';
// Kafka 4.x moved these two into the tools module.
const ADMIN_OPERATION = 'org.apache.kafka.tools.AdminOperationException';
const ADMIN_COMMAND_FAILED = 'org.apache.kafka.tools.AdminCommandFailedException';

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** Jackson's JsonNode.toString(): compact JSON. */
function node(v: unknown): string {
  return JSON.stringify(v);
}

function expected(type: string, v: unknown): JavaException {
  return new JavaException(JSON_MAPPING, `Expected \`${type}\` value, received ${node(v)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asObject(v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new JavaException(JSON_MAPPING, `Expected JSON object, received ${node(v)}`);
  return v;
}

function field(o: Record<string, unknown>, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, name)) throw new JavaException(JSON_MAPPING, `No such field exists: \`${name}\``);
  return o[name];
}

function toInt(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
  throw expected('Integer', v);
}

function toLong(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 9223372036854775807) return v;
  throw expected('Long', v);
}

function toStr(v: unknown): string {
  if (typeof v === 'string') return v;
  throw expected('String', v);
}


/**
 * Parse and validate the file's text; the partitions come back in the order Kafka iterates them
 * (a HashMap<TopicPartition, ...>), which decides the order of the duplicates it names.
 */
export function parseOffsetJson(text: string): PartitionOffset[] {
  let js: unknown;
  try {
    js = JSON.parse(text);
  } catch {
    throw new JavaException(ADMIN_OPERATION, 'The input string is not a valid JSON');
  }
  const top = asObject(js);
  const version = Object.prototype.hasOwnProperty.call(top, 'version') ? toInt(top.version) : 1;
  if (version !== 1) throw new JavaException(ADMIN_OPERATION, `Not supported version field value ${version}`);
  if (!Object.prototype.hasOwnProperty.call(top, 'partitions')) throw new JavaException(ADMIN_OPERATION, 'Missing partitions field');
  const partitions = top.partitions;
  if (!Array.isArray(partitions)) throw new JavaException(JSON_MAPPING, `Expected JSON array, received ${node(partitions)}`);
  const seen = new Map<string, { p: PartitionOffset; count: number }>();
  for (const item of partitions) {
    const o = asObject(item);
    const topic = toStr(field(o, 'topic'));
    const partition = toInt(field(o, 'partition'));
    const offset = toLong(field(o, 'offset'));
    const key = `${topic}-${partition}`;
    const prev = seen.get(key);
    if (prev) prev.count++;
    else seen.set(key, { p: { topic, partition, offset }, count: 1 });
  }
  const ordered = javaHashSetOrder([...seen.values()], (e) => javaTopicPartitionHashCode(e.p.topic, e.p.partition), 'incremental');
  const duplicates = ordered.filter((e) => e.count > 1);
  if (duplicates.length > 0) {
    const names = javaHashSetOrder(duplicates, (e) => javaTopicPartitionHashCode(e.p.topic, e.p.partition), 'incremental')
      .map((e) => `${e.p.topic}-${e.p.partition}`).join(',');
    throw new JavaException(ADMIN_COMMAND_FAILED, `Offset json file contains duplicate topic partitions: ${names}`);
  }
  return ordered.map((e) => e.p);
}
