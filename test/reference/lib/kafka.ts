// The reference Apache Kafka from a test: clusters started and stopped through
// scripts/reference.sh (by PID), and Kafka's tools run in long-lived JVMs (ToolRunner.java)
// so that each invocation costs milliseconds, not a JVM start.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { ROOT, tempDir } from '../../helpers/engine';

export const SCRIPT = path.join(ROOT, 'scripts', 'reference.sh');

export interface ReferenceCluster {
  bootstrap: string;
  /** ZooKeeper's address (legacy clusters only). */
  zookeeper?: string;
  dir: string;
  pids: number[];
  ports: number[];
  /** A dedicated-controller cluster: broker i's PID at i - 1, and the controller's address. */
  brokerPids?: number[];
  bootstrapController?: string;
  stop(): Promise<void>;
}

function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

function script(args: string[], timeoutMs = 300000): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`reference.sh ${args.join(' ')} failed (${code}):\n${err}${out}`));
    });
  });
}

/** Jars fetched (once; cached outside the repository) and the tool runner compiled. */
export function fetchReference(legacy = false): string {
  const r = spawnSync('bash', [SCRIPT, 'fetch', ...(legacy ? ['--legacy'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference.sh fetch failed:\n${r.stderr}`);
  return r.stdout.trim();
}

/** The reference jars' classpath (for javac/java of our own Java test programs). */
export function referenceClasspath(legacy = false): string {
  const r = spawnSync('bash', [SCRIPT, 'classpath', ...(legacy ? ['--legacy'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference.sh classpath failed:\n${r.stderr}`);
  return r.stdout.trim();
}

async function started(args: string[]): Promise<ReferenceCluster> {
  const dir = tempDir('kl-ref-');
  const env = parseEnv(await script([...args, '--dir', dir]));
  const pids = env.pids.split(' ').map(Number);
  return {
    bootstrap: env.bootstrap,
    zookeeper: env.zookeeper,
    dir,
    pids,
    ports: env.ports.split(' ').map(Number),
    brokerPids: env.broker_pids ? env.broker_pids.split(' ').map(Number) : undefined,
    bootstrapController: env.bootstrap_controller,
    stop: async () => {
      await script(['stop', dir], 60000);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A KRaft cluster of the pinned release: nodes 1..n, each broker and controller (`overrides`: static broker settings). */
export function startReferenceCluster(nodes = 1, overrides: Record<string, string> = {}): Promise<ReferenceCluster> {
  return started(['start', '--nodes', String(nodes), ...Object.entries(overrides).flatMap(([k, v]) => ['--override', `${k}=${v}`])]);
}

/**
 * Brokers 1..n (broker only) beside one dedicated controller (node n + 1): killing brokers never
 * loses the quorum, so failover can be watched.
 */
export function startDedicatedCluster(brokers = 3): Promise<ReferenceCluster> {
  return started(['start', '--nodes', String(brokers), '--dedicated-controller']);
}

/** ZooKeeper and a Kafka 2.8.2 broker (broker.id 1, as our engine's node id): the seed-era reference. */
export function startLegacyCluster(): Promise<ReferenceCluster> {
  return started(['start-legacy']);
}

/** Kafka's tool names and their main classes (test/reference/tools.tsv). */
export function toolClass(tool: string, legacy = false): string {
  const name = tool.replace(/\.sh$/, '');
  for (const line of fs.readFileSync(path.join(ROOT, 'test/reference/tools.tsv'), 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [n, current, old] = line.split('\t');
    if (n === name) {
      const cls = legacy ? old : current;
      if (!cls || cls === '-') break;
      return cls;
    }
  }
  throw new Error(`no ${legacy ? '2.8 ' : ''}class for ${tool} in test/reference/tools.tsv`);
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Pending {
  resolve: (r: ToolResult) => void;
  reject: (e: Error) => void;
}

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

/**
 * One long-lived JVM running Kafka's tools one at a time (a tool owns the JVM's stdout and
 * stderr while it runs). A tool that outlives its timeout ends the JVM; the next call starts a
 * new one.
 */
export class ToolRunner {
  private proc: ChildProcess | undefined;
  private buffer = '';
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private stderrTail = '';

  constructor(private readonly legacy = false) {}

  private ensure(): ChildProcess {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) return this.proc;
    const proc = spawn('bash', [SCRIPT, 'runner', ...(this.legacy ? ['--legacy'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.buffer = '';
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const [id, code, out, err] = line.split('\t');
        const p = this.pending.get(id);
        if (!p) continue;
        this.pending.delete(id);
        p.resolve({
          code: Number(code),
          stdout: Buffer.from(out ?? '', 'base64').toString('utf8'),
          stderr: Buffer.from(err ?? '', 'base64').toString('utf8'),
        });
      }
    });
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => { this.stderrTail = (this.stderrTail + d).slice(-4000); });
    proc.on('exit', () => {
      for (const [, p] of this.pending) p.reject(new Error(`the tool runner ended: ${this.stderrTail}`));
      this.pending.clear();
    });
    this.proc = proc;
    return proc;
  }

  /** Run one tool (by Kafka's script name) to completion; tools run one after another. */
  run(tool: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
    const next = this.queue.then(() => this.runNow(tool, args, opts));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private runNow(tool: string, args: string[], opts: { input?: string; timeoutMs?: number }): Promise<ToolResult> {
    const proc = this.ensure();
    const id = String(this.nextId++);
    const timeout = opts.timeoutMs ?? 60000;
    const line = [id, String(timeout), toolClass(tool, this.legacy), b64(opts.input ?? ''), ...args.map(b64)].join('\t');
    return new Promise<ToolResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      proc.stdin!.write(line + '\n');
    });
  }

  close(): void {
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
    this.proc = undefined;
  }
}
