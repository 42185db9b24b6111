// What the tools' transcript tests share: one engine per test file, bin/ tool runs with what
// varies between runs masked, one assertion on exit code + stdout + stderr, a tool left running
// in the background, and topics created through the client.
import * as path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROOT, mask, runTool, spawnTool, startInProcessEngine, type TestEngine } from './engine';

/**
 * An in-process engine for this test file: started before its tests, stopped after them.
 * `ready` gets it once it is up (to keep it and derive the arguments the tests use).
 */
export function useEngine(ready: (engine: TestEngine) => void, overrides: Record<string, string> = {}): void {
  let engine: TestEngine | undefined;
  beforeAll(async () => {
    engine = await startInProcessEngine(overrides);
    ready(engine);
  });
  afterAll(async () => {
    await engine?.stop();
  });
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a bin/ tool; stderr is masked (log timestamps, topic ids), stdout too with maskStdout. */
export async function runMasked(tool: string, args: string[], opts: { maskStdout?: boolean } = {}): Promise<Result> {
  const r = await runTool(tool, args);
  return { code: r.code, stdout: opts.maskStdout ? mask(r.stdout) : r.stdout, stderr: mask(r.stderr) };
}

/** What Kafka 4.x's console consumer prints on stderr when it joins a group with the classic protocol. */
export const KIP_848_NOTICE = 'The consumer rebalance protocol (KIP-848) is production-ready! Set group.protocol=consumer to try it out. ' +
  'See https://kafka.apache.org/documentation/#consumer_rebalance_protocol\n';

/**
 * A console consumer's result without the KIP-848 notice line, for tests about something else
 * (kafka-console-consumer.test.ts checks the notice itself).
 */
export function withoutNotice(r: Result): Result {
  return { ...r, stderr: stripNotice(r.stderr) };
}

/** A console consumer's stderr without the KIP-848 notice line. */
export function stripNotice(stderr: string): string {
  const i = stderr.indexOf(KIP_848_NOTICE);
  return i < 0 ? stderr : stderr.slice(0, i) + stderr.slice(i + KIP_848_NOTICE.length);
}

/** Exit code, stdout and stderr in one assertion (a failure shows all three). */
export function expectRun(r: Result, code: number, stdout: string, stderr = ''): void {
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code, stdout, stderr });
}

export interface Running {
  stdout(): string;
  /** Masked like runMasked's. */
  stderr(): string;
  /** The exit code; -1 when a signal ended it. */
  exited: Promise<number | null>;
  kill(sig: NodeJS.Signals): void;
}

/** Start a bin/ tool in the background (stdin closed); `stoppable`: the test may SIGSTOP it (STOPPABLE). */
export function startTool(tool: string, args: string[], opts: { stoppable?: boolean } = {}): Running {
  const t = spawnTool(tool, args, { stdin: 'ignore', stoppable: opts.stoppable });
  const exited = new Promise<number | null>((r) => t.proc.on('close', (code, sig) => r(code ?? (sig ? -1 : null))));
  return { stdout: t.stdout, stderr: () => mask(t.stderr()), exited, kill: (s) => t.proc.kill(s) };
}

/** Create a topic (replication factor 1) through the client's Admin; an error fails the test. */
export async function createTopic(engine: TestEngine, name: string, partitions = 1, configs: Record<string, string> = {}): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
  const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  try {
    const res = await admin.createTopics([{ name, numPartitions: partitions, replicationFactor: 1, configs: new Map(Object.entries(configs)) }]);
    expect(res.get(name)).toBeUndefined();
  } finally {
    admin.close();
  }
}
