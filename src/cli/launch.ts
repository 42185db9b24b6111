// Entry used by bin/<tool>: load only that tool's module (no oclif, no SQLite unless the tool
// needs it) so a tool call costs little more than Node's own start-up.
import { runTool } from './io';

export function loadTool(tool: string): { main: (argv: string[], io: import('./io').ToolIO) => Promise<number> } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(`../tools/${tool}`);
}

const CLOSING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function launch(tool: string): void {
  void runTool((argv, io) => loadTool(tool).main(argv, io), process.argv.slice(2)).then((code) => {
    // A tool that still listens for a closing signal when it ends is ending because of one (the
    // console consumer, as the JVM, ignores later ones while it closes). Its output is flushed:
    // exit now. Left to end by itself, Node restores the default dispositions while it tears down,
    // and a later signal (a second Ctrl-C, `timeout` signalling the process group) would kill it
    // there and replace its exit status.
    if (CLOSING_SIGNALS.some((s) => process.listenerCount(s) > 0)) process.exit(code);
  });
}
