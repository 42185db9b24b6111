// kafka-local status without a cluster: the table layouts (cli-table3 for small tables on a
// terminal, laid out by hand for long ones and plain text) print the same text; colour adds
// nothing but colour codes; --topic/--group match whole names as Java's Pattern.matches does
// (kafka-topics' --topic); a --watch frame taller than the terminal is cut, keeping the changes
// and the cluster section on the screen.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fitFrame, MAX_CHANGES } from '../../src/tools/status/fit-frame';
import { wholeNameMatcher } from '../../src/tools/status/gather';
import type { StatusDocument } from '../../src/tools/status/model';
import { parseStatusOptions } from '../../src/tools/status/options';
import { paintFor } from '../../src/tools/status/paint';
import { renderTables, table } from '../../src/tools/status/render-table';

const colour = paintFor(true);
const plain = paintFor(false);

/** A cluster of `topics` one-partition topics, every tenth under-replicated, and two groups. */
function documentOf(topics: number): StatusDocument {
  const name = (i: number) => `topic-${String(i).padStart(4, '0')}`;
  return {
    version: 1,
    cluster: {
      clusterId: 'abcdefghijklmnopqrstuv', controller: 1,
      brokers: [
        { id: 1, host: '127.0.0.1', port: 9092, rack: 'rack-a', alive: true, partitionsLed: topics },
        { id: 2, host: null, port: null, rack: null, alive: false, partitionsLed: 0 },
      ],
    },
    topics: Array.from({ length: topics }, (_, i) => ({
      name: name(i), topicId: null, internal: false, partitionCount: 1, replicationFactor: 2, minInsyncReplicas: 1,
      configs: i % 7 === 0 ? { 'retention.ms': String(1000 * i) } : {}, records: i, sizeBytes: 70 * i,
      underReplicatedPartitions: i % 10 === 0 ? 1 : 0, underMinIsrPartitions: 0, leaderlessPartitions: 0,
      partitions: [{
        partition: 0, leader: 1, replicas: [1, 2], isr: i % 10 === 0 ? [1] : [1, 2], logStartOffset: 0, logEndOffset: i, records: i,
        sizeBytes: 70 * i, underReplicated: i % 10 === 0, underMinIsr: false, leaderless: false,
      }],
    })),
    groups: [
      {
        groupId: 'busy', state: 'PreparingRebalance', type: 'Classic', assignor: '', coordinator: 1, topics: [],
        members: [{ memberId: 'm-1', clientId: 'c', host: '/127.0.0.1', groupInstanceId: null, assignment: [{ topic: name(1), partitions: [0] }] }],
        totalLag: null, rebalancing: true, empty: false, error: null,
      },
      {
        groupId: 'idle', state: 'Empty', type: 'Classic', assignor: '', coordinator: 1, members: [],
        topics: [{ topic: name(2), partitions: [{ partition: 0, committedOffset: 0, logEndOffset: 2, lag: 2 }], lag: 2 }],
        totalLag: 2, rebalancing: false, empty: true, error: null,
      },
    ],
    warnings: [],
  };
}

describe('kafka-local status tables', () => {
  it('cli-table3 and the hand layout print the same coloured text', () => {
    const head = ['TOPIC', 'STATUS', 'CONFIGS'];
    const rows = [
      ['a', colour.green('ok'), '-'],
      ['a-much-longer-name', colour.red.bold('leaderless'), 'retention.ms=1'],
      ['b', colour.yellow('under-replicated'), colour.yellow('5')], // a coloured last column: trailing blanks cut after it
      ['c', '', ''], // empty cells at the end: the line ends at its last text
    ];
    const byCliTable = table(colour, head, rows, Infinity);
    expect(table(colour, head, rows, 0)).toBe(byCliTable);
    expect(stripVTControlCharacters(byCliTable)).toBe(table(plain, head, rows.map((r) => r.map((c) => stripVTControlCharacters(c)))));
    expect(byCliTable).toContain('\x1b[32mok\x1b[39m');
  });

  it('1,000 topics in colour (long tables laid out by hand, short ones by cli-table3) are the plain text with colour codes added', () => {
    const doc = documentOf(1000);
    const coloured = renderTables(doc, colour);
    expect(stripVTControlCharacters(coloured)).toBe(renderTables(doc, plain));
    expect(coloured).toContain('\x1b[33m1 under-replicated\x1b[39m');
    expect(coloured).toMatch(/busy   \x1b\[33mPreparingRebalance\x1b\[39m/);
    // (How long it takes is measured by bench/status.mjs, not here: a loaded machine makes any bound flaky.)
  });
});

describe('kafka-local status --topic and --group', () => {
  const matches = (pattern: string, names: string[]): string[] => {
    const o = parseStatusOptions(['--topic', pattern]);
    return names.filter(wholeNameMatcher(o.topic!));
  };

  it('match whole names, whichever alternative comes first', () => {
    expect(matches('orders|orders-dlq', ['orders', 'orders-dlq', 'orders-dlq2'])).toEqual(['orders', 'orders-dlq']);
    expect(matches('ab|abc', ['ab', 'abc', 'abcd'])).toEqual(['ab', 'abc']);
    expect(matches('ord', ['orders', 'ord'])).toEqual(['ord']);
    expect(matches('ord.*', ['orders', 'audit', 'xorders'])).toEqual(['orders']);
  });

  it('a regex of Java syntax is read as Java reads it, and a wrong one is a usage error', () => {
    expect(matches('\\Qa.b\\E', ['a.b', 'axb'])).toEqual(['a.b']); // Java's quoting
    expect(() => parseStatusOptions(['--group', '*x'])).toThrow(/--group is not a valid regular expression/);
  });

  it('a matcher built from an unanchored RegExp (another caller of gather) still matches whole names', () => {
    expect(['ab', 'abc', 'xabc'].filter(wholeNameMatcher(/ab|abc/g))).toEqual(['ab', 'abc']);
  });
});

describe('a --watch frame on a small terminal', () => {
  const parts = (changes: number, rest: number) => ({
    head: ['title', `Changes since the last frame (${changes}):`],
    changes: Array.from({ length: changes }, (_, i) => `  * change ${i}`),
    cluster: ['Cluster x', 'BROKER', '1'],
    rest: Array.from({ length: rest }, (_, i) => `rest ${i}`),
  });

  it('fits unchanged when it is short enough, and without a terminal size', () => {
    expect(fitFrame(parts(1, 2), 9)).toEqual(['title', 'Changes since the last frame (1):', '  * change 0', '', 'Cluster x', 'BROKER', '1', 'rest 0', 'rest 1']);
    expect(fitFrame(parts(1, 200))).toHaveLength(207);
    expect(fitFrame(parts(40, 0))).toContain(`  ... and ${40 - (MAX_CHANGES - 1)} more`);
  });

  it('keeps the changes and the cluster, and says how many lines of the rest are cut', () => {
    const lines = fitFrame(parts(2, 100), 12);
    expect(lines).toEqual([
      'title', 'Changes since the last frame (2):', '  * change 0', '  * change 1', '', 'Cluster x', 'BROKER', '1',
      'rest 0', 'rest 1', 'rest 2', '... 97 more lines (narrow with --topic/--group)',
    ]);
  });

  it('shortens a long list of changes to leave the cluster on the screen', () => {
    const lines = fitFrame(parts(20, 100), 12);
    expect(lines).toHaveLength(12);
    expect(lines).toEqual([
      'title', 'Changes since the last frame (20):', '  * change 0', '  * change 1', '  * change 2', '  * change 3', '  ... and 16 more',
      '', 'Cluster x', 'BROKER', '1', '... 100 more lines (narrow with --topic/--group)',
    ]);
  });

  it('counts a line wider than the terminal as the rows it wraps onto', () => {
    const p = parts(0, 10);
    p.rest[0] = `\x1b[33m${'x'.repeat(100)}\x1b[39m`; // 100 columns on a 40-column screen: 3 rows
    const lines = fitFrame(p, 11, 40);
    expect(lines.slice(6)).toEqual([p.rest[0], 'rest 1', '... 8 more lines (narrow with --topic/--group)']);
  });
});
