// Kafka's own applications against the engine, as Kafka's quickstarts run them, with our tools:
// the Streams WordCount demo (kafka-streams-examples, at-least-once) counts the quickstart's lines
// exactly as the quickstart shows, and Connect standalone with the file source and sink
// (connect-file, JsonConverter with schemas) moves a file through a topic into another file.
// test/reference/streams-connect.test.ts compares both with the reference broker.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import { startInProcessEngine, runTool, tempDir, waitFor, TestEngine } from '../helpers/engine';
import {
  WORDCOUNT_APPLICATION_ID, WORDCOUNT_INPUT_TOPIC, WORDCOUNT_OUTPUT, wordCountQuickstart,
  CONNECT_INPUT, CONNECT_SINK_GROUP, CONNECT_TOPIC, CONNECT_TOPIC_VALUES, committedOffsets, connectConsumerArgs, printedRecords, readSink, startConnectQuickstart,
  type RunTool,
} from '../helpers/kafka-apps';

let engine: TestEngine;
const dirs: string[] = [];
const ours: RunTool = (tool, args, opts = {}) => runTool(tool, args, { input: opts.input, timeoutMs: opts.timeoutMs });

beforeAll(async () => { engine = await startInProcessEngine(); });
afterAll(async () => {
  await engine?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('Kafka Streams 4.4 (WordCountDemo) against the engine', () => {
  it('counts the quickstart\'s lines as the quickstart shows, and commits its input on close', async () => {
    const dir = tempDir('kl-streams-');
    dirs.push(dir);
    const run = await wordCountQuickstart(engine.bootstrap, ours, dir);
    try {
      expect(run.created.map((r) => r.code)).toEqual([0, 0]);
      expect({ code: run.produced.code, stderr: run.produced.stderr }).toEqual({ code: 0, stderr: '' });
      expect({ code: run.consumed.code, stdout: printedRecords(run.consumed.stdout) }).toEqual({ code: 0, stdout: WORDCOUNT_OUTPUT });
      expect(run.consumed.stderr).toContain('Processed a total of 11 messages');
    } finally {
      await run.app.stop();
    }
    // At-least-once: a clean close commits what was processed.
    expect((await committedOffsets(engine.bootstrap, WORDCOUNT_APPLICATION_ID))[`${WORDCOUNT_INPUT_TOPIC}-0`]).toBe(3);
    expect(run.app.stderr()).not.toMatch(/ ERROR /);
  }, 120000);
});

describe('Kafka Connect 4.4 standalone (FileStreamSource -> topic -> FileStreamSink) against the engine', () => {
  it('moves the quickstart\'s file through the topic into the sink file, then a line appended later', async () => {
    const dir = tempDir('kl-connect-');
    dirs.push(dir);
    const run = startConnectQuickstart(engine.bootstrap, dir);
    try {
      await waitFor(() => readSink(run) === CONNECT_INPUT || run.app.proc.exitCode !== null, 90000, 'the sink file');
      expect({ sink: readSink(run), exit: run.app.proc.exitCode }).toEqual({ sink: CONNECT_INPUT, exit: null });
      const c = await runTool('kafka-console-consumer', connectConsumerArgs(engine.bootstrap, 2));
      expect({ code: c.code, stdout: c.stdout }).toEqual({ code: 0, stdout: CONNECT_TOPIC_VALUES });
      fs.appendFileSync(run.source, 'Another line\n');
      await waitFor(() => readSink(run) === `${CONNECT_INPUT}Another line\n`, 30000, 'the appended line in the sink file');
    } finally {
      await run.app.stop();
    }
    // On stop the sink task commits its consumer offsets and the worker flushes source offsets.
    expect((await committedOffsets(engine.bootstrap, CONNECT_SINK_GROUP))[`${CONNECT_TOPIC}-0`]).toBe(3);
    expect(fs.readFileSync(run.offsets).length).toBeGreaterThan(0);
    expect(run.app.stderr()).not.toMatch(/ ERROR /);
  }, 150000);
});
