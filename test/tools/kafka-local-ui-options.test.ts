// kafka-local ui's options: defaults, forms, and the usage errors it stops on (exit status 1
// through the command, checked once with the real launcher).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runTool } from '../helpers/engine';

const { parseUiOptions, UiUsageError } = require(path.join(ROOT, 'dist/tools/ui/options'));

describe('kafka-local ui options', () => {
  it('defaults to localhost:9092, port 9000, a poll every 500 ms', () => {
    expect(parseUiOptions([])).toEqual({ bootstrap: 'localhost:9092', port: 9000, intervalMs: 500, timeoutMs: 10000, help: false });
  });

  it('takes --name value and --name=value', () => {
    expect(parseUiOptions(['--bootstrap-server', 'a:1,b:2', '--port=0', '--interval', '250', '--timeout=3'])).toEqual(
      { bootstrap: 'a:1,b:2', port: 0, intervalMs: 250, timeoutMs: 3000, help: false });
  });

  it('refuses what it cannot use', () => {
    for (const argv of [['--port', '65536'], ['--port', 'x'], ['--interval', '50'], ['--bogus'], ['--bootstrap-server'], ['--bootstrap-server', ' ']]) {
      expect(() => parseUiOptions(argv), argv.join(' ')).toThrow(UiUsageError);
    }
  });

  it('prints its usage for -h (oclif answers --help, as for status), and a usage error with exit status 1', async () => {
    const help = await runTool('kafka-local', ['ui', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kafka-local ui \[--bootstrap-server HOST:PORT/);
    const bad = await runTool('kafka-local', ['ui', '--port', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kafka-local ui: --port needs a whole number from 0 to 65535, not 'x'\n\nUsage: kafka-local ui/);
  });
});
