// jopt-simple's OptionSpec hash codes: Kafka prints option sets in HashSet order.
import { javaStringListHashCode } from '../util/java-hash';

/**
 * hashCode() of a jopt-simple OptionSpec declared with the given names: the List hash of its
 * names, xor 1 for an option whose argument is optional (ArgumentAcceptingOptionSpec.hashCode).
 */
export function joptSpecHashCode(names: readonly string[], arg: 'required' | 'optional' | 'none'): number {
  const h = javaStringListHashCode(names);
  return arg === 'optional' ? h ^ 1 : h;
}
