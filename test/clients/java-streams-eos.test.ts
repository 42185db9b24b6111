// Kafka Streams 4.4's WordCountDemo with processing.guarantee=exactly_once_v2 against the engine:
// the app is killed with SIGKILL while it works through its input and started again on the same
// state directory (same process id, so the same transactional ids: the new instance fences the
// dead one and its open transaction is aborted). The counts a read_committed reader (kafkajs)
// sees at the end are exact: with at-least-once, the records processed but not committed before
// the kill would be counted twice (EOS_TEST_GUARANTEE=at_least_once runs the same test that way:
// it fails, "common counted 24498 > 24000" when this was written).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, tempDir, waitFor, TestEngine } from '../helpers/engine';
import { spawnJava, type JavaProcess } from '../helpers/java';
import { WORDCOUNT_INPUT_TOPIC, WORDCOUNT_MAIN, WORDCOUNT_OUTPUT_TOPIC } from '../helpers/kafka-apps';

let engine: TestEngine;
let kafka: Kafka;
let dir: string;
const apps: JavaProcess[] = [];

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' });
  kafka = new Kafka({ clientId: 'eos-test', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
  dir = tempDir('kl-streams-eos-');
});
afterAll(async () => {
  for (const a of apps) await a.stop(1000);
  await engine?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const FIRST = 20000;
const TOTAL = 24000;
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
/** Line i: "common w(i%5) w((i+1)%5)". */
const line = (i: number) => `common ${WORDS[i % 5]} ${WORDS[(i + 1) % 5]}`;

function expectedCounts(lines: number): Record<string, number> {
  const out: Record<string, number> = { common: lines };
  for (const w of WORDS) out[w] = 0;
  for (let i = 0; i < lines; i++) {
    out[WORDS[i % 5]] += 1;
    out[WORDS[(i + 1) % 5]] += 1;
  }
  return out;
}

/** Streams' ERROR lines, each with the line after it (where the cause is, e.g. the send error). */
function errorLines(log: string): string[] {
  const lines = log.split('\n');
  return lines.flatMap((l, i) => (/ ERROR /.test(l) ? [`${l}\n${lines[i + 1] ?? ''}`] : []));
}

function startApp(): JavaProcess {
  const config = path.join(dir, 'wordcount.properties');
  fs.writeFileSync(config, [
    `bootstrap.servers=${engine.bootstrap}`, `state.dir=${path.join(dir, 'state')}`,
    `processing.guarantee=${process.env.EOS_TEST_GUARANTEE ?? 'exactly_once_v2'}`, 'commit.interval.ms=200',
    // The killed instance leaves the group after its session timeout (Streams' default: 45 s).
    'session.timeout.ms=6000', 'heartbeat.interval.ms=1000',
  ].join('\n') + '\n');
  const app = spawnJava(WORDCOUNT_MAIN, [config], { cwd: dir });
  apps.push(app);
  return app;
}

describe('Kafka Streams 4.4 WordCountDemo, exactly_once_v2, across a kill -9', () => {
  it('gives exact counts', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [
      { topic: WORDCOUNT_INPUT_TOPIC, numPartitions: 1 },
      { topic: WORDCOUNT_OUTPUT_TOPIC, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ] });
    await admin.disconnect();

    // The latest count per word, as a read_committed consumer (kafkajs's default) sees them.
    const latest: Record<string, number> = {};
    let updates = 0;
    const reader = kafka.consumer({ groupId: 'eos-reader', maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: WORDCOUNT_OUTPUT_TOPIC, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => {
      latest[message.key!.toString()] = Number(message.value!.readBigInt64BE(0));
      updates += 1;
    } });

    const producer = kafka.producer();
    await producer.connect();
    const produce = async (from: number, to: number) => {
      for (let i = from; i < to; i += 500) {
        await producer.send({ topic: WORDCOUNT_INPUT_TOPIC, messages: Array.from({ length: Math.min(500, to - i) }, (_, k) => ({ value: line(i + k) })) });
      }
    };

    try {
      const first = startApp();
      await produce(0, FIRST);
      // Killed while it works through the input: some counts are committed, not all.
      await waitFor(() => (latest.common ?? 0) >= FIRST / 10 || first.proc.exitCode !== null, 90000, 'the first committed counts').catch((e) => {
        throw new Error(`${e.message}\n${first.stderr().slice(-6000)}`);
      });
      expect(first.proc.exitCode, first.stderr()).toBeNull();
      first.proc.kill('SIGKILL');
      await first.exited;
      // Up to the kill nothing failed: no send error (an OUT_OF_ORDER_SEQUENCE_NUMBER from the
      // engine once fenced the producer here now and then, TaskMigratedException).
      expect(errorLines(first.stderr()), first.stderr().slice(-8000)).toEqual([]);
      const cut = latest.common ?? 0;
      await produce(FIRST, TOTAL);
      const second = startApp();
      const expected = expectedCounts(TOTAL);
      await waitFor(() => {
        if (second.proc.exitCode !== null) throw new Error(`the app exited: ${second.stderr()}`);
        for (const [w, n] of Object.entries(expected)) if ((latest[w] ?? 0) > n) throw new Error(`${w} counted ${latest[w]} > ${n}`);
        return Object.entries(expected).every(([w, n]) => latest[w] === n);
      }, 120000, 'the exact counts');
      expect(latest).toEqual(expected);
      console.log(`streams eos: ${cut} of ${FIRST} lines counted (committed) at the kill; ${updates} updates read for ${TOTAL * 3} words`);
      // The only ERROR is Streams' own after an unclean exactly-once shutdown: the store had no
      // checkpoint, so the task is declared corrupted, wiped and restored from its changelog.
      const errors = errorLines(second.stderr()).filter((l) => !/TaskCorruptedException: Tasks \[1_0\] are corrupted/.test(l));
      expect(errors, second.stderr().slice(-8000)).toEqual([]);
    } finally {
      await producer.disconnect();
      await reader.disconnect();
    }
  }, 240000);
});
