// A --watch frame cut to the terminal's height. Drawn in place from the top of the screen, a frame
// taller than the terminal would scroll, and what scrolls out first is its top: the changes since
// the last frame, the reason to watch. So the title, the changes and the cluster section always
// stay (the changes themselves shortened to leave room for the cluster), and the topics and groups
// below are cut where the screen ends, with a line that says how much is hidden and how to see it.
import { stripVTControlCharacters } from 'node:util';

export interface FrameParts {
  /** The title and the "Changes ..." line. */
  head: string[];
  /** One line per change. */
  changes: string[];
  /** The cluster section's lines. */
  cluster: string[];
  /** The other sections' lines (topics, groups, warnings), in order. */
  rest: string[];
}

/** At most this many changes are listed, whatever the room (a burst of changes is summed up). */
export const MAX_CHANGES = 30;

export const moreChanges = (n: number): string => `  ... and ${n} more`;
export const moreLines = (n: number): string => `... ${n} more lines (narrow with --topic/--group)`;

/**
 * The frame's lines: head, changes, an empty line, the cluster, the rest. With `rows`, at most that
 * many screen rows, counting a line wider than `cols` as the rows it wraps onto.
 */
export function fitFrame(parts: FrameParts, rows?: number, cols?: number): string[] {
  const height = (line: string): number => (cols && cols > 0 ? Math.max(1, Math.ceil(stripVTControlCharacters(line).length / cols)) : 1);
  const sum = (lines: string[]): number => lines.reduce((n, l) => n + height(l), 0);
  const changes = (room: number): string[] => {
    if (parts.changes.length <= room) return parts.changes;
    const shown = Math.max(0, room - 1);
    return [...parts.changes.slice(0, shown), moreChanges(parts.changes.length - shown)];
  };
  const whole = [...parts.head, ...changes(MAX_CHANGES), '', ...parts.cluster, ...parts.rest];
  if (!rows || rows <= 0 || sum(whole) <= rows) return whole;

  // The changes get what the head, the cluster and the "more lines" line leave; then the rest
  // fills the screen's other rows. (On a terminal too small even for the head and the cluster,
  // the same cut keeps its first rows.)
  const room = rows - sum(parts.head) - 1 - sum(parts.cluster) - 1;
  const all = [...parts.head, ...changes(Math.min(MAX_CHANGES, Math.max(1, room))), '', ...parts.cluster, ...parts.rest];
  const out: string[] = [];
  let used = 0;
  for (const line of all) {
    if (used + height(line) > rows - 1) break;
    out.push(line);
    used += height(line);
  }
  out.push(moreLines(all.length - out.length));
  return out;
}
