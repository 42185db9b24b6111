// Entry used by bin/<tool>: load only that tool's code (no oclif, no SQLite unless the tool
// needs it) so a tool call costs little more than Node's own start-up. `npm run build` also
// bundles each tool that does not host an engine into one file (scripts/bundle-tools.mjs):
// resolving and compiling its ~120 modules one by one was half of a tool's own start-up. The
// bundle is compiled with V8's code cache for it, written by the build: compiling the bundle's
// code, not running it, was most of what was left.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
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

/** Where a bundle's code cache lives. */
export const codeCacheOf = (bundle: string): string => `${bundle}.cache`;

/**
 * A bundle's code as a CommonJS module function, compiled with its code cache when asked and
 * there is one (V8 checks that the cache is its own and fits the source: `cachedDataRejected`;
 * a rejected cache only costs the compile).
 */
export function compileBundle(bundle: string, withCache: boolean): vm.Script {
  const source = fs.readFileSync(bundle, 'utf8');
  let cachedData: Buffer | undefined;
  if (withCache) {
    try {
      cachedData = fs.readFileSync(codeCacheOf(bundle));
    } catch {
      // no cache: compile as usual
    }
  }
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
}

/**
 * Run a bundle. With `writeCache` its code cache is written once its modules have run (the
 * build does this), so the cache holds the functions their loading compiled, not only the top level.
 */
export function runBundle(bundle: string, writeCache = false): void {
  const script = compileBundle(bundle, !writeCache);
  const mod = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (writeCache) fs.writeFileSync(codeCacheOf(bundle), script.createCachedData());
}

export function launch(tool: string): void {
  const bundle = bundleOf(tool);
  // The bundle holds its own copy of launch-with.ts and calls it itself.
  if (bundle !== undefined) runBundle(bundle);
  else launchWith(loadTool(tool));
}
