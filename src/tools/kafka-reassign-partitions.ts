import type { ToolIO } from '../cli/io';
export async function main(_argv: string[], _io: ToolIO): Promise<number> { return 1; }
