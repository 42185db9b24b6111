// zookeeper-server-stop: ends the placeholders zookeeper-server-start left running (there is no
// ZooKeeper here); none: `No zookeeper server to stop`, status 1, as Kafka's script.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ToolIO } from '../cli/io';

function placeholders(): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,uid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const pids: number[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)/.exec(line);
    if (!m || Number(m[1]) === process.pid || (uid !== undefined && Number(m[2]) !== uid)) continue;
    if (/^node/.test(path.basename(m[3])) && /zookeeper-server-start(\.sh)?$/.test(m[4])) pids.push(Number(m[1]));
  }
  return pids;
}

export async function main(_argv: string[], io: ToolIO): Promise<number> {
  const pids = placeholders();
  if (pids.length === 0) {
    io.stdout('No zookeeper server to stop\n');
    return 1;
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  return 0;
}
