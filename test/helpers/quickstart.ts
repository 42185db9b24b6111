// Our connect-standalone and WordCountDemo (kafka-run-class) as the quickstart runs them: child
// processes in a working directory of the test's own, with the repository's config/ files
// adjusted only where a test must be (the broker, a free REST port, the offsets file in the
// temporary directory). Stopped by PID.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT, waitFor } from './engine';

export const CONFIG_DIR = path.join(ROOT, 'config');

export interface OurApp {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGTERM by PID; resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnOurs(tool: string, args: string[], cwd: string): OurApp {
  const proc = spawn(process.execPath, [path.join(BIN, tool), ...args], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' },
  });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc, stdout: () => out, stderr: () => err, exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid!, signal);
      return exited;
    },
  };
}

/** A config/ file with some keys replaced (the rest, comments included, as shipped). */
export function configFile(name: string, replace: Record<string, string>): string {
  let text = fs.readFileSync(path.join(CONFIG_DIR, name), 'utf8');
  for (const [k, v] of Object.entries(replace)) {
    const re = new RegExp(`^#?${k.replace(/\./g, '\\.')}=.*$`, 'm');
    text = re.test(text) ? text.replace(re, `${k}=${v}`) : `${text}${k}=${v}\n`;
  }
  return text;
}

export interface OurConnect extends OurApp {
  /** The REST API's base URL, from the worker's log. */
  rest: string;
}

/**
 * connect-standalone with the quickstart's three files written into `dir` (worker settings
 * replaced by `worker`, connector settings by `source` / `sink`); resolves once Connect has
 * logged that both connectors are created.
 */
export async function startOurConnect(dir: string, bootstrap: string, opts: {
  worker?: Record<string, string>; source?: Record<string, string>; sink?: Record<string, string>;
} = {}): Promise<OurConnect> {
  fs.writeFileSync(path.join(dir, 'connect-standalone.properties'), configFile('connect-standalone.properties', {
    'bootstrap.servers': bootstrap, 'offset.storage.file.filename': path.join(dir, 'connect.offsets'), listeners: 'http://127.0.0.1:0', ...opts.worker,
  }));
  fs.writeFileSync(path.join(dir, 'connect-file-source.properties'), configFile('connect-file-source.properties', opts.source ?? {}));
  fs.writeFileSync(path.join(dir, 'connect-file-sink.properties'), configFile('connect-file-sink.properties', opts.sink ?? {}));
  const app = spawnOurs('connect-standalone', ['connect-standalone.properties', 'connect-file-source.properties', 'connect-file-sink.properties'], dir);
  const rest = await waitFor(() => {
    if (app.proc.exitCode !== null) throw new Error(`connect-standalone exited: ${app.stdout()}${app.stderr()}`);
    const created = app.stdout().match(/Created connector /g)?.length ?? 0;
    const m = /REST server listening at (http:\/\/[^,]+\/),/.exec(app.stdout());
    return created >= 2 && m ? m[1] : '';
  }, 20000, 'connect-standalone start');
  return { ...app, rest };
}

export function readFileOr(file: string, otherwise = ''): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return otherwise;
  }
}

export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}
