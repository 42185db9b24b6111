// Shared body of the oclif command classes: they hand their raw argv to the same tool main the
// bin/ launchers use, so both entry points behave identically.
import { loadTool } from './launch';
import { runTool } from './io';

export async function runToolCommand(tool: string, argv: string[]): Promise<void> {
  await runTool((args, io) => loadTool(tool).main(args, io), argv);
}
