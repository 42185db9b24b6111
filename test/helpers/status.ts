// What the `kafka-local status` tests share: a run of the command (plain by default, NO_COLOR),
// its JSON document, the masks for what differs by nature, a JSON document's shape, kcat -P with
// one batch per partition (stable sizes), and the command in a pseudo-terminal (util-linux script).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'vitest';
import { BIN, runTool, waitFor, type RunResult } from './engine';
import { kcatProduce } from './groups';

export async function status(bootstrap: string, args: string[] = [], env: Record<string, string> = { NO_COLOR: '1' }): Promise<RunResult> {
  return runTool('kafka-local', ['status', '--bootstrap-server', bootstrap, ...args], { env, timeoutMs: 60000 });
}

export async function statusJson(bootstrap: string, args: string[] = []): Promise<any> {
  const r = await status(bootstrap, ['--output', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Ports, the cluster id, member ids (a client id and a UUID), clock times. */
export function maskStatus(s: string): string {
  return s
    .replace(/127\.0\.0\.1:\d{5}/g, '127.0.0.1:<port>')
    .replace(/^(Cluster )[A-Za-z0-9_-]{22}/m, '$1<cluster-id>')
    .replace(/\b([a-z-]+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '$1-<uuid>')
    .replace(/\b\d\d:\d\d:\d\d\b/g, '<time>');
}

/** A JSON value with every leaf replaced by its type, arrays by their first element's shape. */
export function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length > 0 ? [shape(v[0])] : [];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v === null ? 'null' : typeof v;
}

/** kcat -P of `lines` into `partition`, lingering so that they make one batch (sizes stay the same run to run). */
export async function kcatBatch(bootstrap: string, topic: string, partition: number, lines: string[]): Promise<void> {
  await kcatProduce(bootstrap, topic, lines, partition, ['-X', 'linger.ms=500', '-X', 'compression.codec=none']);
}

export interface Terminal {
  proc: ChildProcess;
  output(): string;
  /** Type a key into the terminal (\x03 is Ctrl-C: SIGINT to the command). */
  type(s: string): void;
  exited: Promise<number | null>;
  /** Wait until the output matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

/** `kafka-local status ARGS` in a pseudo-terminal (util-linux script), 100 columns wide. */
export function statusInTerminal(args: string[], env: Record<string, string> = {}): Terminal {
  const cmd = ['stty cols 200 rows 100;', 'exec', process.execPath, path.join(BIN, 'kafka-local'), 'status', ...args].map((a) => (a.endsWith(';') ? a : `'${a}'`)).join(' ');
  const proc = spawn('script', ['-qfec', cmd, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', TERM: 'xterm', ...env },
  });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => proc.on('close', (code) => r(code)));
  return {
    proc,
    output: () => out,
    type: (s) => proc.stdin!.write(s),
    exited,
    waitFor: async (re, timeoutMs = 20000) => {
      await waitFor(() => re.test(out), timeoutMs, `${re} in the terminal; it shows:\n${out}`);
    },
  };
}
