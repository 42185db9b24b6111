// The log cleaner against Kafka's (read with the console consumer): Kafka never cleans the active
// segment, which rolls on an append only past segment.bytes or segment.ms (from the segment's
// first batch). So a small compacted topic with the default 1 GiB / 7 days is never compacted,
// while a compaction tutorial's settings (segment.ms=100, min.cleanable.dirty.ratio=0.01,
// delete.retention.ms=100, then one more record to roll) clean all but the active segment, with
// an offset map built from the rolled segments only. The cleaner runs every log.cleaner.backoff.ms
// (15 s on both brokers), so the reads are re-run until they show a pass (a deadline, no sleeps).
import { literal, prepare, prepareIn, step, stepUntil, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const TUTORIAL = ['--config', 'cleanup.policy=compact', '--config', 'min.cleanable.dirty.ratio=0.01', '--config', 'segment.ms=100', '--config', 'delete.retention.ms=100'];

const create = (topic: string, ...configs: string[]): Step => prepare('kafka-topics', ...B, '--create', '--topic', topic, ...configs);
const produce = (topic: string, lines: string): Step =>
  prepareIn('kafka-console-producer', lines, ...B, '--topic', topic, '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=:');
const consumeArgs = (topic: string) => ['kafka-console-consumer', ...B, '--topic', topic, '--partition', '0', '--offset', 'earliest', '--timeout-ms', '3000',
  '--formatter-property', 'print.key=true', '--formatter-property', 'print.offset=true'] as const;
const consume = (topic: string): Step => step(...consumeArgs(topic));
/** Read until the cleaner has left `n` records (the last read is compared). */
const consumeUntil = (topic: string, n: number): Step => ({ ...stepUntil(literal(`Processed a total of ${n} messages`), ...consumeArgs(topic)), untilMs: 120000 });
/** A step between two producers, so that their batches' timestamps are well over 100 ms apart. */
const pause = (topic: string): Step => prepare('kafka-get-offsets', ...B, '--topic', topic);

export const logCleaner: Scenario[] = [
  {
    // Kafka 4.4: tutorial topic 1 k2 v2, 2 k1 v3, 3 k2 v4, 4 k1 v5 after the first roll; 3, 4, 5
    // after the second. The default topic keeps all five records.
    id: 'log-cleaner/compaction-active-segment',
    steps: [
      create('lc-default', '--config', 'cleanup.policy=compact'),
      create('lc-tutorial', ...TUTORIAL),
      produce('lc-default', 'k1:v1\nk2:v2\nk1:v3\n'),
      produce('lc-tutorial', 'k1:v1\nk2:v2\nk1:v3\n'),
      pause('lc-tutorial'),
      produce('lc-default', 'k2:v4\nk1:v5\n'),
      produce('lc-tutorial', 'k2:v4\nk1:v5\n'),
      consumeUntil('lc-tutorial', 4),
      pause('lc-tutorial'),
      produce('lc-tutorial', 'k3:v6\n'),
      consumeUntil('lc-tutorial', 3),
      // Cleaner passes went by: the default topic is still whole.
      consume('lc-default'),
    ],
  },
  {
    // Kafka 4.4: segment.bytes below 1 MiB is refused; internal.segment.bytes (accepted) rolls
    // small segments, and the last record's segment stays as it is.
    id: 'log-cleaner/compaction-small-segments',
    steps: [
      step('kafka-topics', ...B, '--create', '--topic', 'lc-bytes-refused', '--config', 'cleanup.policy=compact', '--config', 'segment.bytes=1000'),
      create('lc-bytes', '--config', 'cleanup.policy=compact', '--config', 'min.cleanable.dirty.ratio=0.01', '--config', 'internal.segment.bytes=120'),
      produce('lc-bytes', 'k1:v1\nk2:v2\nk1:v3\n'),
      produce('lc-bytes', 'k2:v4\nk1:v5\n'),
      produce('lc-bytes', 'k3:v6\n'),
      consumeUntil('lc-bytes', 3),
    ],
  },
];
