// A jopt-simple 5 compatible command-line parser (the parser behind every Kafka console tool except
// kafka-producer-perf-test). Behaviour mirrored from jopt-simple 5.0.4 as Kafka configures it
// (`new OptionParser(false)`: no abbreviations):
//
// - `--name value` and `--name=value`; a single dash works too when the whole word is a declared
//   name (`-topic t`); otherwise `-xyz` is a cluster of one-character options, so an unknown one is
//   reported by its first character (`-daemon` -> `d is not a recognized option`).
// - An option with a required argument takes the next token whatever it looks like
//   (`--topic --describe` -> topic "--describe"); at the end of argv -> `Option topic requires an argument`.
// - An option with an optional argument takes the next token only if it does not look like an
//   option and converts to the option's type (numbers like `-1` are taken for numeric types).
// - `--` ends option parsing; `-` alone is a non-option argument; other words are non-option
//   arguments wherever they appear.
// - Typed values are converted lazily, when the tool asks for them (valueOf/valuesOf), as jopt does:
//   `Cannot parse argument 'x' of option partitions`.
// - valueOf on an option given more than once: `Found multiple arguments for option topic, but you
//   asked for only one`.
// - Options marked `required` are checked after parsing (skipped when a help option is present):
//   `Missing required option(s) [topic]`.
//
// Messages name the option by its declared `name` (Kafka declares each spelling as its own option;
// our `aliases` are compatibility spellings that report under the canonical name).

import { OptionException } from './errors';
import { parseJavaDouble as javaParseDouble, parseJavaInteger as javaParseInteger } from '../util/java-lang';

export { OptionException } from './errors';
export type { JoptExceptionKind } from './errors';

export type OptionArg = 'required' | 'optional' | 'none';
export type OptionType = 'string' | 'int' | 'long' | 'double';
export type OptionValue = string | number;

export interface OptionSpec {
  /** Long option name without dashes, e.g. `bootstrap-server`. */
  name: string;
  arg: OptionArg;
  /** Value type (default `string`); shown in help as String / Integer / Long / Double. */
  type?: OptionType;
  /** Help text (our own prose). May contain `\n` for explicit line breaks. */
  description: string;
  /**
   * jopt's `describedAs` text, shown after the type in help: argName `topic` -> `<String: topic>`.
   * (A leading `String: ` / `Integer: ` matching the type is tolerated and not repeated.)
   */
  argName?: string;
  /** Default value(s), returned by valueOf/valuesOf when the option has no value; shown in help. */
  defaultValue?: OptionValue | readonly OptionValue[];
  /** Documentation only: the tool reads this option with valuesOf (repeatable). */
  multi?: boolean;
  /** Other accepted spellings (compatibility aliases); values are merged under `name`. */
  aliases?: readonly string[];
  /** jopt `.required()`: missing -> `Missing required option(s) [name]`; marked `* ` in help. */
  required?: boolean;
  /** jopt `.forHelp()`: when present, `required` checks are skipped. */
  forHelp?: boolean;
  /** Not shown in the help table. */
  hidden?: boolean;
  /** Show the aliases next to the name in help (`--include, --whitelist <...>`); default false. */
  helpShowsAliases?: boolean;
}

/** `--help` and `--version`, which every Kafka tool declares (CommandDefaultOptions). */
export function commonOptions(): OptionSpec[] {
  return [
    { name: 'help', arg: 'none', description: 'Show this help text and exit.', forHelp: true },
    { name: 'version', arg: 'none', description: 'Show the Kafka version this tool follows and exit.', forHelp: true },
  ];
}

interface Detected {
  values: string[];
  spelled: string[];
}

function isLongOptionToken(s: string): boolean {
  return s.startsWith('--') && s !== '--';
}

function isShortOptionToken(s: string): boolean {
  return s.startsWith('-') && s !== '-' && !isLongOptionToken(s);
}

/** jopt's OptionParser.looksLikeAnOption. */
export function looksLikeAnOption(s: string): boolean {
  return isShortOptionToken(s) || isLongOptionToken(s);
}

const LEGAL_NAME = /^[A-Za-z0-9?._][A-Za-z0-9?._-]*$/;

export function validateSpecs(specs: readonly OptionSpec[]): Map<string, OptionSpec> {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) {
    for (const n of [spec.name, ...(spec.aliases ?? [])]) {
      if (!LEGAL_NAME.test(n)) throw new Error(`illegal option name '${n}'`);
      if (byName.has(n)) throw new Error(`option '${n}' declared twice`);
      byName.set(n, spec);
    }
    if (spec.arg === 'none' && (spec.type !== undefined || spec.defaultValue !== undefined)) {
      throw new Error(`option '${spec.name}' takes no argument but declares a type or default`);
    }
  }
  return byName;
}

// ---------------------------------------------------------------------------------------------
// Value conversion (Integer.valueOf, Long.valueOf, Double.valueOf)

/** Java Integer.parseInt / Long.parseLong (radix 10, ASCII digits). Returns undefined if invalid. */
export function parseJavaInteger(s: string, bits: 32 | 64): number | undefined {
  const v = javaParseInteger(s, bits === 32 ? 'int' : 'long');
  return v === null ? undefined : Number(v);
}

/** Java Double.valueOf. Returns undefined if invalid. */
export function parseJavaDouble(raw: string): number | undefined {
  return javaParseDouble(raw) ?? undefined;
}

function convert(spec: OptionSpec, raw: string): OptionValue {
  let v: number | undefined;
  switch (spec.type ?? 'string') {
    case 'string':
      return raw;
    case 'int':
      v = parseJavaInteger(raw, 32);
      break;
    case 'long':
      v = parseJavaInteger(raw, 64);
      break;
    case 'double':
      v = parseJavaDouble(raw);
      break;
  }
  if (v === undefined) {
    throw new OptionException(
      `Cannot parse argument '${raw}' of option ${spec.name}`,
      spec.name,
      'OptionArgumentConversionException',
    );
  }
  return v;
}

function canConvert(spec: OptionSpec, raw: string): boolean {
  try {
    convert(spec, raw);
    return true;
  } catch {
    return false;
  }
}

function defaultsOf(spec: OptionSpec): OptionValue[] {
  const d = spec.defaultValue;
  if (d === undefined) return [];
  return Array.isArray(d) ? [...(d as readonly OptionValue[])] : [d as OptionValue];
}

// ---------------------------------------------------------------------------------------------

/** The result of parsing: jopt's OptionSet, keyed by option name (any declared spelling works). */
export class OptionSet {
  /** The argv that was parsed (Kafka's "no arguments at all" check looks at it). */
  readonly args: readonly string[];
  readonly specs: readonly OptionSpec[];
  readonly nonOptionArguments: readonly string[];
  private readonly byName: Map<string, OptionSpec>;
  private readonly detected: Map<string, Detected>;

  constructor(
    args: readonly string[],
    specs: readonly OptionSpec[],
    byName: Map<string, OptionSpec>,
    detected: Map<string, Detected>,
    nonOptions: string[],
  ) {
    this.args = args;
    this.specs = specs;
    this.byName = byName;
    this.detected = detected;
    this.nonOptionArguments = nonOptions;
  }

  /** The declaration for a name or alias; throws (a programming error) if undeclared. */
  spec(name: string): OptionSpec {
    const spec = this.byName.get(name);
    if (!spec) throw new Error(`option '${name}' is not declared by this tool`);
    return spec;
  }

  /** Whether the option appeared on the command line (with or without a value). */
  has(name: string): boolean {
    return this.detected.has(this.spec(name).name);
  }

  /** Whether the option appeared with at least one value. */
  hasArgument(name: string): boolean {
    const d = this.detected.get(this.spec(name).name);
    return d !== undefined && d.values.length > 0;
  }

  /** The raw (unconverted) values, in command-line order; no defaults. */
  rawValuesOf(name: string): string[] {
    return [...(this.detected.get(this.spec(name).name)?.values ?? [])];
  }

  /** All values in order (converted to the option's type), or the defaults when there are none. */
  valuesOf(name: string): OptionValue[] {
    const spec = this.spec(name);
    const values = this.detected.get(spec.name)?.values ?? [];
    if (values.length === 0) return defaultsOf(spec);
    return values.map((v) => convert(spec, v));
  }

  /** The single value (or the first default, or undefined). Given more than once -> OptionException. */
  valueOf(name: string): OptionValue | undefined {
    const spec = this.spec(name);
    const values = this.valuesOf(name);
    if (values.length > 1) {
      throw new OptionException(
        `Found multiple arguments for option ${spec.name}, but you asked for only one`,
        spec.name,
        'MultipleArgumentsForOptionException',
      );
    }
    return values[0];
  }

  /** valueOf as a string (numbers are formatted with String()). */
  stringValueOf(name: string): string | undefined {
    const v = this.valueOf(name);
    return v === undefined ? undefined : String(v);
  }

  /** valueOf of a numeric option. */
  numberValueOf(name: string): number | undefined {
    const v = this.valueOf(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') throw new Error(`option '${name}' is not numeric`);
    return v;
  }

  /** valuesOf as strings. */
  stringValuesOf(name: string): string[] {
    return this.valuesOf(name).map(String);
  }

  /** The spellings the user typed for this option, in order (e.g. `['broker-list']`). */
  spelledAs(name: string): string[] {
    return [...(this.detected.get(this.spec(name).name)?.spelled ?? [])];
  }

  /** Names of the detected options, in order of first appearance. */
  detectedOptions(): string[] {
    return [...this.detected.keys()];
  }
}

/** Parse argv against the declared options; throws OptionException with jopt's messages. */
export function parseOptions(specs: readonly OptionSpec[], argv: readonly string[]): OptionSet {
  const byName = validateSpecs(specs);
  const detected = new Map<string, Detected>();
  const nonOptions: string[] = [];
  let i = 0;

  const record = (spec: OptionSpec, spelled: string, value: string | null) => {
    let d = detected.get(spec.name);
    if (!d) {
      d = { values: [], spelled: [] };
      detected.set(spec.name, d);
    }
    d.spelled.push(spelled);
    if (value !== null) d.values.push(value);
  };

  const handle = (spec: OptionSpec, spelled: string, attached: string | null) => {
    if (spec.arg === 'none') {
      record(spec, spelled, null); // jopt ignores `=value` on a no-argument option
      return;
    }
    if (attached !== null) {
      record(spec, spelled, attached);
      return;
    }
    if (spec.arg === 'required') {
      if (i >= argv.length) {
        throw new OptionException(
          `Option ${spec.name} requires an argument`,
          spec.name,
          'OptionMissingRequiredArgumentException',
        );
      }
      record(spec, spelled, argv[i++]);
      return;
    }
    // optional argument
    if (i < argv.length) {
      const next = argv[i];
      const numeric = spec.type !== undefined && spec.type !== 'string';
      if ((!looksLikeAnOption(next) || numeric) && canConvert(spec, next)) {
        i++;
        record(spec, spelled, next);
        return;
      }
    }
    record(spec, spelled, null);
  };

  const unrecognized = (name: string) =>
    new OptionException(`${name} is not a recognized option`, name, 'UnrecognizedOptionException');

  const splitKeyValue = (body: string): [string, string | null] => {
    const eq = body.indexOf('=');
    return eq < 0 ? [body, null] : [body.slice(0, eq), body.slice(eq + 1)];
  };

  let moreOptions = true;
  while (i < argv.length) {
    const tok = argv[i++];
    if (!moreOptions) {
      nonOptions.push(tok);
    } else if (tok === '--') {
      moreOptions = false;
    } else if (isLongOptionToken(tok)) {
      const [key, value] = splitKeyValue(tok.slice(2));
      const spec = byName.get(key);
      if (!spec) throw unrecognized(key);
      handle(spec, key, value);
    } else if (isShortOptionToken(tok)) {
      const [key, value] = splitKeyValue(tok.slice(1));
      const spec = byName.get(key);
      if (spec) {
        handle(spec, key, value);
      } else {
        // A cluster of one-character options: `-abc`, `-ofile`.
        const chars = tok.slice(1);
        for (const c of chars) {
          const s = byName.get(c);
          if (!s) throw unrecognized(c);
          if (s.arg !== 'none') break;
        }
        for (let k = 0; k < chars.length; k++) {
          const s = byName.get(chars[k])!;
          if (s.arg !== 'none' && k + 1 < chars.length) {
            handle(s, chars[k], chars.slice(k + 1));
            break;
          }
          handle(s, chars[k], null);
        }
      }
    } else {
      nonOptions.push(tok);
    }
  }

  const helpPresent = specs.some((s) => s.forHelp && detected.has(s.name));
  if (!helpPresent) {
    const missing = specs.filter((s) => s.required && !detected.has(s.name)).map((s) => s.name);
    if (missing.length > 0) {
      throw new OptionException(
        `Missing required option(s) [${missing.join(', ')}]`,
        missing[0],
        'MissingRequiredOptionsException',
      );
    }
  }

  return new OptionSet([...argv], specs, byName, detected, nonOptions);
}

export {
  checkRequiredArgs,
  checkInvalidArgs,
  checkInvalidArgsSet,
  javaOptionSetOrder,
} from './command-line-utils';
