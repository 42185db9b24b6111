// The tools' bundles (scripts/bundle-tools.mjs, run by `npm run build`): each tool that does not
// host an engine has one, bin/<tool> runs it only while it is not older than the tool's modules,
// and it behaves as the modules do.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleOf, codeCacheOf, compileBundle } from '../../src/cli/launch';

const ROOT = path.join(__dirname, '..', '..');
const tools = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin)
  .filter((name) => !name.endsWith('.sh') && name !== 'kafka-local');
const bundled = fs.readdirSync(path.join(ROOT, 'dist', 'bundle')).filter((f) => f.endsWith('.js')).map((f) => f.replace(/\.js$/, ''));

function run(tool: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', tool), ...args], {
    encoding: 'utf8', env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0', ...env },
  });
  // Numbers vary run by run (timestamps, a random default group id of 4 or 5 digits, and the
  // padding after it).
  return { status: r.status, out: (r.stdout + r.stderr).replace(/\d+/g, '0').replace(/ +$/gm, '') };
}

describe('tool bundles', () => {
  test('every tool but those hosting an engine is bundled', () => {
    expect(bundled.sort()).toEqual(tools.filter((t) => t !== 'kafka-server-start' && t !== 'kafka-run-class').sort());
  });

  test.each(bundled)('%s has a code cache that this Node accepts', (tool) => {
    const bundle = path.join(ROOT, 'dist', 'bundle', `${tool}.js`);
    expect(fs.existsSync(codeCacheOf(bundle))).toBe(true);
    expect(compileBundle(bundle, true).cachedDataRejected).toBe(false);
  });

  test.each(bundled)('%s --help prints what its modules print', (tool) => {
    expect(run(tool, ['--help'])).toEqual(run(tool, ['--help'], { KAFKA_LOCAL_NO_BUNDLE: '1' }));
  });

  test('a bundle older than its tool module (a plain tsc after the build) is not used', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-bundles-'));
    try {
      fs.mkdirSync(path.join(dist, 'bundle'));
      fs.mkdirSync(path.join(dist, 'tools'));
      const bundle = path.join(dist, 'bundle', 'kafka-topics.js');
      const mod = path.join(dist, 'tools', 'kafka-topics.js');
      fs.writeFileSync(bundle, '');
      fs.writeFileSync(mod, '');
      fs.utimesSync(mod, new Date(1_000_000), new Date(1_000_000));
      fs.utimesSync(bundle, new Date(2_000_000), new Date(2_000_000));
      expect(bundleOf('kafka-topics', dist)).toBe(bundle);
      fs.utimesSync(mod, new Date(3_000_000), new Date(3_000_000));
      expect(bundleOf('kafka-topics', dist)).toBeUndefined();
      expect(bundleOf('kafka-configs', dist)).toBeUndefined();
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
