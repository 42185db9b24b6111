// Auto-start: a tool aimed at the default local address (localhost:9092, 127.0.0.1:9092, or the
// seed-era --zookeeper localhost:2181) that finds nothing listening starts the engine in the
// background with the defaults, says so in one line on stderr, and goes on. Any other address is
// never auto-started; KAFKA_LOCAL_AUTOSTART=0 turns this off.
import * as net from 'node:net';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { spawn } from 'node:child_process';
import type { ToolIO } from './io';

const DEFAULT_ADDRESSES = new Set(['localhost:9092', '127.0.0.1:9092', 'localhost:2181', '127.0.0.1:2181']);

export function isDefaultLocalAddress(bootstrap: string): boolean {
  const list = bootstrap.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length > 0 && list.every((a) => DEFAULT_ADDRESSES.has(a));
}

function listening(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => { s.destroy(); resolve(false); }, timeoutMs);
    s.once('connect', () => { clearTimeout(timer); s.destroy(); resolve(true); });
    s.once('error', () => { clearTimeout(timer); resolve(false); });
  });
}

/** Start the default engine when the tool targets the default local address and nothing listens. */
export async function ensureLocalEngine(bootstrap: string, io: ToolIO): Promise<void> {
  if (process.env.KAFKA_LOCAL_AUTOSTART === '0') return;
  if (!isDefaultLocalAddress(bootstrap)) return;
  if (await listening(9092)) return;
  const { defaultDataDir } = await import('../engine/settings');
  const dataDir = defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'kafkaServer.out');
  const out = fs.openSync(logFile, 'a');
  const launcher = path.resolve(__dirname, '..', '..', 'bin', 'kafka-server-start');
  const child = spawn(process.execPath, [launcher, '--override', 'listeners=PLAINTEXT://localhost:9092'], {
    detached: true, stdio: ['ignore', out, out], env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' },
  });
  child.unref();
  fs.closeSync(out);
  io.stderr(`kafka-local: no broker was listening on localhost:9092, so a local engine was started in the background (data: ${dataDir}, log: ${logFile}; stop it with kafka-server-stop).\n`);
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (await listening(9092)) return;
    if (child.exitCode !== null && !(await listening(9092))) {
      // Another tool may have won the race for the data directory lock; give its engine a moment.
      if (Date.now() > deadline - 12000) break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
