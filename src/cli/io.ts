// Output for the console tools.
//
// ToolIO is all a tool needs: write text to stdout / stderr. ProcessIO backs it with the process's
// streams: stdout is buffered (flushed at 64 KiB, on the next turn of the event loop, before any
// stderr write so the two stay in order, and by flush()); stderr is written at once. A closed
// stdout (EPIPE, e.g. `| head`) is absorbed quietly, like Java's PrintStream does; the tool can
// look at `stdoutBroken` to stop early. runTool runs a tool's main, flushes, and sets
// process.exitCode — it never calls process.exit while output is pending.

import type { Writable } from 'node:stream';
import { ExitError, JavaException, OptionException, UsageError } from './errors';

export interface ToolIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface FlushableIO extends ToolIO {
  /** Resolves once everything written so far has been handed to the OS (or dropped on a broken pipe). */
  flush(): Promise<void>;
}

const FLUSH_THRESHOLD = 64 * 1024;

export class ProcessIO implements FlushableIO {
  private chunks: string[] = [];
  private size = 0;
  private scheduled = false;
  private broken = false;
  private lastOut: Promise<void> = Promise.resolve();
  private lastErr: Promise<void> = Promise.resolve();

  constructor(
    private readonly out: Writable = process.stdout,
    private readonly err: Writable = process.stderr,
  ) {
    // Without listeners an EPIPE would crash the process with an unhandled 'error' event.
    out.on('error', () => this.markBroken());
    err.on('error', () => {
      /* nowhere left to report it */
    });
  }

  /** True once stdout has failed (the reader went away); later stdout writes are dropped. */
  get stdoutBroken(): boolean {
    return this.broken;
  }

  stdout = (s: string): void => {
    if (this.broken || s.length === 0) return;
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_THRESHOLD) {
      this.flushBuffered();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flushBuffered();
      });
    }
  };

  stderr = (s: string): void => {
    this.flushBuffered();
    if (s.length === 0) return;
    this.lastErr = write(this.err, s);
  };

  /**
   * Write bytes to stdout now, after any buffered text (the console consumer's output path).
   * `onWritten` is called once the stream no longer needs `b`, so the caller may reuse it.
   */
  stdoutBytes = (b: Buffer, onWritten?: () => void): void => {
    this.flushBuffered();
    if (this.broken || b.length === 0) {
      onWritten?.();
      return;
    }
    const done = write(this.out, b);
    this.lastOut = onWritten ? done.then(onWritten) : done;
  };

  /** Hand buffered stdout text to the stream now (synchronously), without waiting for it to drain. */
  flushBuffered(): void {
    if (this.size === 0 && this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (this.broken) return;
    this.lastOut = write(this.out, data);
  }

  /** True while the stdout stream holds more than its high-water mark (a producer of output may wait). */
  get needsDrain(): boolean {
    return this.out.writableNeedDrain === true;
  }

  /** Resolves when stdout can take more output (immediately unless needsDrain). */
  waitForDrain(): Promise<void> {
    if (!this.needsDrain || this.broken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('error', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('error', done);
      this.out.on('close', done);
    });
  }

  async flush(): Promise<void> {
    this.flushBuffered();
    await Promise.all([this.lastOut, this.lastErr]);
  }

  private markBroken(): void {
    this.broken = true;
    this.chunks = [];
    this.size = 0;
  }
}

function write(stream: Writable, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    try {
      stream.write(data, () => resolve());
    } catch {
      resolve();
    }
  });
}

/** A ProcessIO on process.stdout / process.stderr. */
export function createProcessIO(): ProcessIO {
  return new ProcessIO();
}

/** An in-memory ToolIO for tests: `out`, `err`, and both interleaved in `all`. */
export class CaptureIO implements FlushableIO {
  out = '';
  err = '';
  all = '';

  stdout = (s: string): void => {
    this.out += s;
    this.all += s;
  };

  stderr = (s: string): void => {
    this.err += s;
    this.all += s;
  };

  async flush(): Promise<void> {
    /* nothing buffered */
  }
}

export type ToolMain = (argv: string[], io: ToolIO) => Promise<number> | number;

export interface RunToolOptions {
  /** Default: process.argv.slice(2). */
  argv?: string[];
  /** Default: a new ProcessIO on process.stdout / process.stderr. */
  io?: FlushableIO;
  /** Set process.exitCode (default true). */
  setExitCode?: boolean;
}

/**
 * Run a tool's main: its return value, or the code of an ExitError it throws, is the exit code.
 * Anything else thrown is reported the way an uncaught exception shows in Kafka's tools, first line
 * only (`Exception in thread "main" <class>: <message>`), exit code 1; set KAFKA_LOCAL_DEBUG=1 to
 * get the JavaScript stack as well. Output is flushed before the code is returned/set.
 */
export async function runTool(main: ToolMain, argvOrOptions: string[] | RunToolOptions = {}): Promise<number> {
  const options: RunToolOptions = Array.isArray(argvOrOptions) ? { argv: argvOrOptions } : argvOrOptions;
  const io = options.io ?? new ProcessIO();
  const argv = options.argv ?? process.argv.slice(2);
  let code: number;
  try {
    code = await main(argv, io);
  } catch (e) {
    code = reportThrown(e, io);
  }
  try {
    await io.flush();
  } catch {
    /* output is gone; keep the exit code */
  }
  if (options.setExitCode ?? true) process.exitCode = code;
  return code;
}

/** The exit code for something a tool threw, after reporting it on stderr if it is not an ExitError. */
export function reportThrown(e: unknown, io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  let line: string;
  if (e instanceof OptionException || e instanceof JavaException) {
    line = e.toString();
  } else if (e instanceof UsageError) {
    // A tool should catch these and print usage; this is only a fallback.
    io.stderr(`${e.message}\n`);
    return 1;
  } else if (e instanceof Error) {
    line = `${e.name}: ${e.message}`;
  } else {
    line = String(e);
  }
  io.stderr(`Exception in thread "main" ${line}\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}
