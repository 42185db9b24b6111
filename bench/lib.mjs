// What the benchmarks share: paths, the environment tools run with, a median, and an engine
// started as a child process (bin/kafka-server-start) on an ephemeral loopback port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (tool) => join(root, 'bin', tool);
/** Tools never start an engine of their own here. */
export const env = { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' };

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

/**
 * Start an engine with log.dirs in `dir` (by default a new temporary directory named `prefix…`)
 * and wait until it accepts connections. Resolves with { proc, port, bootstrap, dir, ms, stop }:
 * `ms` is the time from spawn to the first accepted connection; stop() ends the engine with
 * SIGTERM, waits for it and removes the directory when it was created here.
 */
export async function startEngine({ dir, prefix = 'kl-bench-' } = {}) {
  const ownDir = dir === undefined;
  const logDir = ownDir ? mkdtempSync(join(tmpdir(), prefix)) : dir;
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, [bin('kafka-server-start'), '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${logDir}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  let out = '';
  proc.stdout.setEncoding('utf8');
  const port = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Awaiting socket connections on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', () => reject(new Error(`engine exited: ${out}`)));
  });
  while (!(await canConnect(port))) await new Promise((r) => setTimeout(r, 5));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    if (ownDir) rmSync(logDir, { recursive: true, force: true });
  };
  return { proc, port, bootstrap: `127.0.0.1:${port}`, dir: logDir, ms, stop };
}
