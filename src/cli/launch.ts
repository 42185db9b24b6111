// Entry used by bin/<tool>: load only that tool's code (no oclif, no SQLite unless the tool
// needs it) so a tool call costs little more than Node's own start-up. `npm run build` also
// bundles each tool that does not host an engine into one file (scripts/bundle-tools.mjs):
// resolving and compiling its ~120 modules one by one was half of a tool's own start-up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchWith, type ToolModule } from './launch-with';

export function loadTool(tool: string): ToolModule {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(`../tools/${tool}`);
}

/**
 * The tool's bundle when it is at least as new as the tool's compiled module: after a plain
 * `tsc` (which rewrites every file in dist/) the modules are newer and are run instead.
 * KAFKA_LOCAL_NO_BUNDLE=1 runs the modules always.
 */
export function bundleOf(tool: string, distDir = path.join(__dirname, '..')): string | undefined {
  if (process.env.KAFKA_LOCAL_NO_BUNDLE === '1') return undefined;
  const bundle = path.join(distDir, 'bundle', `${tool}.js`);
  try {
    return fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(distDir, 'tools', `${tool}.js`)).mtimeMs ? bundle : undefined;
  } catch {
    return undefined;
  }
}

export function launch(tool: string): void {
  const bundle = bundleOf(tool);
  // The bundle holds its own copy of launch-with.ts and calls it itself.
  if (bundle !== undefined) require(bundle);
  else launchWith(loadTool(tool));
}
