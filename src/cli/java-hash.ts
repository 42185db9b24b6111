// Java hash codes and java.util.HashSet/HashMap iteration order, for the places where Kafka's output
// order is the order of a HashSet (e.g. `Option combination "[[bootstrap-server], [config]]"`).

/** java.lang.String.hashCode() (UTF-16 code units, 32-bit overflow). */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** java.util.List.hashCode() of a list of strings. */
export function javaStringListHashCode(items: readonly string[]): number {
  let h = 1;
  for (const s of items) h = (Math.imul(h, 31) + javaStringHashCode(s)) | 0;
  return h;
}

function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return Math.min(n, 1 << 30);
}

/**
 * How the elements end up ordered when iterating a java.util.HashSet holding them.
 * - `collection` (default): `new HashSet<>(Arrays.asList(items))` (pre-sized table);
 * - `incremental`: `new HashSet<>()` followed by `add` in the given order.
 * Elements are assumed distinct. Within a bucket, Java keeps insertion order (and resizes preserve
 * it), so the result is: by bucket index of the final table, then by insertion order. (Buckets of
 * 8+ colliding entries become trees in Java; not modelled.)
 */
export function javaHashSetOrder<T>(
  items: readonly T[],
  hashCode: (item: T) => number,
  construction: 'collection' | 'incremental' = 'collection',
): T[] {
  let cap: number;
  if (construction === 'collection') {
    cap = tableSizeFor(Math.max(Math.floor(items.length / 0.75) + 1, 16));
  } else {
    cap = 16;
    while (items.length > cap * 0.75) cap *= 2;
  }
  const bucket = (h: number) => (h ^ (h >>> 16)) & (cap - 1);
  return items
    .map((item, i) => ({ item, i, b: bucket(hashCode(item) | 0) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((e) => e.item);
}

/**
 * hashCode() of a jopt-simple OptionSpec declared with the given names: the List hash of its
 * names, xor 1 for an option whose argument is optional (ArgumentAcceptingOptionSpec.hashCode).
 */
export function joptSpecHashCode(names: readonly string[], arg: 'required' | 'optional' | 'none'): number {
  const h = javaStringListHashCode(names);
  return arg === 'optional' ? h ^ 1 : h;
}
