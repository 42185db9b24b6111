// kafka-consumer-groups: placeholder until its issue lands (see the issue list).
import type { ToolIO } from '../cli/io';

export async function main(_argv: string[], io: ToolIO): Promise<number> {
  io.stderr('kafka-local: kafka-consumer-groups is not implemented yet.\n');
  return 1;
}
