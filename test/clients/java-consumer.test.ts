// Kafka's Java consumer 4.4 (the reference client) against the engine, group.protocol=classic
// (its 4.x default; the engine does not serve the KIP-848 protocol yet). Two JVMs:
// test/clients/java/ConsumerChecks.java (manual assignment, seeks, offsetsForTimes, commits,
// auto.offset.reset, a rebalance listener, pattern subscription) and GroupChecks.java (two members
// splitting partitions with each assignor and rebalancing when one leaves; static membership).
// Each check asserts what it reads; here each is one test.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine } from '../helpers/engine';
import { runJava, parseChecks, checkOutcome, type ChecksOutput, type JavaResult } from '../helpers/java';

const CONSUMER_CHECKS = [
  'assign + seekToBeginning reads every partition in order',
  'beginningOffsets/endOffsets',
  'seek to an offset',
  'seekToEnd: position at the end, nothing to read until a new record',
  'offsetsForTimes',
  'commitSync with metadata, committed() reads it back',
  'a new consumer of the group starts at the committed offsets',
  'commitAsync: the callback sees the offsets, committed() agrees',
  'enable.auto.commit commits the position on close',
  'auto.offset.reset=latest starts at the end',
  'auto.offset.reset=none without a committed offset: NoOffsetForPartitionException',
  'an offset out of range resets by auto.offset.reset=earliest',
  'a rebalance listener sees assign on join and revoke on unsubscribe',
  'pattern subscription picks up a new matching topic',
];

const GROUP_CHECKS = [
  ...['range', 'roundrobin', 'sticky', 'cooperative-sticky'].map((a) => `${a}: two members split four partitions, one takes all when the other leaves`),
  'static membership: a restarted member gets its partitions back without a rebalance',
];

let engine: TestEngine;
let consumerRun: JavaResult;
let groupRun: JavaResult;
let consumer: ChecksOutput;
let groups: ChecksOutput;

beforeAll(async () => {
  engine = await startInProcessEngine();
  [consumerRun, groupRun] = await Promise.all([
    runJava('ConsumerChecks', [engine.bootstrap, 'jc']),
    runJava('GroupChecks', [engine.bootstrap, 'jg']),
  ]);
  consumer = parseChecks(consumerRun.stdout);
  groups = parseChecks(groupRun.stdout);
}, 240000);
afterAll(async () => { await engine?.stop(); });

describe('Kafka\'s Java consumer (kafka-clients 4.4.0, classic protocol) against the engine', () => {
  it.each(CONSUMER_CHECKS)('%s', (name) => {
    expect(checkOutcome(consumer, name, consumerRun.stderr)).toBe('ok');
  });

  it.each(GROUP_CHECKS)('group: %s', (name) => {
    expect(checkOutcome(groups, name, groupRun.stderr)).toBe('ok');
  });

  it('ran exactly the checks listed here, and exited 0', () => {
    expect([...consumer.checks.keys()]).toEqual(CONSUMER_CHECKS);
    expect([...groups.checks.keys()]).toEqual(GROUP_CHECKS);
    expect([consumerRun.code, groupRun.code]).toEqual([0, 0]);
  });
});
