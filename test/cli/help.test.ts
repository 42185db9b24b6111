import { describe, expect, test } from 'vitest';
import { ExitError } from '../../src/cli/errors';
import { formatHelp, maybePrintHelpOrVersion, printUsageAndExit } from '../../src/cli/help';
import { CaptureIO } from '../../src/cli/io';
import { lineBreakSegments } from '../../src/cli/line-break';
import { commonOptions, parseOptions, type OptionSpec } from '../../src/cli/options';

const trimEnds = (s: string) => s.replace(/ +$/gm, '');

describe('line-break segments (java.text.BreakIterator line instance)', () => {
  test('breaks after spaces, dashes and sentence punctuation; keeps numbers whole', () => {
    expect(lineBreakSegments('REQUIRED unless --broker-list (deprecated) is specified.')).toEqual([
      'REQUIRED ',
      'unless ',
      '--',
      'broker-',
      'list ',
      '(deprecated) ',
      'is ',
      'specified.',
    ]);
    expect(lineBreakSegments('The server(s) in HOST1:PORT1,HOST2:PORT2.')).toEqual([
      'The ',
      'server',
      '(s) ',
      'in ',
      'HOST1:',
      'PORT1,',
      'HOST2:',
      'PORT2.',
    ]);
    expect(lineBreakSegments('java.text.SimpleDateFormat 1.5 -1 key=value a/b')).toEqual([
      'java.',
      'text.',
      'SimpleDateFormat ',
      '1.5 ',
      '-1 ',
      'key=value ',
      'a/b',
    ]);
    expect(lineBreakSegments("(default: 200) don't")).toEqual(['(default: ', '200) ', "don't"]);
  });
});

// Layout reference: a real Kafka 2.x kafka-consumer-perf-test/console-producer help excerpt
// (used only as a fixture for column and wrapping rules).
const layoutSpecs: OptionSpec[] = [
  { name: 'batch-size', arg: 'required', type: 'int', argName: 'size', defaultValue: 200,
    description: 'Number of messages to send in a single batch if they are not being sent synchronously.' },
  { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to',
    description: 'REQUIRED unless --broker-list (deprecated) is specified. The server(s) to connect to. The broker list string in the form HOST1:PORT1,HOST2:PORT2.' },
  { name: 'broker-list', arg: 'required', argName: 'broker-list',
    description: 'DEPRECATED, use --bootstrap-server instead; ignored if --bootstrap-server is specified.  The broker list string in the form HOST1:PORT1,HOST2:PORT2.' },
  { name: 'compression-codec', arg: 'optional', argName: 'compression-codec',
    description: "The compression codec: either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'. If specified without value, then it defaults to 'gzip'" },
  { name: 'consumer.config', arg: 'required', argName: 'config file', description: 'Consumer config properties file.' },
  { name: 'date-format', arg: 'required', argName: 'date format', defaultValue: 'yyyy-MM-dd HH:mm:ss:SSS',
    description: 'The date format to use for formatting the time field. See java.text.SimpleDateFormat for options.' },
];

const layoutExpected = `Option                                   Description
------                                   -----------
--batch-size <Integer: size>             Number of messages to send in a single
                                           batch if they are not being sent
                                           synchronously. (default: 200)
--bootstrap-server <String: server to    REQUIRED unless --broker-list
  connect to>                              (deprecated) is specified. The server
                                           (s) to connect to. The broker list
                                           string in the form HOST1:PORT1,HOST2:
                                           PORT2.
--broker-list <String: broker-list>      DEPRECATED, use --bootstrap-server
                                           instead; ignored if --bootstrap-
                                           server is specified.  The broker
                                           list string in the form HOST1:PORT1,
                                           HOST2:PORT2.
--compression-codec [String:             The compression codec: either 'none',
  compression-codec]                       'gzip', 'snappy', 'lz4', or 'zstd'.
                                           If specified without value, then it
                                           defaults to 'gzip'
--consumer.config <String: config file>  Consumer config properties file.
--date-format <String: date format>      The date format to use for formatting
                                           the time field. See java.text.
                                           SimpleDateFormat for options.
                                           (default: yyyy-MM-dd HH:mm:ss:SSS)
`;

describe('formatHelp', () => {
  test('matches jopt BuiltinHelpFormatter wrapping', () => {
    expect(trimEnds(formatHelp(layoutSpecs))).toBe(layoutExpected);
  });

  test('every line is padded to both full column widths', () => {
    const lines = formatHelp(layoutSpecs).split('\n');
    expect(lines.pop()).toBe('');
    // option column 39 + 2 + widest wrapped description (39, counting the 2-space indent)
    for (const l of lines) expect(l.length).toBe(80);
    expect(lines[0]).toBe(`Option${' '.repeat(33)}  Description${' '.repeat(28)}`);
  });

  test('rows are sorted by name regardless of declaration order', () => {
    const out = formatHelp([...layoutSpecs].reverse());
    expect(trimEnds(out)).toBe(layoutExpected);
  });

  test('narrow tables, flags, optional args, types, defaults, hidden options', () => {
    const s: OptionSpec[] = [
      ...commonOptions(),
      { name: 'zeta', arg: 'none', description: 'Z.' },
      { name: 'alpha', arg: 'required', type: 'long', description: 'A.', defaultValue: -1 },
      { name: 'ratio', arg: 'optional', type: 'double', description: 'R.', defaultValue: 1 },
      { name: 'list', arg: 'required', description: 'L.', defaultValue: ['a', 'b'] },
      { name: 'secret', arg: 'none', description: 'S.', hidden: true },
      { name: 'x', arg: 'required', description: '', argName: 'String: thing' },
    ];
    expect(formatHelp(s)).toBe(
      [
        'Option              Description                                       ',
        '------              -----------                                       ',
        '--alpha <Long>      A. (default: -1)                                  ',
        '--help              Show this help text and exit.                     ',
        '--list <String>     L. (default: [a, b])                              ',
        '--ratio [Double]    R. (default: 1.0)                                 ',
        '--version           Show the Kafka version this tool follows and exit.',
        '-x <String: thing>                                                    ',
        '--zeta              Z.                                                ',
        '',
      ].join('\n'),
    );
  });

  test('required options get the * marker and header', () => {
    const out = formatHelp([{ name: 'topic', arg: 'required', required: true, argName: 'topic', description: 'The topic.' }]);
    expect(out).toBe(
      [
        'Option (* = required)      Description',
        '---------------------      -----------',
        '* --topic <String: topic>  The topic. ',
        '',
      ].join('\n'),
    );
  });

  test('aliases are hidden unless asked for', () => {
    const base: OptionSpec = { name: 'include', arg: 'required', argName: 'regex', description: 'Topics.', aliases: ['whitelist'] };
    expect(trimEnds(formatHelp([base]))).toContain('--include <String: regex>  Topics.');
    expect(trimEnds(formatHelp([{ ...base, helpShowsAliases: true }]))).toContain('--include, --whitelist <String: regex>  Topics.');
  });

  test('explicit newlines start unindented lines; long words overflow', () => {
    const out = formatHelp([
      { name: 'property', arg: 'required', argName: 'prop', description: 'Properties:\n\tprint.key=true|false\n\tprint.value=true|false' },
      { name: 'w', arg: 'none', description: `${'x'.repeat(60)} end` },
    ]);
    expect(trimEnds(out)).toBe(
      [
        'Option                     Description',
        '------                     -----------',
        '--property <String: prop>  Properties:',
        '                           \tprint.key=true|false',
        '                           \tprint.value=true|false',
        // jopt quirk: a word wider than the column yields an empty first line
        '-w',
        `                             ${'x'.repeat(60)}`,
        '                             end',
        '',
      ].join('\n'),
    );
  });
});

describe('printUsageAndExit / maybePrintHelpOrVersion', () => {
  const s: OptionSpec[] = [...commonOptions(), { name: 'topic', arg: 'required', description: 'The topic.' }];

  test('message and help on stderr, exit 1', () => {
    const io = new CaptureIO();
    let code = -1;
    try {
      printUsageAndExit(io, 'Missing required argument "[topic]"', s);
    } catch (e) {
      expect(e).toBeInstanceOf(ExitError);
      code = (e as ExitError).code;
    }
    expect(code).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe(`Missing required argument "[topic]"\n${formatHelp(s)}`);
  });

  test('no arguments or --help -> usage (exit 1); --version -> stdout (exit 0)', () => {
    const run = (argv: string[]) => {
      const io = new CaptureIO();
      try {
        maybePrintHelpOrVersion(parseOptions(s, argv), io, 'This tool does things.', '4.0.0');
        return { code: null, io };
      } catch (e) {
        return { code: (e as ExitError).code, io };
      }
    };
    let r = run([]);
    expect(r.code).toBe(1);
    expect(r.io.err.startsWith('This tool does things.\nOption ')).toBe(true);
    r = run(['--topic', 't', '--help']);
    expect(r.code).toBe(1);
    r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.io.out).toBe('4.0.0\n');
    expect(r.io.err).toBe('');
    r = run(['--topic', 't']);
    expect(r.code).toBeNull();
  });
});
