import { describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  define,
  formatConfigValue,
  javaDoubleToString,
  javaTrim,
  parseConfigValue,
  parseJavaDouble,
  parseType,
  atLeast,
  between,
  validList,
  validString,
  caseInsensitiveValidString,
  type ConfigDef,
} from '../../src/config/types';
import { topicConfigDef } from '../../src/config/topic-configs';
import { brokerConfigDef } from '../../src/config/broker-configs';
import { metadataVersionFromString, metadataVersionValidator } from '../../src/config/kafka-validators';

function topicDef(name: string): ConfigDef {
  const d = topicConfigDef(name);
  if (!d) throw new Error(name);
  return d;
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('parseType / parseConfigValue messages', () => {
  it('numbers', () => {
    expect(messageOf(() => parseConfigValue(topicDef('min.insync.replicas'), 'abc'))).toBe(
      'Invalid value abc for configuration min.insync.replicas: Not a number of type INT',
    );
    expect(messageOf(() => parseConfigValue(topicDef('retention.ms'), '1.5'))).toBe(
      'Invalid value 1.5 for configuration retention.ms: Not a number of type LONG',
    );
    expect(messageOf(() => parseConfigValue(topicDef('min.cleanable.dirty.ratio'), 'half'))).toBe(
      'Invalid value half for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE',
    );
    const rf = brokerConfigDef('offsets.topic.replication.factor') as ConfigDef;
    expect(messageOf(() => parseConfigValue(rf, '40000'))).toBe(
      'Invalid value 40000 for configuration offsets.topic.replication.factor: Not a number of type SHORT',
    );
    // INT overflow is a NumberFormatException too
    expect(messageOf(() => parseConfigValue(topicDef('segment.bytes'), '2147483648'))).toBe(
      'Invalid value 2147483648 for configuration segment.bytes: Not a number of type INT',
    );
    // The raw (untrimmed) value is shown
    expect(messageOf(() => parseConfigValue(topicDef('segment.bytes'), ' x '))).toBe(
      'Invalid value  x  for configuration segment.bytes: Not a number of type INT',
    );
    expect(messageOf(() => parseConfigValue(topicDef('segment.bytes'), ''))).toBe(
      'Invalid value  for configuration segment.bytes: Not a number of type INT',
    );
  });

  it('accepts what Java accepts', () => {
    expect(parseConfigValue(topicDef('min.insync.replicas'), ' +2 ')).toBe(2);
    expect(parseConfigValue(topicDef('retention.ms'), '9223372036854775807')).toBe(9223372036854775807n);
    expect(parseConfigValue(topicDef('retention.ms'), '-1')).toBe(-1n);
    expect(parseConfigValue(topicDef('min.cleanable.dirty.ratio'), '.25')).toBe(0.25);
    expect(parseConfigValue(topicDef('min.cleanable.dirty.ratio'), '5e-1')).toBe(0.5);
    expect(parseConfigValue(topicDef('min.cleanable.dirty.ratio'), '0.5d')).toBe(0.5);
    expect(parseJavaDouble('0x1p-1')).toBe(0.5);
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(parseJavaDouble('1e')).toBeNull();
    expect(parseJavaDouble('.')).toBeNull();
  });

  it('booleans', () => {
    expect(parseConfigValue(topicDef('preallocate'), 'TRUE')).toBe(true);
    expect(parseConfigValue(topicDef('preallocate'), ' false ')).toBe(false);
    expect(messageOf(() => parseConfigValue(topicDef('preallocate'), 'yes'))).toBe(
      'Invalid value yes for configuration preallocate: Expected value to be either true or false',
    );
  });

  it('cleanup.policy is a LIST checked element by element (ValidList)', () => {
    expect(parseConfigValue(topicDef('cleanup.policy'), 'compact , delete')).toEqual(['compact', 'delete']);
    expect(parseConfigValue(topicDef('cleanup.policy'), '')).toEqual([]);
    expect(messageOf(() => parseConfigValue(topicDef('cleanup.policy'), 'foo'))).toBe(
      'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete',
    );
    expect(messageOf(() => parseConfigValue(topicDef('cleanup.policy'), 'compact,Delete'))).toBe(
      'Invalid value Delete for configuration cleanup.policy: String must be one of: compact, delete',
    );
    expect(messageOf(() => parseConfigValue(topicDef('cleanup.policy'), 'compact,'))).toBe(
      'Invalid value  for configuration cleanup.policy: String must be one of: compact, delete',
    );
  });

  it('ValidString', () => {
    expect(messageOf(() => parseConfigValue(topicDef('message.timestamp.type'), 'createtime'))).toBe(
      'Invalid value createtime for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime',
    );
    expect(messageOf(() => parseConfigValue(topicDef('compression.type'), ' GZIP '))).toBe(
      'Invalid value GZIP for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer',
    );
    expect(parseConfigValue(topicDef('compression.type'), 'zstd')).toBe('zstd');
  });

  it('Range', () => {
    expect(messageOf(() => parseConfigValue(topicDef('min.insync.replicas'), '0'))).toBe(
      'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1',
    );
    expect(messageOf(() => parseConfigValue(topicDef('segment.bytes'), '13'))).toBe(
      'Invalid value 13 for configuration segment.bytes: Value must be at least 1048576',
    );
    expect(messageOf(() => parseConfigValue(topicDef('retention.ms'), '-2'))).toBe(
      'Invalid value -2 for configuration retention.ms: Value must be at least -1',
    );
    expect(messageOf(() => parseConfigValue(topicDef('min.cleanable.dirty.ratio'), '2'))).toBe(
      'Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1',
    );
    expect(messageOf(() => parseConfigValue(topicDef('compression.zstd.level'), '23'))).toBe(
      'Invalid value 23 for configuration compression.zstd.level: Value must be no more than 22',
    );
    expect(messageOf(() => parseConfigValue(topicDef('compression.gzip.level'), '0'))).toBe(
      'Invalid value 0 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1',
    );
    expect(parseConfigValue(topicDef('compression.gzip.level'), '-1')).toBe(-1);
  });

  it('MetadataVersionValidator (message.format.version, a topic config until Kafka 4)', () => {
    const mfv = define('message.format.version', 'string', '3.0-IV1', metadataVersionValidator());
    expect(messageOf(() => parseConfigValue(mfv, '9.9'))).toBe(
      'Invalid value 9.9 for configuration message.format.version: Version 9.9 is not a valid version',
    );
    expect(parseConfigValue(mfv, '2.8')).toBe('2.8');
    expect(metadataVersionFromString('2.8')).toBe('2.8-IV1');
    expect(metadataVersionFromString('3.0')).toBe('3.0-IV1');
    expect(metadataVersionFromString('0.10.0.1')).toBe('0.10.0-IV1');
    expect(metadataVersionFromString('3.9.0')).toBe('3.9-IV0');
    expect(metadataVersionFromString('4.0')).toBeNull(); // not production in 3.9
    expect(metadataVersionFromString('4.0-IV1')).toBe('4.0-IV1');
    expect(metadataVersionFromString('3.0.')).toBeNull();
  });

  it('throttled replicas lists', () => {
    const d = topicDef('leader.replication.throttled.replicas');
    expect(parseConfigValue(d, '*')).toEqual(['*']);
    expect(parseConfigValue(d, '0:1, 1:1')).toEqual(['0:1', '1:1']);
    expect(messageOf(() => parseConfigValue(d, 'x,0:1'))).toBe(
      "Invalid value [x, 0:1] for configuration leader.replication.throttled.replicas: leader.replication.throttled.replicas must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...",
    );
  });

  it('error kinds and codes', () => {
    try {
      parseConfigValue(topicDef('segment.bytes'), 'x');
    } catch (e) {
      const err = e as ConfigValidationError;
      expect(err.kind).toBe('ConfigException');
      expect(err.errorCode).toBe(40);
      expect(err.javaClass).toBe('org.apache.kafka.common.config.ConfigException');
      expect(err.configName).toBe('segment.bytes');
    }
  });
});

describe('helpers', () => {
  it('javaTrim strips only chars <= U+0020', () => {
    expect(javaTrim('\t a \n')).toBe('a');
    expect(javaTrim('\u00a0a')).toBe('\u00a0a');
  });

  it('javaDoubleToString', () => {
    expect(javaDoubleToString(0.5)).toBe('0.5');
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(0.9)).toBe('0.9');
    expect(javaDoubleToString(123.456)).toBe('123.456');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(2147483647)).toBe('2.147483647E9');
    expect(javaDoubleToString(Number.MAX_VALUE)).toBe('1.7976931348623157E308');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(NaN)).toBe('NaN');
  });

  it('formatConfigValue (ConfigDef.convertToString)', () => {
    expect(formatConfigValue(['compact', 'delete'], 'list')).toBe('compact,delete');
    expect(formatConfigValue([], 'list')).toBe('');
    expect(formatConfigValue(1, 'double')).toBe('1.0');
    expect(formatConfigValue(7, 'int')).toBe('7');
    expect(formatConfigValue(9223372036854775807n, 'long')).toBe('9223372036854775807');
    expect(formatConfigValue(true, 'boolean')).toBe('true');
    expect(formatConfigValue(null, 'long')).toBeNull();
  });

  it('parseType list splitting keeps empty elements like Java split(-1)', () => {
    expect(parseType('x', ' a ,b,,c ', 'list')).toEqual(['a', 'b', '', 'c']);
    expect(parseType('x', '  ', 'list')).toEqual([]);
  });

  it('generic validators', () => {
    const d = define('x', 'int', '5', between(1, 10));
    expect(messageOf(() => parseConfigValue(d, '11'))).toBe('Invalid value 11 for configuration x: Value must be no more than 10');
    expect(atLeast(3).text).toBe('[3,...]');
    expect(between(0, 1).text).toBe('[0,...,1]');
    expect(validString('a', 'b').text).toBe('[a, b]');
    expect(validList('compact', 'delete').text).toBe('[compact, delete]');
    const ci = define('p', 'string', 'disabled', caseInsensitiveValidString('bidirectional', 'upgrade', 'downgrade', 'disabled'));
    expect(parseConfigValue(ci, 'UpGrade')).toBe('UpGrade');
    expect(messageOf(() => parseConfigValue(ci, 'x'))).toMatch(/^Invalid value x for configuration p: String must be one of \(case insensitive\): /);
  });
});
