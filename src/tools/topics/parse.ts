// Argument values kafka-topics interprets itself: --replica-assignment, --config, --delete-config,
// --topic-id, with the exceptions (class and message) Kafka raises for bad input.

import { JavaException } from '../../cli/errors';
import { javaHashSetOrder } from '../../util/java-hash';
import { ConfigValidationError } from '../../config/types';
import { TOPIC_CONFIGS_REMOVED_IN_4, validateTopicConfigNames, validateTopicConfigs } from '../../config/topic-configs';
import type { Era } from './options';
import { javaTrim } from '../../util/java-lang';

/** Java's String.split(regex) with limit 0: trailing empty strings are dropped. */
export function javaSplit(s: string, re: RegExp | string): string[] {
  if (s === '') return [''];
  const parts = s.split(re);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}


/** Integer.parseInt, radix 10. */
export function javaParseInt(s: string): number {
  if (/^[+-]?\d+$/.test(s)) {
    const v = Number(s);
    if (v >= -2147483648 && v <= 2147483647) return v;
  }
  throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
}

function adminOperation(era: Era, message: string): JavaException {
  return new JavaException(era === 'zk28' ? 'kafka.admin.AdminOperationException' : 'org.apache.kafka.tools.AdminOperationException', message);
}

function adminCommandFailed(era: Era, message: string): JavaException {
  return new JavaException(era === 'zk28' ? 'kafka.common.AdminCommandFailedException' : 'org.apache.kafka.tools.AdminCommandFailedException', message);
}

export { adminOperation };

/**
 * TopicCommand.parseReplicaAssignment: `1:2,2:3` -> [[1,2],[2,3]] (partition i = index i).
 * Returns undefined for an empty value (Kafka's "not given"); only commas give [] (3.9 treats that
 * as not given too, 2.8 as an assignment of no partitions).
 */
export function parseReplicaAssignment(raw: string, era: Era): number[][] | undefined {
  if (raw === '') return undefined;
  const partitionList = javaSplit(raw, ',');
  const out: number[][] = [];
  for (let i = 0; i < partitionList.length; i++) {
    const brokers = javaSplit(partitionList[i], ':').map((s) => javaParseInt(javaTrim(s)));
    const counts = new Map<number, number>();
    for (const b of brokers) counts.set(b, (counts.get(b) ?? 0) + 1);
    const dups = javaHashSetOrder([...counts].filter(([, n]) => n > 1).map(([b]) => b), (b) => b, 'incremental');
    if (dups.length > 0) {
      throw adminCommandFailed(era, `Partition replica lists may not contain duplicate entries: ${dups.join(',')}`);
    }
    out.push(brokers);
    if (out[i].length !== out[0].length) {
      throw adminOperation(era, `Partition ${i} has different replication factor: [${brokers.join(', ')}]`);
    }
  }
  return out;
}

function configError(e: unknown): unknown {
  if (e instanceof ConfigValidationError) return new JavaException(e.javaClass, e.message);
  return e;
}

export interface ParsedConfigs {
  configs: Map<string, string>;
  /** The WARNING line to print (message.format.version given), if any. */
  warning?: string;
}

/**
 * TopicCommand.parseTopicConfigsToBeAdded: each value split on `\s*=\s*` into exactly two parts,
 * trimmed, later keys win; then LogConfig.validate.
 */
export function parseTopicConfigs(values: readonly string[], era: Era): ParsedConfigs {
  const pairs = values.map((s) => javaSplit(s, /\s*=\s*/));
  if (!pairs.every((p) => p.length === 2)) {
    throw new JavaException('java.lang.IllegalArgumentException', 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".');
  }
  const configs = new Map<string, string>();
  for (const [k, v] of pairs) configs.set(javaTrim(k), javaTrim(v));
  try {
    // 2.8 still knew the topic configs Kafka 4 removed: the (4.x) broker is the one to refuse them.
    validateTopicConfigs(era === 'zk28' ? new Map([...configs].filter(([k]) => !TOPIC_CONFIGS_REMOVED_IN_4.has(k))) : configs);
  } catch (e) {
    throw configError(e);
  }
  // 2.8 warned about message.format.version; Kafka 4 no longer knows that config.
  let warning: string | undefined;
  const mfv = configs.get('message.format.version');
  if (mfv !== undefined && era === 'zk28') {
    warning = `WARNING: The configuration message.format.version=${mfv} is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.`;
  }
  return { configs, warning };
}

/** TopicCommand 2.8's parseTopicConfigsToBeDeleted: trimmed names, validated by LogConfig.validateNames. */
export function parseTopicConfigsToDelete(values: readonly string[]): string[] {
  const names = values.map(javaTrim);
  try {
    validateTopicConfigNames(names);
  } catch (e) {
    throw configError(e);
  }
  return names;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Kafka's Uuid.fromString with java.util.Base64's URL decoder messages. */
export function uuidFromString(s: string): string {
  const illegal = (c: string) => new JavaException('java.lang.IllegalArgumentException', `Illegal base64 character ${(c.charCodeAt(0) & 0xff).toString(16)}`);
  if (s.length > 24) {
    throw new JavaException('java.lang.IllegalArgumentException', `Input string with prefix \`${s.slice(0, 24)}\` is too long to be decoded as a base64 UUID`);
  }
  let body = s;
  const pad = /=+$/.exec(s)?.[0].length ?? 0;
  if (pad > 0) body = s.slice(0, s.length - pad);
  for (const c of body) if (!B64URL.test(c)) throw illegal(c);
  const rem = body.length % 4;
  if (rem === 1) throw new JavaException('java.lang.IllegalArgumentException', 'Last unit does not have enough valid bits');
  if (pad > 0 && (rem === 0 || pad > 2 || (rem === 2 && pad === 1 && s.length % 4 !== 0) || (body.length + pad) % 4 !== 0)) {
    throw new JavaException('java.lang.IllegalArgumentException', 'Input byte array has wrong 4-byte ending unit');
  }
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== 16) {
    throw new JavaException(
      'java.lang.IllegalArgumentException',
      `Input string \`${s}\` decoded as ${bytes.length} bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID`,
    );
  }
  return bytes.toString('base64url');
}
