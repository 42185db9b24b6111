// kafka-server-stop: signal (TERM, or $SIGNAL) every engine this user started, as Kafka's
// script signals every `kafka.Kafka` JVM. None running: `No kafka server to stop`, exit 1.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ToolIO } from '../cli/io';

export function findEngines(): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,uid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const pids: number[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || (uid !== undefined && Number(m[2]) !== uid)) continue;
    const exe = path.basename(m[3]);
    if (!/^node/.test(exe)) continue;
    const script = m[4].split(/\s+/)[0] ?? '';
    if (/kafka-server-start(\.sh)?$/.test(script)) pids.push(pid);
  }
  return pids;
}

export async function main(_argv: string[], io: ToolIO): Promise<number> {
  const pids = findEngines();
  if (pids.length === 0) {
    io.stdout('No kafka server to stop\n');
    return 1;
  }
  const signal = (process.env.SIGNAL || 'TERM').replace(/^SIG/, '');
  for (const pid of pids) {
    try {
      process.kill(pid, `SIG${signal}` as NodeJS.Signals);
    } catch {
      // already gone
    }
  }
  return 0;
}
