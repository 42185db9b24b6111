// The argparse4j rules kafka-producer-perf-test parses its arguments with (Kafka 4.4's
// ProducerPerformance), for a parser of optional arguments only:
//
// - `--name value` and `--name=value`; a unique prefix of a name is accepted (`--num 5`), an
//   ambiguous one is an error listing the candidates in sorted order;
// - a value is the next token unless it looks like an option (a leading `-` that is not a number);
// - values convert at once: `argument --num-records: could not convert 'x' to Long (...)`;
// - nargs `+` takes every token up to the next option, at least one;
// - a flag given `=value`: `ignore implicit argument`;
// - a member of a mutually exclusive group after another: `not allowed with argument`;
// - after the tokens: unrecognized ones, then missing required arguments (the last one missing is
//   the one named), then the required group.
// Errors are ArgparseError; `-h`/`--help` prints the help on stdout and ends with status 1.
import { parseJavaDouble, parseJavaInteger } from '../../cli/options';

export type ArgType = 'string' | 'int' | 'long' | 'double' | 'flag';

export interface ArgSpec {
  flag: string;
  dest: string;
  type: ArgType;
  nargs?: '+';
  required?: boolean;
  choices?: readonly string[];
  defaultValue?: string | number | boolean | string[] | null;
  /** Member of the (one, required) mutually exclusive group. */
  exclusive?: boolean;
}

export class ArgparseError extends Error {}

/** -h/--help was given: the help is printed, the tool ends with status 1. */
export class HelpRequested extends Error {}

export type Namespace = Map<string, string | number | boolean | string[] | null>;

const NUMBER = /^-\d+$|^-\d*\.\d+$/;
const looksLikeOption = (s: string): boolean => s.startsWith('-') && s.length > 1 && !NUMBER.test(s);

const JAVA_TYPE: Record<string, string> = { int: 'Integer', long: 'Long', double: 'Double' };

function convert(spec: ArgSpec, raw: string): string | number {
  if (spec.type === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) {
      throw new ArgparseError(`argument ${spec.flag}: invalid choice: '${raw}' (choose from {${spec.choices.join(',')}})`);
    }
    return raw;
  }
  const v = spec.type === 'double' ? parseJavaDouble(raw) : parseJavaInteger(raw, spec.type === 'int' ? 32 : 64);
  if (v === undefined) {
    const why = spec.type === 'double' && raw.trim() === '' ? 'empty String' : `For input string: "${raw}"`;
    throw new ArgparseError(`argument ${spec.flag}: could not convert '${raw}' to ${JAVA_TYPE[spec.type]} (${why})`);
  }
  return v;
}

export function parseArgs(specs: readonly ArgSpec[], argv: readonly string[]): Namespace {
  const ns: Namespace = new Map();
  for (const s of specs) ns.set(s.dest, s.defaultValue ?? (s.type === 'flag' ? false : null));
  const seen = new Set<ArgSpec>();
  const unrecognized: string[] = [];
  let exclusiveGiven: ArgSpec | undefined;

  const lookup = (name: string): ArgSpec | undefined => {
    if (name === '-h' || name === '--help') throw new HelpRequested();
    const exact = specs.find((s) => s.flag === name);
    if (exact) return exact;
    if (!name.startsWith('--')) return undefined;
    const matches = specs.filter((s) => s.flag.startsWith(name));
    if ('--help'.startsWith(name)) matches.push({ flag: '--help', dest: 'help', type: 'flag' });
    if (matches.length === 1) {
      if (matches[0].flag === '--help') throw new HelpRequested();
      return matches[0];
    }
    if (matches.length > 1) {
      const names = matches.map((m) => m.flag).sort();
      throw new ArgparseError(`ambiguous option: ${name} could match ${names.join(', ')}`);
    }
    return undefined;
  };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!looksLikeOption(token)) {
      unrecognized.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const spec = lookup(name);
    if (!spec) {
      unrecognized.push(token);
      continue;
    }
    if (spec.exclusive) {
      if (exclusiveGiven && exclusiveGiven !== spec) throw new ArgparseError(`argument ${spec.flag}: not allowed with argument ${exclusiveGiven.flag}`);
      exclusiveGiven = spec;
    }
    seen.add(spec);
    if (spec.type === 'flag') {
      if (inline !== undefined) throw new ArgparseError(`argument ${spec.flag}: ignore implicit argument '${inline}'`);
      ns.set(spec.dest, true);
    } else if (spec.nargs === '+') {
      const values: string[] = inline !== undefined ? [inline] : [];
      while (i + 1 < argv.length && !looksLikeOption(argv[i + 1])) values.push(argv[++i]);
      if (values.length === 0) throw new ArgparseError(`argument ${spec.flag}: expected 1 argument(s)`);
      ns.set(spec.dest, values);
    } else {
      let raw = inline;
      if (raw === undefined) {
        if (i + 1 >= argv.length || looksLikeOption(argv[i + 1])) throw new ArgparseError(`argument ${spec.flag}: expected one argument`);
        raw = argv[++i];
      }
      ns.set(spec.dest, convert(spec, raw));
    }
  }
  if (unrecognized.length > 0) throw new ArgparseError(`unrecognized arguments: ${unrecognized.map((u) => `'${u}'`).join(' ')}`);
  let missing: ArgSpec | undefined;
  for (const s of specs) if (s.required && !seen.has(s)) missing = s;
  if (missing) throw new ArgparseError(`argument ${missing.flag} is required`);
  const group = specs.filter((s) => s.exclusive);
  if (group.length > 0 && !exclusiveGiven) {
    throw new ArgparseError(`one of the arguments ${group.map((s) => s.flag).join(' ')} is required`);
  }
  return ns;
}
