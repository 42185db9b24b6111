// `--watch`: a frame every N seconds until Ctrl-C (SIGINT) or SIGTERM. On a terminal each frame
// is drawn in place on the alternate screen (cursor home + clear: no scrolling), cut to the
// terminal's height (fit-frame.ts), and the normal screen comes back on exit; into a pipe frames follow each other, plain. Each frame says what
// changed since the one before (diff.ts). A frame that cannot be read says why and the watch goes
// on: the next good frame is compared with the last good one. With --output json each frame is
// one line: the document with a `changes` array.
import type { ToolIO } from '../../cli/io';
import { diffStatus } from './diff';
import type { StatusDocument } from './model';
import type { Paint } from './paint';
import { fitFrame } from './fit-frame';
import { renderSections } from './render-table';

export const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
export const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';
export const HOME_CLEAR = '\x1b[H\x1b[2J';

export interface WatchOptions {
  intervalMs: number;
  json: boolean;
  /** Draw in place (stdout is a terminal). */
  inPlace: boolean;
  /** In place: the terminal's size now (it may change between frames); a frame is cut to its rows. */
  screen?: () => { rows?: number; columns?: number };
  paint: Paint;
  bootstrap: string;
}

export async function watchStatus(gather: () => Promise<StatusDocument>, opts: WatchOptions, io: ToolIO): Promise<number> {
  let stopped = false;
  let resolveStop!: () => void;
  const stopSignal = new Promise<void>((r) => { resolveStop = r; });
  const stop = (): void => {
    stopped = true;
    resolveStop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (opts.inPlace && !opts.json) io.stdout(ENTER_SCREEN);
  let last: StatusDocument | undefined;
  try {
    for (let frame = 1; !stopped; frame++) {
      let doc: StatusDocument | undefined;
      let error: string | undefined;
      try {
        const got = await Promise.race([gather(), stopSignal.then(() => undefined)]);
        if (stopped || got === undefined) break;
        doc = got;
      } catch (e) {
        if (stopped) break;
        error = e instanceof Error ? e.message : String(e);
      }
      const changes = doc && last ? diffStatus(last, doc) : [];
      io.stdout(opts.json ? jsonFrame(doc, changes, error) : tableFrame(frame, doc, last !== undefined, changes, error, opts));
      if (doc) last = doc;
      await Promise.race([new Promise((r) => { const t = setTimeout(r, opts.intervalMs); stopSignal.then(() => clearTimeout(t)); }), stopSignal]);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (opts.inPlace && !opts.json) io.stdout(LEAVE_SCREEN);
  }
  return 0;
}

function jsonFrame(doc: StatusDocument | undefined, changes: string[], error: string | undefined): string {
  return `${JSON.stringify(doc ? { ...doc, changes } : { error })}\n`;
}

function tableFrame(
  frame: number, doc: StatusDocument | undefined, hadFrame: boolean, changes: string[], error: string | undefined, opts: WatchOptions,
): string {
  const { paint } = opts;
  const time = new Date().toTimeString().slice(0, 8);
  const start = opts.inPlace ? HOME_CLEAR : frame > 1 ? '\n' : '';
  const title = `${paint.bold('kafka-local status')}  ${opts.bootstrap}  every ${opts.intervalMs / 1000}s  ${time}  frame ${frame}  (Ctrl-C to quit)`;
  if (error !== undefined) return `${start}${title}\n${paint.red(`error: ${error}`)}\n`;
  const heading = !hadFrame ? 'Changes: first frame'
    : changes.length === 0 ? 'Changes: none since the last frame' : `Changes since the last frame (${changes.length}):`;
  const [cluster, ...rest] = renderSections(doc!, paint).map((s) => s.replace(/\n$/, '').split('\n'));
  const parts = {
    head: [title, heading], changes: changes.map((c) => `  ${paint.cyan(`* ${c}`)}`), cluster, rest: rest.flatMap((lines) => ['', ...lines]),
  };
  if (!opts.inPlace) return `${start}${fitFrame(parts).join('\n')}\n`;
  // In place the last line ends without a newline: a newline on the screen's last row would scroll it.
  const screen = opts.screen?.() ?? {};
  return `${start}${fitFrame(parts, screen.rows, screen.columns).join('\n')}`;
}
