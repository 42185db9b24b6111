import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { ExitError, JavaException, OptionException, UsageError } from '../../src/cli/errors';
import { CaptureIO, ProcessIO, runTool } from '../../src/cli/io';

/** A Writable that records what reaches it, in order, tagged with its name. */
function sink(name: string, log: string[]): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk, _enc, cb) {
      log.push(`${name}:${String(chunk)}`);
      cb();
    },
  });
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ProcessIO', () => {
  test('stdout is buffered and flushed; stderr flushes stdout first so order is kept', async () => {
    const log: string[] = [];
    const io = new ProcessIO(sink('out', log), sink('err', log));
    io.stdout('a\n');
    io.stdout('b\n');
    expect(log).toEqual([]);
    io.stderr('E\n');
    io.stdout('c\n');
    await io.flush();
    expect(log).toEqual(['out:a\nb\n', 'err:E\n', 'out:c\n']);
  });

  test('buffered output goes out on the next turn of the event loop', async () => {
    const log: string[] = [];
    const io = new ProcessIO(sink('out', log), sink('err', log));
    io.stdout('x');
    await tick();
    await tick();
    expect(log).toEqual(['out:x']);
  });

  test('large output is written as soon as the buffer is full', () => {
    const log: string[] = [];
    const io = new ProcessIO(sink('out', log), sink('err', log));
    const line = `${'v'.repeat(99)}\n`;
    for (let i = 0; i < 700; i++) io.stdout(line);
    expect(log.length).toBe(1);
    expect(log[0].length).toBe(4 + 656 * 100); // flushed by the write that reaches 64 KiB (656 lines)
  });

  test('a broken stdout is absorbed quietly', async () => {
    const out = new Writable({
      write(_c, _e, cb) {
        const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        cb(err);
      },
    });
    const log: string[] = [];
    const io = new ProcessIO(out, sink('err', log));
    io.stdout('lost');
    await io.flush();
    await tick();
    expect(io.stdoutBroken).toBe(true);
    io.stdout('dropped');
    io.stderr('still here\n');
    await io.flush();
    expect(log).toEqual(['err:still here\n']);
  });

  test('EPIPE from a real pipe (reader exits early) does not crash', async () => {
    const head = spawn('head', ['-c', '5'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let got = '';
    head.stdout.on('data', (d) => (got += d));
    const exited = new Promise((r) => head.on('close', r));
    const log: string[] = [];
    const io = new ProcessIO(head.stdin, sink('err', log));
    const chunk = 'x'.repeat(1 << 16);
    for (let i = 0; i < 200 && !io.stdoutBroken; i++) {
      io.stdout(chunk);
      await io.flush();
    }
    await exited;
    await io.flush();
    expect(got).toBe('xxxxx');
    expect(io.stdoutBroken).toBe(true);
  });
});

describe('runTool', () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
  });

  test('the return value is the exit code, output is flushed first', async () => {
    const log: string[] = [];
    const io = new ProcessIO(sink('out', log), sink('err', log));
    const code = await runTool(
      async (argv, tio) => {
        tio.stdout(`args=${argv.join(',')}\n`);
        return 3;
      },
      { argv: ['a', 'b'], io },
    );
    expect(code).toBe(3);
    expect(process.exitCode).toBe(3);
    expect(log).toEqual(['out:args=a,b\n']);
  });

  test('an argv array as second argument', async () => {
    const io = new CaptureIO();
    const code = await runTool((argv) => argv.length, { argv: ['x'], io, setExitCode: false });
    expect(code).toBe(1);
  });

  test('ExitError maps to its code without output', async () => {
    const io = new CaptureIO();
    expect(await runTool(() => Promise.reject(new ExitError(0)), { argv: [], io })).toBe(0);
    expect(await runTool(() => Promise.reject(new ExitError(1)), { argv: [], io })).toBe(1);
    expect(io.all).toBe('');
  });

  test('other errors print like an uncaught Java exception, first line only', async () => {
    const cases: [unknown, string][] = [
      [
        new OptionException('zookeeper is not a recognized option', 'zookeeper', 'UnrecognizedOptionException'),
        'Exception in thread "main" joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option\n',
      ],
      [
        new JavaException('java.lang.IllegalArgumentException', 'Only one of --bootstrap-server or --zookeeper must be specified'),
        'Exception in thread "main" java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified\n',
      ],
      [new TypeError('boom'), 'Exception in thread "main" TypeError: boom\n'],
      [new UsageError('Missing required argument "[topic]"'), 'Missing required argument "[topic]"\n'],
    ];
    for (const [thrown, text] of cases) {
      const io = new CaptureIO();
      const code = await runTool(
        () => {
          throw thrown;
        },
        { argv: [], io, setExitCode: false },
      );
      expect(code).toBe(1);
      expect(io.err).toBe(text);
    }
  });
});
