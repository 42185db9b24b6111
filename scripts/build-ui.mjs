// Builds the page `kafka-local ui` serves into dist/ui: src/ui/page/main.ts bundled by esbuild
// (one script, no network at run time) beside index.html and style.css. Type-checked first
// (tsconfig.ui.json: the DOM's types, which the rest of the code must not see).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.ui.json'], { stdio: 'inherit' });
mkdirSync('dist/ui', { recursive: true });
await build({
  entryPoints: ['src/ui/page/main.ts'], bundle: true, minify: true, format: 'iife', target: 'es2020',
  outfile: 'dist/ui/app.js', logLevel: 'warning',
});
for (const f of ['index.html', 'style.css']) copyFileSync(`src/ui/page/${f}`, `dist/ui/${f}`);
console.log('dist/ui: the page of kafka-local ui');
