// The iteration order of the option sets Kafka's TopicCommand hands to checkInvalidArgs, so that
// when several forbidden options are present the same one is reported first.
//
// - 3.9 (Java): `invalidOptions(add, remove)` = new LinkedHashSet(allTopicLevelOpts) (a
//   java.util.HashSet built from a list) minus `remove`, then `add` appended in its own HashSet order.
// - 2.8 (Scala 2.13): immutable Sets with 5+ elements are CHAMP hash tries; smaller literal Sets
//   (Set1..Set4) keep insertion order. Iteration is pre-order: a node's own elements by 5-bit hash
//   slot, then its sub-nodes by slot.

import { javaHashSetOrder } from '../../util/java-hash';
import { joptSpecHashCode } from '../../cli/jopt-hash';

/** hashCode() of a jopt OptionSpec declared with one name (none of TopicCommand's take optional arguments). */
export function specHash(name: string): number {
  return joptSpecHashCode([name], 'required');
}

/** `new HashSet<>(Arrays.asList(names))` iteration order. */
export function javaSetOrder(names: readonly string[]): string[] {
  return javaHashSetOrder(names, specHash, 'collection');
}

/** TopicCommand 3.9's invalidOptions(addOptions, removeOptions). */
export function javaInvalidOptions(allTopicLevel: readonly string[], remove: readonly string[], add: readonly string[] = []): string[] {
  const out = javaSetOrder(allTopicLevel).filter((n) => !remove.includes(n));
  for (const n of javaSetOrder(add)) if (!out.includes(n)) out.push(n);
  return out;
}

/** scala.collection.Hashing.improve (Scala 2.13). */
function improve(hcode: number): number {
  let h = (hcode + ~(hcode << 9)) | 0;
  h ^= h >>> 14;
  h = (h + (h << 4)) | 0;
  return (h ^ (h >>> 10)) | 0;
}

function champOrder(items: { name: string; hash: number }[], shift: number): string[] {
  if (items.length <= 1 || shift >= 32) return items.map((i) => i.name);
  const slots = new Map<number, { name: string; hash: number }[]>();
  for (const it of items) {
    const slot = (it.hash >>> shift) & 31;
    const list = slots.get(slot) ?? [];
    list.push(it);
    slots.set(slot, list);
  }
  const keys = [...slots.keys()].sort((a, b) => a - b);
  const payload: string[] = [];
  const nodes: string[] = [];
  for (const k of keys) {
    const list = slots.get(k)!;
    if (list.length === 1) payload.push(list[0].name);
    else nodes.push(...champOrder(list, shift + 5));
  }
  return [...payload, ...nodes];
}

/**
 * Iteration order of a Scala 2.13 immutable HashSet of these option specs (what every set derived
 * from TopicCommand 2.8's five-element allTopicLevelOpts is, whatever its final size).
 */
export function scalaHashSetOrder(names: readonly string[]): string[] {
  const unique = [...new Set(names)];
  return champOrder(unique.map((name) => ({ name, hash: improve(specHash(name)) })), 0);
}
