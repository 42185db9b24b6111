// Our Java test programs (test/clients/java/*.java), compiled at test time with javac against the
// reference jars (scripts/reference.sh classpath) into a cache outside the repository, and run
// as child processes stopped by PID. Their output follows Checks.java: "CHECK name ok|FAIL ..."
// and "DATA key value" lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { ROOT } from './engine';
import { TEST_CACHE } from './deps';
import { referenceClasspath } from '../reference/lib/kafka';

export const JAVA_SOURCES = path.join(ROOT, 'test', 'clients', 'java');
/** WARN and above to stderr in Kafka's pattern (Kafka's tools-log4j2 configuration). */
export const JAVA_LOG_CONFIG = path.join(ROOT, 'test', 'reference', 'config', 'tools-log4j2.properties');

let compiled: string | undefined;

/** The reference jars' directory (the classpath is DIR/*). */
export function referenceLibs(): string {
  return referenceClasspath().replace(/\/\*$/, '');
}

/**
 * Compile every program once per content of the sources (one javac for all: a JVM start costs
 * seconds). Concurrent test files race safely: each compiles into its own directory and the
 * first rename wins.
 */
export function javaClasses(): string {
  if (compiled) return compiled;
  const sources = fs.readdirSync(JAVA_SOURCES).filter((f) => f.endsWith('.java')).sort();
  const hash = crypto.createHash('sha256');
  for (const f of sources) hash.update(f).update('\0').update(fs.readFileSync(path.join(JAVA_SOURCES, f)));
  const cp = referenceClasspath();
  hash.update(cp);
  const dir = path.join(TEST_CACHE, 'java-classes', hash.digest('hex').slice(0, 16));
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const r = spawnSync('javac', ['-nowarn', '-encoding', 'UTF-8', '-d', tmp, '-cp', cp, ...sources.map((f) => path.join(JAVA_SOURCES, f))], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`javac failed:\n${r.stderr}${r.stdout}`);
    fs.writeFileSync(path.join(tmp, '.complete'), '');
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another test file won the race
    }
  }
  compiled = dir;
  return dir;
}

export interface JavaOptions {
  /** Replaces the reference jars on the classpath (our classes always come first). */
  classpath?: string;
  jvmArgs?: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** 'pipe' for programs the test drives through stdin. */
  stdin?: 'pipe' | 'ignore';
}

function javaArgs(main: string, args: string[], opts: JavaOptions): string[] {
  const cp = `${javaClasses()}${path.delimiter}${opts.classpath ?? referenceClasspath()}`;
  return ['-Xmx384M', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j2.configurationFile=${JAVA_LOG_CONFIG}`,
    ...(opts.jvmArgs ?? []), '-cp', cp, main, ...args];
}

export interface JavaProcess {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM (the JVM runs its shutdown hooks), SIGKILL after graceMs; by PID. */
  stop(graceMs?: number): Promise<number | null>;
}

/** A long-running Java program (Kafka Streams, Connect). */
export function spawnJava(main: string, args: string[], opts: JavaOptions = {}): JavaProcess {
  const proc = spawn('java', javaArgs(main, args, opts), { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { err = (err + d).slice(-200_000); });
  const exited = new Promise<number | null>((resolve) => {
    proc.on('exit', (code) => resolve(code));
    proc.on('error', (e) => { err += `cannot run java: ${e.message}\n`; resolve(null); });
  });
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid!, sig);
    } catch {
      // it ended meanwhile
    }
  };
  const stop = async (graceMs = 15000): Promise<number | null> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { proc, stdout: () => out, stderr: () => err, exited, stop };
}

export interface JavaResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a Java program to completion (killed after timeoutMs). */
export async function runJava(main: string, args: string[], opts: JavaOptions & { timeoutMs?: number } = {}): Promise<JavaResult> {
  const p = spawnJava(main, args, opts);
  const timer = setTimeout(() => { void p.stop(0); }, opts.timeoutMs ?? 120000);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

export interface CheckResult {
  ok: boolean;
  ms: number;
  reason: string;
}

export interface ChecksOutput {
  checks: Map<string, CheckResult>;
  /** DATA lines in order: [key, value]. */
  data: [string, string][];
  /** The first value of a DATA key. */
  value(key: string): string | undefined;
}

export function parseChecks(stdout: string): ChecksOutput {
  const checks = new Map<string, CheckResult>();
  const data: [string, string][] = [];
  for (const line of stdout.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'CHECK') checks.set(f[1], { ok: f[2] === 'ok', ms: parseInt(f[3], 10), reason: f.slice(4).join('\t') });
    else if (f[0] === 'DATA') data.push([f[1], f.slice(2).join('\t')]);
  }
  return { checks, data, value: (k) => data.find(([key]) => key === k)?.[1] };
}

/** One check's outcome as an assertable value: `ok` or the failure text. */
export function checkOutcome(out: ChecksOutput, name: string, stderr = ''): string {
  const c = out.checks.get(name);
  if (!c) return `missing (the program stopped before it; stderr: ${stderr.slice(-2000)})`;
  return c.ok ? 'ok' : `FAIL ${c.reason}`;
}
