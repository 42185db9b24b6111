// The user's own Node processes running one of our bin/ scripts, from `ps` (as Kafka's stop
// scripts find their JVMs): kafka-server-stop and zookeeper-server-stop signal what they find.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface ScriptProcess {
  pid: number;
  /** The script's path, then its arguments. */
  args: string[];
}

export function userNodeScripts(): ScriptProcess[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,uid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const found: ScriptProcess[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || (uid !== undefined && Number(m[2]) !== uid)) continue;
    if (!/^node/.test(path.basename(m[3]))) continue;
    found.push({ pid, args: m[4].split(/\s+/) });
  }
  return found;
}
