// zookeeper-server-stop: ends the placeholders zookeeper-server-start left running (there is no
// ZooKeeper here); none: `No zookeeper server to stop`, status 1, as Kafka's script.
import type { ToolIO } from '../cli/io';
import { userNodeScripts } from './node-processes';

function placeholders(): number[] {
  return userNodeScripts().filter((p) => /zookeeper-server-start(\.sh)?$/.test(p.args[0] ?? '')).map((p) => p.pid);
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
