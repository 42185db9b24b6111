// Bundles each tool of package.json's "bin" map into dist/bundle/<tool>.js (after tsc): one file
// to read and compile instead of ~120 modules to resolve (realpath, package.json lookups) and
// compile one by one, which was half of a tool's own start-up, and V8's code cache of each
// bundle (CPU of bin/kafka-console-consumer --version: 147 ms as modules, 107 bundled, 93 with
// the cache; Node alone 64). bin/<tool> runs the bundle when it is not older than
// dist/tools/<tool>.js (src/cli/launch.ts). Packages stay outside (their own files,
// native addons, WebAssembly). A tool whose code hosts an engine is not bundled: the engine
// starts its checkpoint worker from a file beside its own module.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outDir = join(dist, 'bundle');
const tools = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin)
  .filter((name) => !name.endsWith('.sh') && name !== 'kafka-local');
const ENGINE = 'dist/engine/engine.js';
const BUILD_CACHE = 'KAFKA_LOCAL_BUILD_CODE_CACHE';

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bundled = [];
for (const tool of tools) {
  const outfile = join(outDir, `${tool}.js`);
  const r = await build({
    stdin: {
      // The build runs each bundle once with BUILD_CACHE set, to write its code cache: its
      // modules load, the tool does not run.
      contents: `const tool = require('../tools/${tool}');\nif (process.env.${BUILD_CACHE} !== '1') require('../cli/launch-with').launchWith(tool);\n`,
      resolveDir: outDir,
      sourcefile: `bundle/${tool}.js`,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const inputs = Object.keys(r.metafile.inputs).map((f) => f.replaceAll('\\', '/'));
  if (inputs.some((f) => f.endsWith(ENGINE))) continue;
  for (const f of r.outputFiles) writeFileSync(f.path, f.contents);
  // V8's code cache for the bundle (see runBundle in src/cli/launch.ts), made by this Node.
  const made = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(dist, 'cli', 'launch.js'))}).runBundle(${JSON.stringify(outfile)}, true)`], {
    env: { ...process.env, [BUILD_CACHE]: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (made.status !== 0) throw new Error(`${tool}: writing the code cache failed`);
  bundled.push(tool);
}
console.log(`dist/bundle: ${bundled.length} of ${tools.length} tools bundled (not: ${tools.filter((t) => !bundled.includes(t)).join(', ')})`);
