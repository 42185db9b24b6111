import { describe, expect, test } from 'vitest';
import {
  commonOptions,
  looksLikeAnOption,
  OptionException,
  parseJavaDouble,
  parseJavaInteger,
  parseOptions,
  type OptionSpec,
} from '../../src/cli/options';

const specs: OptionSpec[] = [
  ...commonOptions(),
  { name: 'bootstrap-server', arg: 'required', description: 'server', argName: 'server to connect to', aliases: ['broker-list'] },
  { name: 'topic', arg: 'required', description: 'topic', argName: 'topic' },
  { name: 'partitions', arg: 'required', type: 'int', description: 'n' },
  { name: 'offset', arg: 'required', type: 'long', description: 'o' },
  { name: 'ratio', arg: 'required', type: 'double', description: 'r' },
  { name: 'config', arg: 'required', multi: true, description: 'c' },
  { name: 'describe', arg: 'none', description: 'd' },
  { name: 'list', arg: 'none', description: 'l' },
  { name: 'state', arg: 'optional', description: 's' },
  { name: 'timeout', arg: 'optional', type: 'long', description: 't', defaultValue: 5000 },
  { name: 'max-messages', arg: 'required', type: 'int', description: 'm', defaultValue: 10 },
];

function err(argv: string[], s: OptionSpec[] = specs): string {
  try {
    parseOptions(s, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(OptionException);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('parseOptions', () => {
  test('space- and =-separated values', () => {
    const o = parseOptions(specs, ['--topic', 't1', '--bootstrap-server=localhost:9092', '--describe']);
    expect(o.has('topic')).toBe(true);
    expect(o.valueOf('topic')).toBe('t1');
    expect(o.valueOf('bootstrap-server')).toBe('localhost:9092');
    expect(o.has('describe')).toBe(true);
    expect(o.has('list')).toBe(false);
    expect(o.valueOf('list')).toBeUndefined();
  });

  test('=value keeps everything after the first =, and may be empty', () => {
    const o = parseOptions(specs, ['--config=a=b=c', '--topic=']);
    expect(o.valueOf('config')).toBe('a=b=c');
    expect(o.valueOf('topic')).toBe('');
  });

  test('a required argument takes the next token even if it looks like an option', () => {
    const o = parseOptions(specs, ['--topic', '--describe']);
    expect(o.valueOf('topic')).toBe('--describe');
    expect(o.has('describe')).toBe(false);
  });

  test('missing argument at the end', () => {
    expect(err(['--describe', '--topic'])).toBe('Option topic requires an argument');
    expect(err(['--bootstrap-server'])).toBe('Option bootstrap-server requires an argument');
  });

  test('unknown options, no abbreviations', () => {
    expect(err(['--zookeeper', 'localhost:2181'])).toBe('zookeeper is not a recognized option');
    expect(err(['--top', 'x'])).toBe('top is not a recognized option');
    expect(err(['--zookeeper=x'])).toBe('zookeeper is not a recognized option');
    const e = (() => {
      try {
        parseOptions(specs, ['--nope']);
      } catch (x) {
        return x as OptionException;
      }
    })()!;
    expect(e.option).toBe('nope');
    expect(e.toString()).toBe('joptsimple.UnrecognizedOptionException: nope is not a recognized option');
  });

  test('single-dash words: a declared name works, otherwise the first character is reported', () => {
    expect(parseOptions(specs, ['-topic', 'x']).valueOf('topic')).toBe('x');
    expect(parseOptions(specs, ['-topic=y']).valueOf('topic')).toBe('y');
    expect(err(['-daemon'])).toBe('d is not a recognized option');
    expect(err(['-x'])).toBe('x is not a recognized option');
  });

  test('single-character options and clusters', () => {
    const s: OptionSpec[] = [
      { name: 'a', arg: 'none', description: '' },
      { name: 'b', arg: 'none', description: '' },
      { name: 'o', arg: 'required', description: '' },
    ];
    const o = parseOptions(s, ['-ab', '-ofile']);
    expect(o.has('a') && o.has('b')).toBe(true);
    expect(o.valueOf('o')).toBe('file');
    expect(parseOptions(s, ['-abo', 'f2']).valueOf('o')).toBe('f2');
    expect(err(['-az'], s)).toBe('z is not a recognized option');
  });

  test('-- ends options; - and plain words are non-option arguments', () => {
    const o = parseOptions(specs, ['x', '--describe', '-', '--', '--list', 'y']);
    expect(o.nonOptionArguments).toEqual(['x', '-', '--list', 'y']);
    expect(o.has('describe')).toBe(true);
    expect(o.has('list')).toBe(false);
  });

  test('valueOf on a repeated option fails, valuesOf keeps all in order', () => {
    const o = parseOptions(specs, ['--topic', 'a', '--config', 'x=1', '--topic', 'b', '--config', 'y=2']);
    expect(() => o.valueOf('topic')).toThrow('Found multiple arguments for option topic, but you asked for only one');
    expect(o.valuesOf('topic')).toEqual(['a', 'b']);
    expect(o.valuesOf('config')).toEqual(['x=1', 'y=2']);
    expect(o.rawValuesOf('config')).toEqual(['x=1', 'y=2']);
  });

  test('typed values convert lazily with jopt messages', () => {
    const o = parseOptions(specs, ['--partitions', '3', '--offset', '-9223372036854775808', '--ratio', '1.5e2d']);
    expect(o.valueOf('partitions')).toBe(3);
    expect(o.valueOf('offset')).toBe(-9223372036854775808);
    expect(o.valueOf('ratio')).toBe(150);
    const bad = parseOptions(specs, ['--partitions', 'abc', '--offset', '9223372036854775808', '--ratio', 'x']);
    expect(bad.has('partitions')).toBe(true); // parsing itself succeeds
    expect(() => bad.valueOf('partitions')).toThrow("Cannot parse argument 'abc' of option partitions");
    expect(() => bad.valueOf('offset')).toThrow("Cannot parse argument '9223372036854775808' of option offset");
    expect(() => bad.valuesOf('ratio')).toThrow("Cannot parse argument 'x' of option ratio");
    expect(() => parseOptions(specs, ['--partitions', '2147483648']).valueOf('partitions')).toThrow(
      "Cannot parse argument '2147483648' of option partitions",
    );
    expect(() => parseOptions(specs, ['--partitions', ' 1']).valueOf('partitions')).toThrow(
      "Cannot parse argument ' 1' of option partitions",
    );
  });

  test('optional arguments take the next token only when it is not option-like', () => {
    let o = parseOptions(specs, ['--state', '--describe']);
    expect(o.has('state')).toBe(true);
    expect(o.valueOf('state')).toBeUndefined();
    expect(o.has('describe')).toBe(true);
    o = parseOptions(specs, ['--state', 'Stable', '--describe']);
    expect(o.valueOf('state')).toBe('Stable');
    o = parseOptions(specs, ['--state']);
    expect(o.has('state')).toBe(true);
    expect(o.hasArgument('state')).toBe(false);
    // numeric optional: a negative number is taken, a non-number is left as a non-option argument
    o = parseOptions(specs, ['--timeout', '-1']);
    expect(o.valueOf('timeout')).toBe(-1);
    o = parseOptions(specs, ['--timeout', 'abc']);
    expect(o.valueOf('timeout')).toBe(5000);
    expect(o.nonOptionArguments).toEqual(['abc']);
  });

  test('defaults', () => {
    const o = parseOptions(specs, ['--describe']);
    expect(o.has('max-messages')).toBe(false);
    expect(o.valueOf('max-messages')).toBe(10);
    expect(o.valuesOf('max-messages')).toEqual([10]);
    expect(o.valueOf('topic')).toBeUndefined();
    expect(o.valuesOf('topic')).toEqual([]);
  });

  test('flags ignore =value', () => {
    const o = parseOptions(specs, ['--describe=yes']);
    expect(o.has('describe')).toBe(true);
  });

  test('aliases merge under the canonical name and remember the spelling', () => {
    const o = parseOptions(specs, ['--broker-list', 'h:1']);
    expect(o.has('bootstrap-server')).toBe(true);
    expect(o.has('broker-list')).toBe(true);
    expect(o.valueOf('bootstrap-server')).toBe('h:1');
    expect(o.spelledAs('bootstrap-server')).toEqual(['broker-list']);
    const two = parseOptions(specs, ['--broker-list', 'h:1', '--bootstrap-server', 'h:2']);
    expect(() => two.valueOf('broker-list')).toThrow(
      'Found multiple arguments for option bootstrap-server, but you asked for only one',
    );
  });

  test('required options (jopt .required()) unless a help option is present', () => {
    const s: OptionSpec[] = [
      ...commonOptions(),
      { name: 'topic', arg: 'required', required: true, description: '' },
      { name: 'group', arg: 'required', required: true, description: '' },
    ];
    expect(err([], s)).toBe('Missing required option(s) [topic, group]');
    expect(err(['--topic', 't'], s)).toBe('Missing required option(s) [group]');
    expect(parseOptions(s, ['--help']).has('help')).toBe(true);
  });

  test('errors come in command-line order', () => {
    expect(err(['--nope', '--topic'])).toBe('nope is not a recognized option');
    expect(err(['--list', '--topic'])).toBe('Option topic requires an argument');
  });

  test('undeclared names are programming errors', () => {
    const o = parseOptions(specs, []);
    expect(() => o.has('zookeeper')).toThrow(/not declared/);
    expect(o.args).toEqual([]);
  });

  test('declaration errors', () => {
    expect(() => parseOptions([{ name: 'a', arg: 'none', description: '' }, { name: 'a', arg: 'none', description: '' }], [])).toThrow(
      /declared twice/,
    );
    expect(() => parseOptions([{ name: '-a', arg: 'none', description: '' }], [])).toThrow(/illegal/);
  });
});

describe('conversions', () => {
  test('Java integers', () => {
    expect(parseJavaInteger('+7', 32)).toBe(7);
    expect(parseJavaInteger('-2147483648', 32)).toBe(-2147483648);
    expect(parseJavaInteger('-2147483649', 32)).toBeUndefined();
    expect(parseJavaInteger('1_000', 32)).toBeUndefined();
    expect(parseJavaInteger('0x10', 64)).toBeUndefined();
    expect(parseJavaInteger('', 64)).toBeUndefined();
    expect(parseJavaInteger('9223372036854775807', 64)).toBe(9223372036854775807);
  });

  test('Java doubles', () => {
    expect(parseJavaDouble(' 1.5 ')).toBe(1.5);
    expect(parseJavaDouble('1.')).toBe(1);
    expect(parseJavaDouble('.5f')).toBe(0.5);
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(parseJavaDouble('NaN')).toBeNaN();
    expect(parseJavaDouble('0x1.8p1')).toBe(3);
    expect(parseJavaDouble('1e')).toBeUndefined();
    expect(parseJavaDouble('abc')).toBeUndefined();
    expect(parseJavaDouble('')).toBeUndefined();
  });

  test('looksLikeAnOption', () => {
    expect(looksLikeAnOption('--x')).toBe(true);
    expect(looksLikeAnOption('-x')).toBe(true);
    expect(looksLikeAnOption('--')).toBe(true);
    expect(looksLikeAnOption('-')).toBe(false);
    expect(looksLikeAnOption('x')).toBe(false);
  });
});
