// The help table Kafka tools print (jopt-simple 5 BuiltinHelpFormatter, 80 columns, 2-space column
// separator), and Kafka's printUsageAndExit / maybePrintHelpOrVersion.
//
// Layout (as jopt computes it):
// - rows: header `Option` / `Description` (`Option (* = required)` when an option is required),
//   an underline row, then one row per option sorted by name (Java String order);
// - left cell `--name <Type: argName>` (`[...]` for an optional argument; no type part for flags),
//   right cell the description, plus ` (default: X)` when the option has a default;
// - the option column is as wide as the widest left cell, at most 39 (= (80 - 2) / 2); the
//   description column takes the rest of the 80 columns, at most as wide as the widest description;
// - cells are wrapped at java.text.BreakIterator line-break opportunities; continuation lines are
//   indented by 2; explicit `\n` in a description starts a new (unindented) line;
// - after wrapping, widths are recomputed from the wrapped cells and every row is padded to the full
//   width of both columns (so lines carry trailing spaces, as Kafka's do).

import { ExitError, OptionException, UsageError } from './errors';
import type { ToolIO } from './io';
import { segmentEnd } from './line-break';
import { parseOptions, type OptionSet, type OptionSpec, type OptionType, type OptionValue } from './options';
import { javaTrim } from '../util/java-lang';

const OVERALL_WIDTH = 80;
const COLUMN_SEPARATOR_WIDTH = 2;
const INDENT_WIDTH = 2;

interface Row {
  option: string;
  description: string;
}

function typeIndicator(type: OptionType | undefined): string {
  switch (type ?? 'string') {
    case 'string':
      return 'String';
    case 'int':
      return 'Integer';
    case 'long':
      return 'Long';
    case 'double':
      return 'Double';
  }
}

/** Java's Double.toString for the values a help default can take. */
function javaDoubleString(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = v.toExponential().split('e');
  return `${mant.includes('.') ? mant : `${mant}.0`}E${Number(exp)}`;
}

function valueString(spec: OptionSpec, v: OptionValue): string {
  if (typeof v === 'number' && spec.type === 'double') return javaDoubleString(v);
  return String(v);
}

function displayNames(spec: OptionSpec): string[] {
  if (!spec.helpShowsAliases || !spec.aliases || spec.aliases.length === 0) return [spec.name];
  // jopt arranges synonyms: one-character names first, then the long ones, each group sorted.
  const all = [spec.name, ...spec.aliases];
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...all.filter((n) => n.length === 1).sort(cmp), ...all.filter((n) => n.length !== 1).sort(cmp)];
}

function optionCell(spec: OptionSpec): string {
  let s = spec.required ? '* ' : '';
  s += displayNames(spec)
    .map((n) => (n.length > 1 ? '--' : '-') + n)
    .join(', ');
  if (spec.arg !== 'none') {
    const type = typeIndicator(spec.type);
    let argName = spec.argName ?? '';
    if (argName.startsWith(`${type}: `)) argName = argName.slice(type.length + 2);
    const [open, close] = spec.arg === 'required' ? ['<', '>'] : ['[', ']'];
    s += ` ${open}${type}${argName ? `: ${argName}` : ''}${close}`;
  }
  return s;
}

function descriptionCell(spec: OptionSpec): string {
  const d = spec.defaultValue;
  if (d === undefined) return spec.description;
  const values = Array.isArray(d) ? (d as readonly OptionValue[]) : [d as OptionValue];
  if (values.length === 0) return spec.description;
  const shown = values.length === 1 ? valueString(spec, values[0]) : `[${values.map((v) => valueString(spec, v)).join(', ')}]`;
  return javaTrim(`${spec.description} (default: ${shown})`);
}


/** jopt Columns.piecesOf: split on line separators, then wrap each line at break opportunities. */
function piecesOf(raw: string, width: number): string[] {
  const lines = javaTrim(raw).split('\n');
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // Java split drops trailing empties
  const pieces: string[] = [];
  for (const line of lines) {
    let next = '';
    let started = false;
    for (let i = 0; i < line.length; ) {
      const end = segmentEnd(line, i);
      const word = line.slice(i, end);
      i = end;
      started = true;
      if (next.length + word.length > width) {
        pieces.push(next.replace(/[ \t\n\x0B\f\r]+$/, '')); // Java's \s+$
        next = ' '.repeat(INDENT_WIDTH) + word;
      } else {
        next += word;
      }
    }
    if (started && next.length > 0) pieces.push(next);
  }
  return pieces;
}

class Rows {
  private rows: Row[] = [];
  private widestOption = 0;
  private widestDescription = 0;

  add(option: string, description: string): void {
    this.rows.push({ option, description });
    this.widestOption = Math.max(this.widestOption, option.length);
    this.widestDescription = Math.max(this.widestDescription, description.length);
  }

  private optionWidth(): number {
    return Math.min(Math.floor((OVERALL_WIDTH - COLUMN_SEPARATOR_WIDTH) / 2), this.widestOption);
  }

  private descriptionWidth(): number {
    return Math.min(OVERALL_WIDTH - this.optionWidth() - COLUMN_SEPARATOR_WIDTH, this.widestDescription);
  }

  fitToWidth(): void {
    const ow = this.optionWidth();
    const dw = this.descriptionWidth();
    const fitted: Row[] = [];
    for (const row of this.rows) {
      const options = piecesOf(row.option, ow);
      const descriptions = piecesOf(row.description, dw);
      const n = Math.max(options.length, descriptions.length);
      for (let i = 0; i < n; i++) fitted.push({ option: options[i] ?? '', description: descriptions[i] ?? '' });
    }
    this.rows = [];
    this.widestOption = 0;
    this.widestDescription = 0;
    for (const r of fitted) this.add(r.option, r.description);
  }

  render(): string {
    const ow = this.optionWidth();
    const dw = this.descriptionWidth();
    const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
    let out = '';
    for (const r of this.rows) out += `${pad(r.option, ow)}${' '.repeat(COLUMN_SEPARATOR_WIDTH)}${pad(r.description, dw)}\n`;
    return out;
  }
}

/** The jopt help table for these options (ends with a newline). */
export function formatHelp(specs: readonly OptionSpec[]): string {
  const visible = specs
    .filter((s) => !s.hidden)
    .map((s) => ({ spec: s, key: displayNames(s)[0] }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = new Rows();
  if (visible.length === 0) {
    rows.add('No options specified', '');
  } else {
    if (visible.some((v) => v.spec.required)) {
      rows.add('Option (* = required)', 'Description');
      rows.add('---------------------', '-----------');
    } else {
      rows.add('Option', 'Description');
      rows.add('------', '-----------');
    }
    for (const { spec } of visible) rows.add(optionCell(spec), descriptionCell(spec));
  }
  rows.fitToWidth();
  return rows.render();
}

/** Kafka's printUsageAndExit: the message line, then the help table, on stderr; exit code 1. */
export function printUsageAndExit(io: ToolIO, message: string, specs: readonly OptionSpec[]): never {
  io.stderr(`${message}\n`);
  io.stderr(formatHelp(specs));
  throw new ExitError(1, message);
}

/**
 * Kafka's CommandLineUtils.maybePrintHelpOrVersion: no arguments at all or `--help` -> usage with
 * `message`, exit 1; `--version` -> the version on stdout, exit 0. Otherwise returns.
 */
export function maybePrintHelpOrVersion(
  opts: OptionSet,
  io: ToolIO,
  message: string,
  version: string,
): void {
  if (opts.args.length === 0 || opts.has('help')) printUsageAndExit(io, message, opts.specs);
  if (opts.has('version')) {
    io.stdout(`${version}\n`);
    throw new ExitError(0);
  }
}

/**
 * Parse `argv`, print help or the version when asked, then run the tool's own checks: an option
 * or usage problem prints the message and the usage and ends the run (ExitError), as Kafka's
 * CommandLineUtils.printUsageAndExit does.
 */
export function parseOrPrintUsage(io: ToolIO, specs: readonly OptionSpec[], argv: string[], help: string, version: string, check: (opts: OptionSet) => void): OptionSet {
  let opts: OptionSet;
  try {
    opts = parseOptions(specs, argv);
  } catch (e) {
    if (e instanceof OptionException) printUsageAndExit(io, e.message, specs);
    throw e;
  }
  try {
    maybePrintHelpOrVersion(opts, io, help, version);
    check(opts);
  } catch (e) {
    if (e instanceof UsageError) printUsageAndExit(io, e.message, specs);
    throw e;
  }
  return opts;
}
