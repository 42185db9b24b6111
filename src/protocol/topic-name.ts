// Kafka's topic name rules (org.apache.kafka.common.internals.Topic): legal characters,
// length, and the '.'/'_' collision rule. The texts changed in 3.3; the seed-era (2.8) texts
// are kept for the --zookeeper mode of the tools.

export const MAX_TOPIC_NAME_LENGTH = 249;
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state', '__share_group_state']);

const LEGAL = /^[a-zA-Z0-9._-]+$/;

export type TextEra = 'modern' | 'zk28';

/** The reason a name is invalid, or undefined when it is valid. */
export function topicNameError(name: string, era: TextEra = 'modern'): string | undefined {
  if (era === 'zk28') {
    if (name.length === 0) return "Topic name is illegal, it can't be empty";
    if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
    if (name.length > MAX_TOPIC_NAME_LENGTH) {
      return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`;
    }
    if (!LEGAL.test(name)) {
      return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
    }
    return undefined;
  }
  if (name.length === 0) return 'Topic name is invalid: the empty string is not allowed';
  if (name === '.' || name === '..') return `Topic name is invalid: '${name}' is not allowed`;
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is invalid: the length of '${name}' is longer than the max allowed length ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (!LEGAL.test(name)) {
    return `Topic name is invalid: '${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return undefined;
}

export function hasCollisionChars(name: string): boolean {
  return name.includes('.') || name.includes('_');
}

/** Names that would collide in metric names: equal after mapping '.' to '_'. */
export function unifyCollisionChars(name: string): string {
  return name.replace(/\./g, '_');
}

export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}
