// Kafka's CommandLineUtils argument checks (server-common CommandLineUtils.java, 3.7+/4.x), with
// Kafka's exact messages. Each failure throws UsageError; the tool answers it with
// printUsageAndExit (message + help on stderr, exit 1).
//
// An OptionSpec prints as its list of names, so option `topic` appears as `[topic]`.

import { UsageError } from './errors';
import { javaHashSetOrder } from '../util/java-hash';
import { joptSpecHashCode } from './jopt-hash';
import type { OptionSet } from './options';

function specString(name: string): string {
  return `[${name}]`;
}

/** Every listed option must be present: `Missing required argument "[topic]"` (first missing one). */
export function checkRequiredArgs(opts: OptionSet, ...names: string[]): void {
  for (const name of names) {
    if (!opts.has(name)) throw new UsageError(`Missing required argument "${specString(opts.spec(name).name)}"`);
  }
}

/**
 * If `usedOption` is present, none of `invalidNames` may be: the first present one (in the order
 * given) -> `Option "[replication-factor]" can't be used with option "[alter]"`.
 * Kafka often passes a java.util.HashSet here; pass `javaOptionSetOrder(opts, names)` to check in
 * that order.
 */
export function checkInvalidArgs(opts: OptionSet, usedOption: string, invalidNames: readonly string[]): void {
  if (!opts.has(usedOption)) return;
  for (const name of invalidNames) {
    if (opts.has(name)) {
      throw new UsageError(
        `Option "${specString(opts.spec(usedOption).name)}" can't be used with option "${specString(opts.spec(name).name)}"`,
      );
    }
  }
}

/**
 * If all of `usedOptions` are present, none of `invalidNames` may be (Kafka 3.7+ Java format):
 * `Option combination "[[bootstrap-server], [config]]" can't be used with option "[alter]"<suffix>`.
 * Both sets are iterated in java.util.HashSet order, as Kafka builds them with
 * `new HashSet<>(Arrays.asList(...))`. The suffix is appended verbatim (Kafka 4.x kafka-topics
 * passes ` (To alter topic configurations, the kafka-configs tool can be used.)`).
 */
export function checkInvalidArgsSet(
  opts: OptionSet,
  usedOptions: readonly string[],
  invalidNames: readonly string[],
  suffix = '',
): void {
  if (!usedOptions.every((n) => opts.has(n))) return;
  const used = javaOptionSetOrder(opts, usedOptions);
  for (const name of javaOptionSetOrder(opts, invalidNames)) {
    if (opts.has(name)) {
      const set = `[${used.map((n) => specString(n)).join(', ')}]`;
      throw new UsageError(
        `Option combination "${set}" can't be used with option "${specString(name)}"${suffix}`,
      );
    }
  }
}

/**
 * The iteration order of `new HashSet<>(Arrays.asList(specs...))` for these options, as Kafka's
 * own OptionSpecs hash (by their canonical names and argument kind). Returns canonical names.
 */
export function javaOptionSetOrder(opts: OptionSet, names: readonly string[]): string[] {
  const specs = names.map((n) => opts.spec(n));
  return javaHashSetOrder(specs, (s) => joptSpecHashCode([s.name], s.arg)).map((s) => s.name);
}
