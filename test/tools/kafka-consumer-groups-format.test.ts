// kafka-consumer-groups without a broker: the text views on fixed data (widths, '-', the fixed
// 3.8–3.9 layouts), option validation transcripts (jopt rules, Kafka's messages, usage on stderr
// with exit 1), and the --to-datetime / --by-duration parsers.
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ROOT } from '../helpers/engine';
import { expectRun, runMasked } from '../helpers/tools';

/* eslint-disable @typescript-eslint/no-var-requires */
const F = require(path.join(ROOT, 'dist/tools/consumer-groups/format'));
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
const { consumerGroupSpecs } = require(path.join(ROOT, 'dist/tools/consumer-groups/options'));
const { parseDateTime, parseDuration } = require(path.join(ROOT, 'dist/tools/consumer-groups/time-parse'));
const { parseStates, parseTypes } = require(path.join(ROOT, 'dist/tools/consumer-groups/list'));
const { parseTopicWithPartitions } = require(path.join(ROOT, 'dist/tools/consumer-groups/reset-offsets'));
/* eslint-enable @typescript-eslint/no-var-requires */

const HELP = formatHelp(consumerGroupSpecs()) as string;
const p = (s: string, n: number) => s.padEnd(n);

describe('views on fixed data', () => {
  it('offsets table: minimum widths 15, "-" for missing values, a line per row', () => {
    const rows = [
      { group: 'g', topic: 't', partition: 0, offset: 5, logEndOffset: 7, lag: 2, consumerId: 'c-1', host: '/127.0.0.1', clientId: 'c' },
      { group: 'g', topic: 't', partition: 1, offset: null, logEndOffset: 3, lag: null, consumerId: '-', host: '-', clientId: '-' },
    ];
    const line = (v: string[]) => `${p(v[0], 15)} ${p(v[1], 15)} ${p(v[2], 10)} ${p(v[3], 15)} ${p(v[4], 15)} ${p(v[5], 15)} ${p(v[6], 15)} ${p(v[7], 15)} ${v[8]}\n`;
    expect(F.formatOffsetsTable(rows)).toBe('\n'
      + line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'])
      + line(['g', 't', '0', '5', '7', '2', 'c-1', '/127.0.0.1', 'c'])
      + line(['g', 't', '1', '-', '3', '-', '-', '-', '-']));
  });

  it('offsets table: GROUP, TOPIC, CONSUMER-ID and HOST grow with their longest value', () => {
    const id = 'consumer-a-very-long-group-1-6d9b1a6e-3f0e-4e1c-9a56-2c4b1f0e7d21';
    const rows = [{ group: 'a-very-long-group-name', topic: 'a-topic-with-a-long-name', partition: 12, offset: 1, logEndOffset: 1, lag: 0, consumerId: id, host: '/0000:0000:0000:0000:0000:0000:0000:0001', clientId: 'x' }];
    const out = F.formatOffsetsTable(rows) as string;
    const [, header, row] = out.split('\n');
    expect(header).toBe(`${p('GROUP', 22)} ${p('TOPIC', 24)} ${p('PARTITION', 10)} ${p('CURRENT-OFFSET', 15)} ${p('LOG-END-OFFSET', 15)} ${p('LAG', 15)} ${p('CONSUMER-ID', id.length)} ${p('HOST', 40)} CLIENT-ID`);
    expect(row).toBe(`a-very-long-group-name a-topic-with-a-long-name 12         1               1               0               ${id} /0000:0000:0000:0000:0000:0000:0000:0001 x`);
  });

  it('members table, with --verbose (topic(partitions), numerically sorted) and with GROUP-INSTANCE-ID', () => {
    const m = [
      { group: 'g', consumerId: 'c-1', host: '/127.0.0.1', clientId: 'c', groupInstanceId: '', numPartitions: 3, assignment: [{ topic: 'b', partition: 10 }, { topic: 'b', partition: 2 }, { topic: 'a', partition: 0 }] },
      { group: 'g', consumerId: 'c-2', host: '/127.0.0.1', clientId: 'c', groupInstanceId: '', numPartitions: 0, assignment: [] },
    ];
    const line = (v: string[]) => `${p(v[0], 15)} ${p(v[1], 15)} ${p(v[2], 15)} ${p(v[3], 15)} ${p(v[4], 15)} `;
    expect(F.formatMembersTable(m, false)).toBe('\n'
      + line(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']) + '\n'
      + line(['g', 'c-1', '/127.0.0.1', 'c', '3']) + '\n'
      + line(['g', 'c-2', '/127.0.0.1', 'c', '0']) + '\n');
    expect(F.formatMembersTable(m, true)).toBe('\n'
      + line(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']) + 'ASSIGNMENT\n'
      + line(['g', 'c-1', '/127.0.0.1', 'c', '3']) + 'a(0), b(2,10)\n'
      + line(['g', 'c-2', '/127.0.0.1', 'c', '0']) + '-\n');
    const withInstance = [{ ...m[1], groupInstanceId: 'inst-1' }];
    expect(F.formatMembersTable(withInstance, false)).toBe('\n'
      + `${p('GROUP', 15)} ${p('CONSUMER-ID', 15)} ${p('GROUP-INSTANCE-ID', 17)} ${p('HOST', 15)} ${p('CLIENT-ID', 15)} ${p('#PARTITIONS', 15)} \n`
      + `${p('g', 15)} ${p('c-2', 15)} ${p('inst-1', 17)} ${p('/127.0.0.1', 15)} ${p('c', 15)} ${p('0', 15)} \n`);
  });

  it('state table: COORDINATOR as host:port  (id) (two spaces, as 3.8+), GROUP as wide as it (min 25)', () => {
    const row = { group: 'g', coordinator: { host: 'localhost', port: 9092, id: 1 }, assignmentStrategy: 'range', state: 'Stable', numMembers: 2 };
    expect(F.formatStateTable(row)).toBe(
      `\n${p('GROUP', 25)} ${p('COORDINATOR (ID)', 25)} ${p('ASSIGNMENT-STRATEGY', 20)} ${p('STATE', 15)} #MEMBERS`
      + `\n${p('g', 25)} ${p('localhost:9092  (1)', 25)} ${p('range', 20)} ${p('Stable', 15)} 2\n`);
  });

  it('list views: plain ids; with --state / --type the GROUP column is max(15, longest) + 10 wide', () => {
    const rows = [{ groupId: 'g1', state: 'Stable', type: 'Classic' }, { groupId: 'a-group-with-a-long-id', state: 'Empty', type: 'Classic' }];
    expect(F.formatList(rows, false, false)).toBe('g1\na-group-with-a-long-id\n');
    expect(F.formatList(rows, false, true)).toBe(`${p('GROUP', 32)} ${p('STATE', 20)}\n${p('g1', 32)} ${p('Stable', 20)}\n${p('a-group-with-a-long-id', 32)} ${p('Empty', 20)}\n`);
    expect(F.formatList([rows[0]], true, true)).toBe(`${p('GROUP', 25)} ${p('TYPE', 20)} ${p('STATE', 20)}\n${p('g1', 25)} ${p('Classic', 20)} ${p('Stable', 20)}\n`);
    expect(F.formatList([], false, true)).toBe(`${p('GROUP', 25)} ${p('STATE', 20)}\n`);
  });

  it('reset table and CSV export', () => {
    const rows = [{ group: 'g', topic: 't', partition: 0, offset: 3 }, { group: 'g', topic: 't', partition: 1, offset: 0 }];
    const line = (v: string[]) => `\n${p(v[0], 30)} ${p(v[1], 30)} ${p(v[2], 10)} ${p(v[3], 15)}`;
    expect(F.formatResetTable(1, rows)).toBe(line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + line(['g', 't', '0', '3']) + line(['g', 't', '1', '0']) + '\n');
    expect(F.formatResetTable(1, [])).toBe(line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + '\n');
    expect(F.formatResetTable(0, [])).toBe('\n');
    expect(F.formatResetCsv(rows, false)).toBe('t,0,3\nt,1,0\n\n');
    expect(F.formatResetCsv(rows, true)).toBe('g,t,0,3\ng,t,1,0\n\n');
  });

  it('delete-offsets table: sorted by topic+partition, "Not Provided" for a failed topic', () => {
    const rows = [
      { topic: 't', partition: 1, error: undefined },
      { topic: 'nosuch', partition: -1, error: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.' },
      { topic: 't', partition: 0, error: undefined },
    ];
    const line = (v: string[]) => `\n${p(v[0], 30)} ${p(v[1], 15)} ${p(v[2], 15)}`;
    expect(F.formatDeleteOffsetsTable(rows)).toBe(line(['TOPIC', 'PARTITION', 'STATUS'])
      + line(['nosuch', 'Not Provided', 'Error: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.'])
      + line(['t', '0', 'Successful']) + line(['t', '1', 'Successful']) + '\n');
  });

  it('status lines before a group table', () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    expect(F.shouldPrintMemberState(io, 'g', 'Dead', 3)).toBe(false);
    expect(F.shouldPrintMemberState(io, 'g', 'Empty', 0)).toBe(false);
    expect(F.shouldPrintMemberState(io, 'g', 'Empty', 2)).toBe(true);
    expect(F.shouldPrintMemberState(io, 'g', 'PreparingRebalance', 1)).toBe(true);
    expect(F.shouldPrintMemberState(io, 'g', 'Stable', 1)).toBe(true);
    expect(out).toEqual(["\nError: Consumer group 'g' does not exist.\n"]);
    expect(err).toEqual([
      "\nConsumer group 'g' has no active members.\n", "\nConsumer group 'g' has no active members.\n",
      "\nWarning: Consumer group 'g' is rebalancing.\n",
    ]);
    expect(() => F.shouldPrintMemberState(io, 'g', 'Unknown', 1)).toThrow("Expected a valid consumer group state, but found 'Unknown'.");
  });
});

describe('value parsers', () => {
  it('--to-datetime: Kafka formats, UTC without a zone, strict ranges, Kafka\'s errors', () => {
    expect(parseDateTime('2024-10-25T10:15:30.123')).toBe(Date.UTC(2024, 9, 25, 10, 15, 30, 123));
    expect(parseDateTime('2024-10-25T10:15:30.123Z')).toBe(Date.UTC(2024, 9, 25, 10, 15, 30, 123));
    expect(parseDateTime('2024-10-25T10:15:30.123+02:00')).toBe(Date.UTC(2024, 9, 25, 8, 15, 30, 123));
    expect(parseDateTime('2024-10-25T10:15:30.000-0130')).toBe(Date.UTC(2024, 9, 25, 11, 45, 30, 0));
    expect(() => parseDateTime('2024-10-25 10:15:30.123')).toThrow("java.text.ParseException: Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
    expect(() => parseDateTime('2024-10-25T10:15:30')).toThrow('java.text.ParseException: Unparseable date: "2024-10-25T10:15:30Z"');
    expect(() => parseDateTime('2024-02-30T10:15:30.000')).toThrow('Unparseable date');
  });

  it('--by-duration: java.time.Duration.parse', () => {
    expect(parseDuration('PT1H')).toBe(3600000);
    expect(parseDuration('P1DT2H3M4.5S')).toBe(86400000 + 7200000 + 180000 + 4500);
    expect(parseDuration('pt10m')).toBe(600000);
    expect(parseDuration('-PT1S')).toBe(-1000);
    for (const bad of ['P', 'PT', '1H', 'PT1X', '']) expect(() => parseDuration(bad)).toThrow('Text cannot be parsed to a Duration');
  });

  it('--state and --type lists', () => {
    expect([...parseStates('stable,EMPTY, preparingrebalance')]).toEqual(['Stable', 'Empty', 'PreparingRebalance']);
    expect(() => parseStates('stable,bogus')).toThrow("Invalid state list 'stable,bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling");
    expect([...parseTypes('Classic,consumer')]).toEqual(['Classic', 'Consumer']);
    expect([...parseTypes('share')]).toEqual(['Share']);
    expect(() => parseTypes('classic,bogus')).toThrow("Invalid types list 'classic,bogus'. Valid types are: Consumer, Classic, Share");
  });

  it('--topic t:0,2', () => {
    expect(parseTopicWithPartitions('t:0,2')).toEqual([{ topic: 't', partition: 0 }, { topic: 't', partition: 2 }]);
    expect(() => parseTopicWithPartitions('t:0,x')).toThrow("Invalid partition 'x' specified in topic arg 't:0,x'");
    expect(() => parseTopicWithPartitions('t:')).toThrow("Invalid topic arg 't:', expected topic name and partitions");
    expect(() => parseTopicWithPartitions('t:1:2')).toThrow("Invalid topic arg 't:1:2', expected topic name and partitions");
  });
});

describe('option validation (no broker needed)', () => {
  const B = ['--bootstrap-server', '127.0.0.1:1'];
  const usage = async (args: string[], message: string, stderrBefore = '') => {
    expectRun(await runMasked('kafka-consumer-groups', args), 1, '', `${stderrBefore}${message}\n${HELP}`);
  };
  const escaped = async (args: string[], line: string) => {
    expectRun(await runMasked('kafka-consumer-groups', args), 1, '', `Exception in thread "main" ${line}\n`);
  };
  const HELP_MESSAGE = 'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.';
  const NO_EXECUTE = 'WARN: No action will be performed as the --execute option is missing. In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.\n';

  it('help, no arguments, version', async () => {
    await usage([], HELP_MESSAGE);
    await usage(['--help'], HELP_MESSAGE);
    expectRun(await runMasked('kafka-consumer-groups', ['--version']), 0, '4.4.0\n');
    expectRun(await runMasked('kafka-consumer-groups.sh', ['--version']), 0, '4.4.0\n');
  });

  it('jopt errors escape main as in Kafka (including --zookeeper, which this tool never had)', async () => {
    await escaped(['--zookeeper', 'localhost:2181', '--list'], 'joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option');
    await escaped([...B, '--group'], 'joptsimple.OptionMissingRequiredArgumentException: Option group requires an argument');
    await escaped([...B, '--members'], 'joptsimple.UnavailableOptionException: Option(s) [members] are unavailable given other options on the command line');
    await escaped([...B, '--list', '--members', '--verbose', '--offsets'], 'joptsimple.UnavailableOptionException: Option(s) [members, offsets, verbose] are unavailable given other options on the command line');
    await escaped([...B, '--describe', '--group', 'g', '--type'], 'joptsimple.UnavailableOptionException: Option(s) [type] are unavailable given other options on the command line');
  });

  it('argument checks: Kafka\'s messages, usage on stderr, exit 1', async () => {
    await usage(['--list'], 'Missing required argument "[bootstrap-server]"');
    await usage([...B], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets');
    await usage([...B, '--list', '--describe', '--all-groups'], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets');
    await usage([...B, '--describe'], 'Option [describe] takes one of these options: [all-groups], [group]');
    await usage([...B, '--describe', '--group', 'g', '--members', '--offsets'], 'Option [describe] takes at most one of these options: [members], [offsets], [state]');
    await usage([...B, '--describe', '--group', 'g', '--state', 'stable'], 'Option [describe] does not take a value for [state]');
    await usage([...B, '--delete'], 'Option [delete] takes one of these options: [all-groups], [group]');
    await usage([...B, '--delete', '--group', 'g', '--topic', 't'], 'The consumer does not support topic-specific offset deletion from a consumer group.');
    await usage([...B, '--delete-offsets', '--group', 'g'], 'Option [delete-offsets] takes the following options: [topic], [group]');
    await usage([...B, '--reset-offsets', '--group', 'g', '--dry-run', '--execute'], 'Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    await usage([...B, '--reset-offsets', '--to-earliest', '--execute'], 'Option [reset-offsets] takes one of these options: [all-groups], [group]');
    await usage([...B, '--reset-offsets', '--to-earliest'], 'Option [reset-offsets] takes one of these options: [all-groups], [group]', NO_EXECUTE);
    await usage([...B, '--reset-offsets', '--group', 'g', '--to-earliest', '--to-latest', '--dry-run'], 'Option "[to-earliest]" can\'t be used with option "[to-latest]"');
    await usage([...B, '--reset-offsets', '--group', 'g', '--to-offset', '1', '--shift-by', '1', '--dry-run'], 'Option "[to-offset]" can\'t be used with option "[shift-by]"');
    await usage([...B, '--list', '--group', 'g'], 'Option "[group]" can\'t be used with option "[list]"');
    await usage([...B, '--describe', '--group', 'g', '--all-groups'], 'Option "[group]" can\'t be used with option "[all-groups]"');
    await usage([...B, '--describe', '--group', 'g', '--topic', 't'], 'Option "[topic]" can\'t be used with option "[describe]"');
    await usage([...B, '--list', '--output', 'xml'], "Unknown --output format 'xml'; the only one is json.");
    await usage([...B, '--delete', '--group', 'g', '--output', 'json'], 'Option --output json can only be used with --list or --describe.');
  });
});
