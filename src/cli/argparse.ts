// The command line of Kafka's tools built on argparse4j (kafka-storage): sub-commands, options
// `--name VALUE` / `-n VALUE` / `--name=VALUE`, unique prefixes of long names, mutually exclusive
// groups, and argparse4j's texts: the usage, `<prog>: error: <message>` on stderr (exit 1), the
// help on stdout (exit 0).
//
// argparse4j wraps its messages at 75 columns on java.text.BreakIterator line breaks and then
// justifies every wrapped line but the last: the missing width is spread over the runs of spaces
// (each run gets width/runs more, and the remainder goes one each to the runs in the middle).
// That is why Kafka prints `kafka-storage:  error:  invalid  choice:`.
import { ExitError } from './errors';
import type { ToolIO } from './io';
import { lineBreakSegments } from './line-break';

const WIDTH = 75;
const HELP_INDENT = 25;

/** One wrapped line made exactly `width` wide by widening its runs of spaces. */
function justify(line: string, width: number): string {
  const text = line.replace(/^ +/, '').replace(/ +$/, '');
  const runs = text.match(/ +/g)?.length ?? 0;
  if (runs === 0) return text;
  const need = width - text.length;
  const each = Math.floor(need / runs);
  const rem = need % runs;
  const remStart = Math.floor((runs - rem + 1) / 2);
  let b = 0;
  return text.replace(/ +/g, (sp) => {
    const add = each + (b >= remStart && b < remStart + rem ? 1 : 0);
    b++;
    return sp + ' '.repeat(Math.max(0, add));
  });
}

/** argparse4j's wrap: lines broken before the segment that would pass `width`, then justified. */
export function wrapText(s: string, width: number, initialOffset: number, indent: string): string {
  let out = '';
  let line = '';
  let current = initialOffset;
  for (const seg of lineBreakSegments(s)) {
    current += seg.length;
    if (current > width) {
      const offset = current - seg.length - line.length;
      out += justify(line, width - offset) + '\n' + indent;
      line = '';
      current = indent.length + seg.length;
    }
    line += seg;
    if (seg.endsWith('\n')) {
      out += line + indent;
      line = '';
      current = indent.length;
    }
  }
  return out + line;
}

export interface ArgOption {
  /** Long name without dashes, e.g. `config`; the destination key. */
  long: string;
  short?: string;
  /** The value's placeholder (CONFIG); absent for a flag. */
  metavar?: string;
  required?: boolean;
  /** Repeatable, values collected (argparse's append action). */
  append?: boolean;
  /** Options sharing a group name are mutually exclusive. */
  group?: string;
  /** Our own description, for the help. */
  help: string;
}

export interface SubCommand {
  name: string;
  /** The usage lines exactly as argparse4j lays them out (Kafka's). */
  usage: string;
  options: ArgOption[];
  /** Order in which argparse4j reports missing required options. */
  requiredOrder?: string[];
}

export interface ArgParser {
  prog: string;
  /** Top-level usage lines. */
  usage: string;
  /** The help's description paragraph and one line per sub-command (our wording). */
  description: string;
  commands: SubCommand[];
  commandHelp: Record<string, string>;
}

export type Parsed = { command: string; values: Map<string, string | string[] | true> };

function fail(io: ToolIO, p: ArgParser, usage: string, message: string): never {
  io.stderr(`${usage}\n${wrapText(`${p.prog}: error: ${message}`, WIDTH, 0, '')}\n`);
  throw new ExitError(1);
}

function helpLine(title: string, help: string): string {
  const head = `  ${title}`;
  const pad = title.length <= 21 ? ' '.repeat(HELP_INDENT - title.length - 2) : `\n${' '.repeat(HELP_INDENT)}`;
  return `${head}${pad}${wrapText(help, WIDTH, HELP_INDENT, ' '.repeat(HELP_INDENT))}\n`;
}

function optionTitle(o: ArgOption): string {
  const v = o.metavar ? ` ${o.metavar}` : '';
  return o.short ? `--${o.long}${v}, -${o.short}${v}` : `--${o.long}${v}`;
}

function printCommandHelp(io: ToolIO, c: SubCommand): never {
  let out = `${c.usage}\n\noptional arguments:\n` + helpLine('-h, --help', 'show this help message and exit');
  for (const o of c.options) out += helpLine(optionTitle(o), o.help);
  io.stdout(out);
  throw new ExitError(0);
}

function printTopHelp(io: ToolIO, p: ArgParser): never {
  const names = p.commands.map((c) => c.name);
  let out = `${p.usage}\n\n${p.description}\n\npositional arguments:\n  {${names.join(',')}}\n`;
  for (const n of names) out += helpLine(`  ${n}`, p.commandHelp[n] ?? '');
  out += `\noptional arguments:\n${helpLine('-h, --help', 'show this help message and exit')}`;
  io.stdout(out);
  throw new ExitError(0);
}

const isHelp = (a: string): boolean => a === '-h' || (a.length >= 3 && '--help'.startsWith(a));

/** Parse argv as argparse4j does; errors and help end the tool (ExitError). */
export function parseArgs(p: ArgParser, argv: string[], io: ToolIO): Parsed {
  const top: string[] = [];
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    if (isHelp(argv[i])) printTopHelp(io, p);
    top.push(argv[i]);
  }
  if (top.length > 0) fail(io, p, p.usage, `unrecognized arguments: '${top.join(' ')}'`);
  if (i >= argv.length) fail(io, p, p.usage, 'too few arguments');
  const name = argv[i++];
  const cmd = p.commands.find((c) => c.name === name);
  if (!cmd) fail(io, p, p.usage, `invalid choice: '${name}' (choose from ${p.commands.map((c) => `'${c.name}'`).join(', ')})`);
  const values = new Map<string, string | string[] | true>();
  const groupSeen = new Map<string, ArgOption>();
  const extra: string[] = [];
  const label = (o: ArgOption) => (o.short ? `--${o.long}/-${o.short}` : `--${o.long}`);
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') { extra.push(a); continue; }
    if (isHelp(a)) printCommandHelp(io, cmd);
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    let inline: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    let opt: ArgOption | undefined;
    if (flag.startsWith('--')) {
      const n = flag.slice(2);
      opt = cmd.options.find((o) => o.long === n);
      if (!opt) {
        const matches = cmd.options.filter((o) => o.long.startsWith(n));
        if (matches.length > 1) fail(io, p, cmd.usage, `ambiguous option: ${flag} could match ${matches.map((o) => `--${o.long}`).sort().join(', ')}`);
        opt = matches[0];
      }
    } else {
      opt = cmd.options.find((o) => o.short === flag.slice(1, 2));
      if (opt && inline === undefined && flag.length > 2) inline = flag.slice(2);
      else if (opt && flag.length > 2) opt = undefined;
    }
    if (!opt) { extra.push(a); continue; }
    if (opt.group) {
      const prev = groupSeen.get(opt.group);
      if (prev && prev !== opt) fail(io, p, cmd.usage, `argument ${label(opt)}: not allowed with argument ${label(prev)}`);
      groupSeen.set(opt.group, opt);
    }
    if (!opt.metavar) { values.set(opt.long, true); continue; }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) fail(io, p, cmd.usage, `argument ${label(opt)}: expected one argument`);
      value = next;
      i++;
    }
    if (opt.append) values.set(opt.long, [...((values.get(opt.long) as string[] | undefined) ?? []), value]);
    else values.set(opt.long, value);
  }
  for (const n of cmd.requiredOrder ?? cmd.options.filter((o) => o.required).map((o) => o.long)) {
    const o = cmd.options.find((x) => x.long === n)!;
    if (!values.has(n)) fail(io, p, cmd.usage, `argument ${label(o)} is required`);
  }
  if (extra.length > 0) fail(io, p, cmd.usage, `unrecognized arguments: '${extra.join(' ')}'`);
  return { command: cmd.name, values };
}
