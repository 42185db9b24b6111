// Bundles each tool of package.json's "bin" map into dist/bundle/<tool>.js (after tsc): one file
// to read and compile instead of ~120 modules to resolve (realpath, package.json lookups) and
// compile one by one, which was half of a tool's own start-up (bin/kafka-console-consumer
// --version: 129 -> 105 ms here, Node alone 84 ms). bin/<tool> runs the bundle when it is not
// older than dist/tools/<tool>.js (src/cli/launch.ts). Packages stay outside (their own files,
// native addons, WebAssembly). A tool whose code hosts an engine is not bundled: the engine
// starts its checkpoint worker from a file beside its own module.
import { build } from 'esbuild';
import { readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outDir = join(dist, 'bundle');
const tools = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin)
  .filter((name) => !name.endsWith('.sh') && name !== 'kafka-local');
const ENGINE = 'dist/engine/engine.js';

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bundled = [];
for (const tool of tools) {
  const outfile = join(outDir, `${tool}.js`);
  const r = await build({
    stdin: {
      contents: `require('../cli/launch-with').launchWith(require('../tools/${tool}'));\n`,
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
  bundled.push(tool);
}
console.log(`dist/bundle: ${bundled.length} of ${tools.length} tools bundled (not: ${tools.filter((t) => !bundled.includes(t)).join(', ')})`);
