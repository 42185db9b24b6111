// kafka-reassign-partitions (Kafka 4.4's ReassignPartitionsCommand) against an engine of this
// file's own: on one broker the only target is [1], a reassignment to it completes at once, and
// kafkajs (a client we did not write) sees the same through AlterPartitionReassignments and
// ListPartitionReassignments.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { tempDir, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine } from '../helpers/tools';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const dir = tempDir('kl-reassign-');
const file = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

beforeAll(async () => {
  await createTopic(engine, 'rp', 2);
});

const plan = (r0 = '[1]') => `{"version":1,"partitions":[{"topic":"rp","partition":0,"replicas":${r0}},{"topic":"rp","partition":1,"replicas":[1]}]}`;

describe('kafka-reassign-partitions', () => {
  it('--generate: the current assignment with its log dirs, and a proposal over the live brokers listed', async () => {
    const t = file('t.json', '{"topics":[{"topic":"rp"}],"version":1}');
    const d = path.resolve(engine.dir);
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--generate', '--topics-to-move-json-file', t, '--broker-list', '1,2']), 0,
      'Current partition replica assignment\n'
      + `{"version":1,"partitions":[{"topic":"rp","partition":0,"replicas":[1],"log_dirs":["${d}"]},{"topic":"rp","partition":1,"replicas":[1],"log_dirs":["${d}"]}]}\n\n`
      + 'Proposed partition reassignment configuration\n'
      + '{"version":1,"partitions":[{"topic":"rp","partition":0,"replicas":[1],"log_dirs":["any"]},{"topic":"rp","partition":1,"replicas":[1],"log_dirs":["any"]}]}\n');
  });

  it('--execute (throttled), --verify, --list and --cancel', async () => {
    const p = file('p.json', plan());
    const d = path.resolve(engine.dir);
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', p, '--throttle', '50000000']), 0,
      `Current partition replica assignment\n\n{"version":1,"partitions":[{"topic":"rp","partition":0,"replicas":[1],"log_dirs":["${d}"]},{"topic":"rp","partition":1,"replicas":[1],"log_dirs":["${d}"]}]}\n\n`
      + 'Save this to use as the --reassignment-json-file option during rollback\n'
      + 'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n'
      + 'The inter-broker throttle limit was set to 50000000 B/s\n'
      + 'Successfully started partition reassignments for rp-0,rp-1\n');
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', p]), 0,
      'Status of partition reassignment:\nReassignment of partition rp-0 is completed.\nReassignment of partition rp-1 is completed.\n\n'
      + 'Clearing broker-level throttles on broker 1\nClearing topic-level throttles on topic rp\n');
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--list']), 0, 'No partition reassignments found.\n');
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--cancel', '--reassignment-json-file', p]), 0,
      'None of the specified partition reassignments are active.\nNone of the specified partition moves are active.'
      + 'Clearing broker-level throttles on broker 1\nClearing topic-level throttles on topic rp\n');
  });

  it('plans naming another broker or a replica twice fail before anything is sent', async () => {
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', file('o.json', plan('[2]'))]), 1,
      'Error: Unknown broker id 2\norg.apache.kafka.tools.AdminCommandFailedException: Unknown broker id 2\n\n');
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', file('d.json', plan('[1,1]'))]), 1,
      'Error: Partition replica lists may not contain duplicate entries: rp-0 contains multiple entries for 1\n'
      + 'org.apache.kafka.tools.AdminCommandFailedException: Partition replica lists may not contain duplicate entries: rp-0 contains multiple entries for 1\n\n');
  });

  it('the engine answers kafkajs: a reassignment to [1] succeeds, to [2] is refused, none is listed', async () => {
    const kafka = new Kafka({ brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.alterPartitionReassignments({ topics: [{ topic: 'rp', partitionAssignment: [{ partition: 0, replicas: [1] }] }] });
      const refused = await admin.alterPartitionReassignments({ topics: [{ topic: 'rp', partitionAssignment: [{ partition: 0, replicas: [2] }] }] })
        .then(() => undefined, (e: { errors?: unknown }) => e);
      expect(JSON.stringify((refused as { errors?: unknown })?.errors ?? refused)).toMatch(/INVALID_REPLICA_ASSIGNMENT|no such broker is registered/);
      const listed = await admin.listPartitionReassignments({});
      expect(listed.topics).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });

  it('usage problems as Kafka', async () => {
    const r = await runMasked('kafka-reassign-partitions', [...B, '--list', '--cancel']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Command must include exactly one action: --generate, --execute, --verify, --cancel, --list');
    expectRun(await runMasked('kafka-reassign-partitions', [...B, '--bogus']), 1, '',
      'Exception in thread "main" joptsimple.UnrecognizedOptionException: bogus is not a recognized option\n');
  });
});
