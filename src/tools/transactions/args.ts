// kafka-transactions' arguments as argparse4j parses them (Kafka 4.4's TransactionsCommand): a
// main parser (-h, -v, --command-config, --bootstrap-server) whose one positional, COMMAND, is a
// subparser with options of its own. Rules followed, from Kafka's tool:
// - an option may be abbreviated to a unique prefix, a command too (`lis`); an ambiguous command
//   is `ambiguous command: des could match describe, describe-producers`;
// - `--name=value` or `--name value`; a value that looks like an option (not a negative number)
//   is missing (`expected one argument`); the last of repeated options wins;
// - values convert at once (Integer, Long, Short with Java's messages);
// - the command's own errors (help, conversion, unrecognized, required) come first, with the
//   command's usage; then the main parser's: too few arguments, a required option, unrecognized;
// - -h prints the help on stdout with status 1; -v prints the version with status 0.
import { parseJavaInteger } from '../../cli/options';
import { HELP } from './help-texts';

export type ArgType = 'string' | 'int' | 'long' | 'short';

interface ArgSpec {
  flag: string;
  dest: string;
  type: ArgType;
  required?: boolean;
  defaultValue?: number;
}

export const COMMANDS = ['list', 'describe', 'describe-producers', 'abort', 'find-hanging', 'forceTerminateTransaction'] as const;
export type Command = typeof COMMANDS[number];

const TOPIC: ArgSpec = { flag: '--topic', dest: 'topic', type: 'string', required: true };
const PARTITION: ArgSpec = { flag: '--partition', dest: 'partition', type: 'int', required: true };

const SPECS: Record<Command, ArgSpec[]> = {
  list: [
    { flag: '--duration-filter', dest: 'durationFilter', type: 'long' },
    { flag: '--transactional-id-pattern', dest: 'transactionalIdPattern', type: 'string' },
  ],
  describe: [{ flag: '--transactional-id', dest: 'transactionalId', type: 'string', required: true }],
  'describe-producers': [{ flag: '--broker-id', dest: 'brokerId', type: 'int' }, TOPIC, PARTITION],
  abort: [
    TOPIC, PARTITION,
    { flag: '--start-offset', dest: 'startOffset', type: 'long' },
    { flag: '--producer-id', dest: 'producerId', type: 'long' },
    { flag: '--producer-epoch', dest: 'producerEpoch', type: 'short' },
    { flag: '--coordinator-epoch', dest: 'coordinatorEpoch', type: 'int' },
  ],
  'find-hanging': [
    { flag: '--broker-id', dest: 'brokerId', type: 'int' },
    { flag: '--max-transaction-timeout', dest: 'maxTransactionTimeout', type: 'int', defaultValue: 15 },
    { flag: '--topic', dest: 'topic', type: 'string' },
    { flag: '--partition', dest: 'partition', type: 'int' },
  ],
  forceTerminateTransaction: [{ flag: '--transactionalId', dest: 'transactionalId', type: 'string', required: true }],
};

const MAIN: ArgSpec[] = [
  { flag: '--command-config', dest: 'commandConfig', type: 'string' },
  { flag: '--bootstrap-server', dest: 'bootstrapServer', type: 'string', required: true },
];
const MAIN_FLAGS = ['-h', '--help', '-v', '--version'];

/** An argparse error: `usage` (the parser's usage lines) then `kafka-transactions.sh: error: <message>`. */
export class ArgumentError extends Error {
  constructor(message: string, readonly help: string) {
    super(message);
  }
}

/** -h or -v: print `text` on stdout and end with `code`. */
export class PrintAndExit extends Error {
  constructor(readonly text: string, readonly code: number) {
    super('print and exit');
  }
}

export interface Parsed {
  command: Command;
  commandConfig: string | null;
  bootstrapServer: string;
  values: Map<string, string | number>;
}

const NUMBER = /^-\d+$|^-\d*\.\d+$/;
const looksLikeOption = (s: string): boolean => s.startsWith('-') && s.length > 1 && !NUMBER.test(s);

const JAVA_TYPE: Record<ArgType, string> = { string: 'String', int: 'Integer', long: 'Long', short: 'Short' };

function convert(spec: ArgSpec, raw: string, help: string): string | number {
  if (spec.type === 'string') return raw;
  const fail = (why: string) => new ArgumentError(`argument ${spec.flag}: could not convert '${raw}' to ${JAVA_TYPE[spec.type]} (${why})`, help);
  const v = parseJavaInteger(raw, spec.type === 'long' ? 64 : 32);
  if (v === undefined) throw fail(`For input string: "${raw}"`);
  // Short.valueOf: Integer.parseInt, then the range check with its own message.
  if (spec.type === 'short' && (v < -32768 || v > 32767)) throw fail(`Value out of range. Value:"${raw}" Radix:10`);
  return v;
}

/** The option a token names: exact, or a unique prefix of a long option; undefined when unknown. */
function lookup(name: string, specs: readonly ArgSpec[], flags: readonly string[], help: string): ArgSpec | string | undefined {
  const all: (ArgSpec | string)[] = [...flags, ...specs];
  const flagOf = (x: ArgSpec | string) => (typeof x === 'string' ? x : x.flag);
  const exact = all.find((x) => flagOf(x) === name);
  if (exact) return exact;
  if (!name.startsWith('--')) return undefined;
  const matches = all.filter((x) => flagOf(x).startsWith('--') && flagOf(x).startsWith(name));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new ArgumentError(`ambiguous option: ${name} could match ${matches.map(flagOf).sort().join(', ')}`, help);
  return undefined;
}

/**
 * Options of one parser from argv[start]; stops at the first positional when `stopAtPositional`
 * (the main parser, whose positional is the command). Returns the index it stopped at.
 */
function parseOptions(argv: readonly string[], start: number, specs: readonly ArgSpec[], flags: readonly string[], help: string,
  values: Map<string, string | number>, seen: Set<ArgSpec>, unrecognized: string[], stopAtPositional: boolean, version: string): number {
  let i = start;
  for (; i < argv.length; i++) {
    const token = argv[i];
    if (!looksLikeOption(token)) {
      if (stopAtPositional) return i;
      unrecognized.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const spec = lookup(name, specs, flags, help);
    if (spec === undefined) {
      unrecognized.push(token);
      continue;
    }
    if (typeof spec === 'string') {
      if (spec === '-h' || spec === '--help') throw new PrintAndExit(help, 1);
      throw new PrintAndExit(`${version}\n`, 0);
    }
    let raw = inline;
    if (raw === undefined) {
      if (i + 1 >= argv.length || looksLikeOption(argv[i + 1])) throw new ArgumentError(`argument ${spec.flag}: expected one argument`, help);
      raw = argv[++i];
    }
    values.set(spec.dest, convert(spec, raw, help));
    seen.add(spec);
  }
  return i;
}

function requireAll(specs: readonly ArgSpec[], seen: Set<ArgSpec>, help: string): void {
  let missing: ArgSpec | undefined;
  for (const s of specs) if (s.required && !seen.has(s)) missing = s;
  if (missing) throw new ArgumentError(`argument ${missing.flag} is required`, help);
}

const unrecognizedError = (tokens: string[], help: string) => new ArgumentError(`unrecognized arguments: '${tokens.join(' ')}'`, help);

export function parseArgs(argv: readonly string[], version: string): Parsed {
  const mainHelp = HELP.main;
  const values = new Map<string, string | number>();
  const mainSeen = new Set<ArgSpec>();
  const mainUnrecognized: string[] = [];
  const at = parseOptions(argv, 0, MAIN, MAIN_FLAGS, mainHelp, values, mainSeen, mainUnrecognized, true, version);
  let command: Command | undefined;
  if (at < argv.length) {
    const word = argv[at];
    const candidates = COMMANDS.filter((c) => c === word || c.startsWith(word));
    const exact = COMMANDS.find((c) => c === word);
    if (exact) command = exact;
    else if (candidates.length === 1) command = candidates[0];
    else if (candidates.length > 1) throw new ArgumentError(`ambiguous command: ${word} could match ${candidates.join(', ')}`, mainHelp);
    else throw new ArgumentError(`invalid choice: '${word}' (choose from ${COMMANDS.map((c) => `'${c}'`).join(', ')})`, mainHelp);
    const help = HELP[command];
    const specs = SPECS[command];
    for (const s of specs) if (s.defaultValue !== undefined) values.set(s.dest, s.defaultValue);
    const seen = new Set<ArgSpec>();
    const unrecognized: string[] = [];
    parseOptions(argv, at + 1, specs, ['-h', '--help'], help, values, seen, unrecognized, false, version);
    if (unrecognized.length > 0) throw unrecognizedError(unrecognized, help);
    requireAll(specs, seen, help);
  }
  if (command === undefined) throw new ArgumentError('too few arguments', mainHelp);
  requireAll(MAIN, mainSeen, mainHelp);
  if (mainUnrecognized.length > 0) throw unrecognizedError(mainUnrecognized, mainHelp);
  return {
    command,
    commandConfig: (values.get('commandConfig') as string | undefined) ?? null,
    bootstrapServer: values.get('bootstrapServer') as string,
    values,
  };
}
