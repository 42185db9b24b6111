// Entry used by bin/<tool>: load only that tool's module (no oclif, no SQLite unless the tool
// needs it) so a tool call costs little more than Node's own start-up.
import { runTool } from './io';

export function loadTool(tool: string): { main: (argv: string[], io: import('./io').ToolIO) => Promise<number> } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(`../tools/${tool}`);
}

export function launch(tool: string): void {
  runTool((argv, io) => loadTool(tool).main(argv, io), process.argv.slice(2));
}
