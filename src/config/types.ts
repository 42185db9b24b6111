// Config definitions modelled on Kafka's org.apache.kafka.common.config.ConfigDef (3.9):
// types, string parsing (ConfigDef.parseType), validators (Range, ValidString, ValidList, ...),
// the value -> string conversion (ConfigDef.convertToString) and ConfigException's message
// format `Invalid value <v> for configuration <name>[: <reason>]`.

import { javaHashMapOrder } from '../util/java-hash';

export type ConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';

/** A config value as Kafka password configs hold it: never printed. */
export class Password {
  constructor(readonly value: string) {}
  /** Password.toString() in Kafka. */
  toString(): string {
    return '[hidden]';
  }
}

/**
 * A parsed ("typed") config value: boolean; string (STRING and CLASS: the class name);
 * number (INT, SHORT, DOUBLE); bigint (LONG); string[] (LIST); Password; null (no value).
 */
export type ConfigValue = boolean | string | number | bigint | readonly string[] | Password | null;

/** Which Java exception Kafka raises; decides the error code a broker answers with. */
export type ConfigExceptionKind = 'ConfigException' | 'InvalidConfigurationException' | 'InvalidRequestException';

const EXCEPTION_CLASS: Record<ConfigExceptionKind, string> = {
  ConfigException: 'org.apache.kafka.common.config.ConfigException',
  InvalidConfigurationException: 'org.apache.kafka.common.errors.InvalidConfigurationException',
  InvalidRequestException: 'org.apache.kafka.common.errors.InvalidRequestException',
};

/**
 * A config validation failure carrying Kafka's exact message. Brokers answer INVALID_CONFIG (40)
 * for ConfigException / InvalidConfigurationException and INVALID_REQUEST (42) for
 * InvalidRequestException (dynamic broker config checks).
 */
export class ConfigValidationError extends Error {
  constructor(
    message: string,
    readonly kind: ConfigExceptionKind = 'ConfigException',
    /** The config the message is about, when there is one. */
    readonly configName?: string,
  ) {
    super(message);
    this.name = 'ConfigValidationError';
  }

  /** Kafka protocol error code for this failure. */
  get errorCode(): number {
    return this.kind === 'InvalidRequestException' ? 42 : 40;
  }

  /** Fully qualified Java class name, for `<class>: <message>` lines. */
  get javaClass(): string {
    return EXCEPTION_CLASS[this.kind];
  }
}

/** `new ConfigException(name, value, reason)`. `valueText` is the Java toString of the value. */
export function invalidValue(name: string, valueText: string, reason?: string | null): ConfigValidationError {
  return new ConfigValidationError(
    `Invalid value ${valueText} for configuration ${name}${reason == null ? '' : `: ${reason}`}`,
    'ConfigException',
    name,
  );
}

/** `Unknown topic config name: <name>` (InvalidConfigurationException), from LogConfig.validateNames. */
export function unknownTopicConfig(name: string): ConfigValidationError {
  return new ConfigValidationError(`Unknown topic config name: ${name}`, 'InvalidConfigurationException', name);
}

// ---------------------------------------------------------------------------------------------
// Java number / string helpers

export { javaTrim, parseJavaInteger, parseJavaDouble } from '../util/java-lang';
import { javaTrim, parseJavaDouble, parseJavaInteger } from '../util/java-lang';

/** Double.toString(d) (shortest repr; decimal for 1e-3 <= |d| < 1e7, else `d.dddE[-]n`). */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = d.toExponential().split('e');
  return `${mant.includes('.') ? mant : `${mant}.0`}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** Java's toString of a parsed value of the given type (what ConfigException messages show). */
export function javaValueToString(value: ConfigValue, type: ConfigType | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return type === 'double' ? javaDoubleToString(value) : String(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Validators

export interface Validator {
  /** Discriminator, for introspection. */
  readonly kind: string;
  /** Kafka's toString(): the "Valid Values" text. */
  readonly text: string;
  /** Throws ConfigValidationError as Kafka's validator does. */
  ensureValid(name: string, value: ConfigValue, type: ConfigType): void;
}

function rangeValidator(min: number | undefined, max: number | undefined): Validator {
  const text =
    min === undefined && max === undefined
      ? '[...]'
      : min === undefined
        ? `[...,${max}]`
        : max === undefined
          ? `[${min},...]`
          : `[${min},...,${max}]`;
  return {
    kind: 'range',
    text,
    ensureValid(name, value, type) {
      if (value === null) throw invalidValue(name, 'null', 'Value must be non-null');
      const n = Number(value as number | bigint);
      if (min !== undefined && n < min) throw invalidValue(name, javaValueToString(value, type), `Value must be at least ${min}`);
      if (max !== undefined && n > max) throw invalidValue(name, javaValueToString(value, type), `Value must be no more than ${max}`);
    },
  };
}

/** ConfigDef.Range.atLeast(min). `min` is an integer in every Kafka use (printed as such). */
export function atLeast(min: number): Validator & { min: number } {
  return Object.assign(rangeValidator(min, undefined), { min });
}

/** ConfigDef.Range.between(min, max) (both inclusive). */
export function between(min: number, max: number): Validator & { min: number; max: number } {
  return Object.assign(rangeValidator(min, max), { min, max });
}

/** ConfigDef.ValidString.in(...): case-sensitive membership. */
export function validString(...values: string[]): Validator & { values: readonly string[] } {
  return {
    kind: 'validString',
    values,
    text: `[${values.join(', ')}]`,
    ensureValid(name, value) {
      if (!values.includes(value as string)) throw invalidValue(name, String(value), `String must be one of: ${values.join(', ')}`);
    },
  };
}

/** ConfigDef.CaseInsensitiveValidString.in(...). */
export function caseInsensitiveValidString(...values: string[]): Validator & { values: readonly string[] } {
  // Kafka keeps the upper-cased names in a HashSet (Collectors.toSet) and joins it in that order.
  const upper = javaHashMapOrder(values.map((v) => v.toUpperCase()));
  const joined = upper.join(', ');
  return {
    kind: 'caseInsensitiveValidString',
    values,
    text: `(case insensitive) [${joined}]`,
    ensureValid(name, value) {
      if (value === null || !upper.includes(String(value).toUpperCase()))
        throw invalidValue(name, String(value), `String must be one of (case insensitive): ${joined}`);
    },
  };
}

/** ConfigDef.ValidList.in(...): every element must be one of the values (message per element). */
export function validList(...values: string[]): Validator & { values: readonly string[] } {
  const element = validString(...values);
  return {
    kind: 'validList',
    values,
    text: element.text,
    ensureValid(name, value, type) {
      for (const s of value as readonly string[]) element.ensureValid(name, s, type);
    },
  };
}

/** ConfigDef.NonEmptyString. */
export function nonEmptyString(): Validator {
  return {
    kind: 'nonEmptyString',
    text: 'non-empty string',
    ensureValid(name, value) {
      if (value === '') throw invalidValue(name, '', 'String must be non-empty');
    },
  };
}

/** ConfigDef.NonNullValidator. */
export function nonNull(): Validator {
  return {
    kind: 'nonNull',
    text: 'non-null string',
    ensureValid(name, value) {
      if (value === null) throw invalidValue(name, 'null', 'entry must be non null');
    },
  };
}

/** A validator with its own check (the message is built by `check`). */
export function customValidator(kind: string, text: string, check: (name: string, value: ConfigValue, type: ConfigType) => void): Validator {
  return { kind, text, ensureValid: check };
}

// ---------------------------------------------------------------------------------------------
// Definitions

export interface ConfigDef {
  readonly name: string;
  readonly type: ConfigType;
  /**
   * The default as Kafka shows it (ConfigDef.convertToString of the parsed default: lists joined
   * with ",", doubles as Double.toString), or null when the default is null.
   */
  readonly default: string | null;
  readonly validator?: Validator;
  /** PASSWORD type: value never shown (DescribeConfigs answers null). */
  readonly sensitive: boolean;
  /** Broker configs: not dynamically updatable (DescribeConfigs `readOnly`). Topic configs: false. */
  readonly readOnly?: boolean;
  /** Broker configs that are dynamically updatable: at which level (DynamicBrokerConfig). */
  readonly dynamic?: 'per-broker' | 'cluster-wide';
  /** ConfigDef.defineInternal: parsed, but not listed by DescribeConfigs unless set explicitly. */
  readonly internal?: boolean;
}

/** Small helper to declare definitions tersely. */
export function define(
  name: string,
  type: ConfigType,
  dflt: string | null,
  validator?: Validator | null,
  extra: Partial<Pick<ConfigDef, 'readOnly' | 'dynamic' | 'internal'>> = {},
): ConfigDef {
  const def: ConfigDef = { name, type, default: dflt, sensitive: type === 'password', ...extra };
  return validator ? { ...def, validator } : def;
}

const COMMA_WITH_WHITESPACE = /\s*,\s*/;

/**
 * ConfigDef.parseType for a string value: the typed value, or ConfigValidationError with
 * Kafka's message (`Not a number of type INT`, `Expected value to be either true or false`, ...).
 * The value in a parse-failure message is the raw (untrimmed) string, as in Kafka.
 */
export function parseType(name: string, raw: string, type: ConfigType): ConfigValue {
  const trimmed = javaTrim(raw);
  switch (type) {
    case 'boolean': {
      const l = trimmed.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      throw invalidValue(name, raw, 'Expected value to be either true or false');
    }
    case 'password':
      return new Password(trimmed);
    case 'string':
      return trimmed;
    case 'int':
    case 'short': {
      const v = parseJavaInteger(trimmed, type);
      if (v === null) throw invalidValue(name, raw, `Not a number of type ${type.toUpperCase()}`);
      return Number(v);
    }
    case 'long': {
      const v = parseJavaInteger(trimmed, 'long');
      if (v === null) throw invalidValue(name, raw, 'Not a number of type LONG');
      return v;
    }
    case 'double': {
      const v = parseJavaDouble(trimmed);
      if (v === null) throw invalidValue(name, raw, 'Not a number of type DOUBLE');
      return v;
    }
    case 'list':
      return trimmed === '' ? [] : trimmed.split(COMMA_WITH_WHITESPACE);
    case 'class':
      // Kafka loads the class (`Class <x> could not be found.`); there are no classes to load here.
      return trimmed;
  }
}

/** Parse `raw` for `def` and run its validator (ConfigDef.parseValue for a set value). */
export function parseConfigValue(def: ConfigDef, raw: string): ConfigValue {
  const value = parseType(def.name, raw, def.type);
  def.validator?.ensureValid(def.name, value, def.type);
  return value;
}

/** The typed default of `def` (null when the default is null). */
export function defaultValue(def: ConfigDef): ConfigValue {
  return def.default === null ? null : parseType(def.name, def.default, def.type);
}

/** ConfigDef.convertToString: the string Kafka reports for a typed value (null stays null). */
export function formatConfigValue(value: ConfigValue, type: ConfigType | null): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(',');
  if (value instanceof Password) return value.toString();
  if (typeof value === 'number') return type === 'double' ? javaDoubleToString(value) : String(value);
  return String(value);
}

/**
 * ConfigDef.parse: every definition in order, the set ones parsed and all validated, the first
 * failure thrown. Returns the typed values of all definitions (defaults where not set).
 * `values` may hold raw strings (parsed) or already typed values (validated only).
 */
export function parseAll(defs: readonly ConfigDef[], values: ReadonlyMap<string, string | ConfigValue>): Map<string, ConfigValue> {
  const out = new Map<string, ConfigValue>();
  for (const def of defs) {
    let v: ConfigValue;
    if (values.has(def.name)) {
      const given = values.get(def.name) as string | ConfigValue;
      v = typeof given === 'string' ? parseType(def.name, given, def.type) : given;
    } else {
      v = defaultValue(def);
    }
    if (def.validator) def.validator.ensureValid(def.name, v, def.type);
    out.set(def.name, v);
  }
  return out;
}
