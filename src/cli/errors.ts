// Error types shared by the console tools.
//
// - OptionException: a jopt-simple parse/lookup error, with jopt's exact message.
// - UsageError: what Kafka's CommandLineUtils reports through printUsageAndExit (the tool prints the
//   message and the help table on stderr and exits 1).
// - ExitError: "exit with this code now"; thrown instead of calling process.exit in library code.
// - JavaException: an error that Kafka would show as a Java exception (`<class>: <message>`).

/** The jopt-simple exception classes behind OptionException messages. */
export type JoptExceptionKind =
  | 'UnrecognizedOptionException'
  | 'OptionMissingRequiredArgumentException'
  | 'OptionArgumentConversionException'
  | 'MultipleArgumentsForOptionException'
  | 'MissingRequiredOptionsException';

/** jopt-simple's OptionException: `message` is exactly jopt's text. */
export class OptionException extends Error {
  /** The option (or option character) the error is about, as jopt names it. */
  readonly option: string;
  readonly kind: JoptExceptionKind;

  constructor(message: string, option: string, kind: JoptExceptionKind) {
    super(message);
    this.name = 'OptionException';
    this.option = option;
    this.kind = kind;
  }

  /** The Java class name, e.g. `joptsimple.UnrecognizedOptionException`. */
  get javaClass(): string {
    return `joptsimple.${this.kind}`;
  }

  /** Java's Throwable.toString(): `joptsimple.UnrecognizedOptionException: x is not a recognized option`. */
  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

/** A usage problem found by a tool's own argument checks (CommandLineUtils.printUsageAndExit). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Terminate the tool with `code`. Output already written stays written; runTool flushes it. */
export class ExitError extends Error {
  readonly code: number;

  constructor(code: number, message?: string) {
    super(message ?? `exit ${code}`);
    this.name = 'ExitError';
    this.code = code;
  }
}

/**
 * An error that Kafka surfaces as a Java exception. `toString()` is Java's Throwable.toString():
 * `<javaClass>: <message>`, or just `<javaClass>` when there is no message.
 */
export class JavaException extends Error {
  readonly javaClass: string;
  private readonly hasMessage: boolean;

  constructor(javaClass: string, message?: string | null) {
    super(message ?? '');
    this.name = 'JavaException';
    this.javaClass = javaClass;
    this.hasMessage = message !== undefined && message !== null;
  }

  override toString(): string {
    return javaThrowableString(this.javaClass, this.hasMessage ? this.message : null);
  }
}

/** Java's Throwable.toString(): `className` alone when the message is null, otherwise `className: message`. */
export function javaThrowableString(javaClass: string, message: string | null | undefined): string {
  return message === null || message === undefined ? javaClass : `${javaClass}: ${message}`;
}
