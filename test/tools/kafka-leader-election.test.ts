// kafka-leader-election (Kafka 4.4's LeaderElectionCommand) against an engine of this file's own.
// One broker leads every partition with its preferred (and only) replica, so elections are never
// needed; unknown partitions fail with the controller's texts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { tempDir, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine } from '../helpers/tools';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const dir = tempDir('kl-elect-');
const file = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

beforeAll(async () => {
  await createTopic(engine, 'le', 3);
});

const FAILED = 'org.apache.kafka.tools.AdminCommandFailedException';

describe('kafka-leader-election', () => {
  it('preferred and unclean elections are not needed on one broker', async () => {
    expectRun(await runMasked('kafka-leader-election', [...B, '--election-type', 'preferred', '--topic', 'le', '--partition', '1']), 0,
      'Valid replica already elected for partitions le-1\n');
    expectRun(await runMasked('kafka-leader-election', [...B, '--election-type', 'UNCLEAN', '--topic', 'le', '--partition', '0']), 0,
      'Valid replica already elected for partitions le-0\n');
    expectRun(await runMasked('kafka-leader-election', [...B, '--election-type', 'preferred', '--all-topic-partitions']), 0, '');
  });

  it('a JSON file names several partitions, printed in Kafka\'s HashSet order', async () => {
    const f = file('p.json', '{"partitions":[{"topic":"le","partition":0},{"topic":"le","partition":2},{"topic":"le","partition":1}]}');
    const r = await runMasked('kafka-leader-election', [...B, '--election-type', 'preferred', '--path-to-json-file', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Valid replica already elected for partitions (le-\d, ){2}le-\d\n$/);
  });

  it('unknown partitions fail with the controller\'s texts; the command fails as AdminCommandFailedException', async () => {
    expectRun(await runMasked('kafka-leader-election', [...B, '--election-type', 'preferred', '--topic', 'le', '--partition', '7']), 1,
      'Error completing leader election (PREFERRED) for partition: le-7: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: No such partition as le-7\n',
      `1 replica(s) could not be elected\n${FAILED}: 1 replica(s) could not be elected\n\n`);
    expectRun(await runMasked('kafka-leader-election', [...B, '--election-type', 'preferred', '--topic', 'le-none', '--partition', '0']), 1,
      'Error completing leader election (PREFERRED) for partition: le-none-0: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: No such topic as le-none\n',
      `1 replica(s) could not be elected\n${FAILED}: 1 replica(s) could not be elected\n\n`);
  });

  it('option and file problems with Kafka\'s texts', async () => {
    const fails = async (args: string[], message: string, cls = FAILED) =>
      expectRun(await runMasked('kafka-leader-election', args), 1, '', `${message}\n${cls}: ${message}\n\n`);
    await fails([...B, '--all-topic-partitions'], 'Missing required option(s): election-type');
    await fails([...B, '--election-type', 'preferred'], 'One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file');
    await fails([...B, '--election-type', 'preferred', '--topic', 'le'], 'Missing required option(s): partition');
    await fails([...B, '--election-type', 'random', '--all-topic-partitions'], "Cannot parse argument 'random' of option election-type", 'joptsimple.OptionArgumentConversionException');
    await fails([...B, '--election-type', 'preferred', '--path-to-json-file', file('bad.json', '{"partitions": [')], 'Replica election data is empty', 'org.apache.kafka.tools.AdminOperationException');
    await fails([...B, '--election-type', 'preferred', '--path-to-json-file', file('dup.json', '{"partitions":[{"topic":"le","partition":0},{"topic":"le","partition":0}]}')],
      'Replica election data contains duplicate partitions: [le-0]', 'org.apache.kafka.tools.AdminOperationException');
  });
});
