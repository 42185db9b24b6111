import { describe, expect, test } from 'vitest';
import { checkInvalidArgs, checkInvalidArgsSet, checkRequiredArgs, javaOptionSetOrder } from '../../src/cli/command-line-utils';
import { UsageError } from '../../src/cli/errors';
import { javaHashSetOrder, javaStringHashCode, javaStringListHashCode } from '../../src/util/java-hash';
import { joptSpecHashCode } from '../../src/cli/jopt-hash';
import { commonOptions, parseOptions, type OptionSpec } from '../../src/cli/options';

const specs: OptionSpec[] = [
  ...commonOptions(),
  { name: 'bootstrap-server', arg: 'required', description: '' },
  { name: 'topic', arg: 'required', description: '' },
  { name: 'partitions', arg: 'required', type: 'int', description: '' },
  { name: 'replication-factor', arg: 'required', type: 'int', description: '' },
  { name: 'config', arg: 'required', description: '' },
  { name: 'alter', arg: 'none', description: '' },
  { name: 'create', arg: 'none', description: '' },
  { name: 'list', arg: 'none', description: '' },
];

const HINT = ' (To alter topic configurations, the kafka-configs tool can be used.)';

function usage(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  return '';
}

describe('CommandLineUtils checks', () => {
  test('checkRequiredArgs', () => {
    const o = parseOptions(specs, ['--alter', '--topic', 't']);
    expect(usage(() => checkRequiredArgs(o, 'topic', 'partitions', 'replication-factor'))).toBe(
      'Missing required argument "[partitions]"',
    );
    expect(usage(() => checkRequiredArgs(o, 'topic'))).toBe('');
  });

  test('checkInvalidArgs', () => {
    const o = parseOptions(specs, ['--alter', '--replication-factor', '3', '--partitions', '2']);
    expect(usage(() => checkInvalidArgs(o, 'replication-factor', ['alter', 'list']))).toBe(
      'Option "[replication-factor]" can\'t be used with option "[alter]"',
    );
    expect(usage(() => checkInvalidArgs(o, 'config', ['alter']))).toBe(''); // used option absent
    expect(usage(() => checkInvalidArgs(o, 'partitions', ['list', 'create']))).toBe('');
  });

  test('checkInvalidArgsSet: Kafka 4.x text and HashSet order', () => {
    const argv = ['--bootstrap-server', 'h:9092', '--alter', '--topic', 't', '--config', 'a=b'];
    const o = parseOptions(specs, argv);
    const expected = `Option combination "[[bootstrap-server], [config]]" can't be used with option "[alter]"${HINT}`;
    expect(usage(() => checkInvalidArgsSet(o, ['bootstrap-server', 'config'], ['alter'], HINT))).toBe(expected);
    // order of the arguments does not matter: HashSet order decides
    expect(usage(() => checkInvalidArgsSet(o, ['config', 'bootstrap-server'], ['alter'], HINT))).toBe(expected);
    expect(usage(() => checkInvalidArgsSet(o, ['config', 'bootstrap-server'], ['alter']))).toBe(
      'Option combination "[[bootstrap-server], [config]]" can\'t be used with option "[alter]"',
    );
    const noConfig = parseOptions(specs, ['--bootstrap-server', 'h:9092', '--alter', '--topic', 't']);
    expect(usage(() => checkInvalidArgsSet(noConfig, ['bootstrap-server', 'config'], ['alter'], HINT))).toBe('');
  });
});

describe('Java hashing', () => {
  test('String and List hash codes', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('hello')).toBe(99162322);
    expect(javaStringHashCode('bootstrap-server')).toBe(-1097706622);
    expect(javaStringListHashCode(['bootstrap-server'])).toBe(-1097706591);
    expect(joptSpecHashCode(['state'], 'optional')).toBe(javaStringListHashCode(['state']) ^ 1);
  });

  test('HashSet order', () => {
    const h = (s: string) => javaStringHashCode(s);
    // Java: new HashSet<>(Arrays.asList("c", "b", "a")) iterates a, b, c (hash = char code)
    expect(javaHashSetOrder(['c', 'b', 'a'], h)).toEqual(['a', 'b', 'c']);
    // "q" (113) and "a" (97) share bucket 1 of 16: insertion order kept
    expect(javaHashSetOrder(['q', 'a'], h)).toEqual(['q', 'a']);
    expect(javaHashSetOrder(['a', 'q'], h)).toEqual(['a', 'q']);
    const o = parseOptions(specs, []);
    expect(javaOptionSetOrder(o, ['config', 'bootstrap-server', 'alter'])).toEqual(['bootstrap-server', 'alter', 'config']);
  });
});
