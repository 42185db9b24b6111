// Test engines: each test file starts its own engine on an ephemeral port with a temporary
// log.dirs, in-process (fast) or as a child process (for restart and kill -9 tests).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { spawn, ChildProcess } from 'node:child_process';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin');

export function tempDir(prefix = 'kl-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Wait for a condition with a deadline (no sleeps as synchronisation). */
export async function waitFor<T>(cond: () => T | Promise<T>, timeoutMs = 10000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await cond();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TestEngine {
  port: number;
  dir: string;
  bootstrap: string;
  stop(): Promise<void>;
  /** The Engine object, for an in-process engine. */
  engine?: any;
  /** Its network server, for an in-process engine. */
  server?: any;
}

/** An engine inside this test process. */
export async function startInProcessEngine(overrides: Record<string, string> = {}): Promise<TestEngine> {
  const { startEngine } = require(path.join(ROOT, 'dist/engine/lifecycle'));
  const { settingsFrom } = require(path.join(ROOT, 'dist/engine/settings'));
  const { buildStaticConfig } = require(path.join(ROOT, 'dist/config/server-properties'));
  const { setEngineLogQuiet } = require(path.join(ROOT, 'dist/engine/server-log'));
  setEngineLogQuiet(true);
  const dir = overrides['log.dirs'] ?? tempDir();
  const props = buildStaticConfig({ overrides: new Map(Object.entries({
    listeners: 'PLAINTEXT://127.0.0.1:0', 'advertised.listeners': '', 'log.dirs': dir, ...overrides,
  })) });
  const running = await startEngine(settingsFrom(props));
  const port = running.bound[0].port;
  return { port, dir, bootstrap: `127.0.0.1:${port}`, stop: () => running.stop(), engine: running.engine, server: running.server };
}

export interface ChildEngine extends TestEngine {
  proc: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code (-1 when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Spawn options for a process a test may stall with SIGSTOP: a process group of its own. In the
 * test runner's group a stopped process is a stopped job of that group, and when the group is
 * orphaned (the shell that started the run has gone) the kernel sends SIGHUP and SIGCONT to every
 * member at the next exit that concerns it: other tests' brokers died of SIGHUP ("exited by
 * itself (SIGHUP)", then `kill ESRCH` at the SIGCONT). Its own group keeps a parent (the test
 * worker) in another group of the session, so it is never orphaned. Stopped by PID as before.
 */
export const STOPPABLE = { detached: true } as const;

/** An engine as a child process via bin/kafka-server-start (port read from its log). */
export async function spawnEngine(opts: { dir?: string; port?: number; overrides?: Record<string, string> } = {}): Promise<ChildEngine> {
  const dir = opts.dir ?? tempDir();
  const args = ['--override', `listeners=PLAINTEXT://127.0.0.1:${opts.port ?? 0}`, '--override', `log.dirs=${dir}`];
  for (const [k, v] of Object.entries(opts.overrides ?? {})) args.push('--override', `${k}=${v}`);
  const proc = spawn(process.execPath, [path.join(BIN, 'kafka-server-start'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' }, ...STOPPABLE,
  });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code, sig) => r(code ?? (sig ? -1 : null))));
  const port = await waitFor(() => {
    if (proc.exitCode !== null) throw new Error(`engine exited: ${out}`);
    const m = /Awaiting socket connections on 127\.0\.0\.1:(\d+)/.exec(out);
    return m ? Number(m[1]) : 0;
  }, 15000, 'engine start');
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return exited;
  };
  return { port, dir, bootstrap: `127.0.0.1:${port}`, proc, output: () => out, kill, exited, stop: async () => { await kill('SIGTERM'); } };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ToolProcess {
  proc: ChildProcess;
  /** What it wrote so far, decoded as UTF-8 streams (a character may span chunks). */
  stdout(): string;
  stderr(): string;
}

/** Start a bin/ tool (no auto-started engine), collecting its stdout and stderr. */
export function spawnTool(tool: string, args: string[], opts: { env?: Record<string, string>; stdin?: 'pipe' | 'ignore'; stoppable?: boolean } = {}): ToolProcess {
  const proc = spawn(process.execPath, [path.join(BIN, tool), ...args], {
    stdio: [opts.stdin ?? 'pipe', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', ...opts.env },
    ...(opts.stoppable ? STOPPABLE : {}),
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { stdout += d; });
  proc.stderr!.on('data', (d) => { stderr += d; });
  return { proc, stdout: () => stdout, stderr: () => stderr };
}

/** Run a bin/ tool to completion. */
export function runTool(tool: string, args: string[], opts: { input?: string | Buffer; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t = spawnTool(tool, args, { env: opts.env });
    const proc = t.proc;
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`${tool} ${args.join(' ')} timed out\n${t.stdout()}\n${t.stderr()}`)); }, opts.timeoutMs ?? 30000);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: t.stdout(), stderr: t.stderr() });
    });
    proc.on('error', reject);
    if (opts.input !== undefined) proc.stdin!.end(opts.input);
    else proc.stdin!.end();
  });
}

/** True when something accepts connections on host:port. */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

/** Mask what varies between runs (topic ids, log timestamps). */
export function mask(s: string): string {
  return s
    .replace(/TopicId: [A-Za-z0-9_-]{22}/g, 'TopicId: <id>')
    .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/gm, '[<ts>]');
}
