// Run a loaded tool with the process's arguments and standard streams: what bin/<tool> ends in,
// whether the tool came from its modules (launch.ts) or from its bundle (scripts/bundle-tools.mjs,
// whose entry imports this file and the tool only: nothing that would pull every tool in).
import { runTool, type ToolIO } from './io';

export type ToolModule = { main: (argv: string[], io: ToolIO) => Promise<number> };

const CLOSING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function launchWith(tool: ToolModule): void {
  void runTool((argv, io) => tool.main(argv, io), process.argv.slice(2)).then((code) => {
    // A tool that still listens for a closing signal when it ends is ending because of one (the
    // console consumer, as the JVM, ignores later ones while it closes). Its output is flushed:
    // exit now. Left to end by itself, Node restores the default dispositions while it tears down,
    // and a later signal (a second Ctrl-C, `timeout` signalling the process group) would kill it
    // there and replace its exit status.
    if (CLOSING_SIGNALS.some((s) => process.listenerCount(s) > 0)) process.exit(code);
  });
}
