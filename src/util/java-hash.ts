// Java hash codes and java.util.HashMap / HashSet / ConcurrentHashMap iteration order.
//
// Kafka prints several things in hash order rather than sorted (and its assignors iterate hash
// maps): `Configs:` of kafka-topics
// --describe (org.apache.kafka.clients.admin.Config keeps its entries in a java.util.HashMap),
// topic lists, java.util.Properties key sets (a ConcurrentHashMap since JDK 9) ...
//
// The facts used (JDK 17):
// * String.hashCode = s[0]*31^(n-1) + ... + s[n-1], over UTF-16 code units, 32-bit overflow;
// * HashMap.hash(key) = h ^ (h >>> 16); bucket = hash & (capacity - 1);
// * HashMap starts with 16 buckets (or tableSizeFor(initialCapacity)) and doubles when, after an
//   insertion of a new key, size > 0.75 * capacity; ConcurrentHashMap doubles when size >= 0.75 * capacity;
// * iteration walks buckets 0..capacity-1; inside a bucket, nodes are in insertion order (new keys
//   are appended at the tail and a resize splits a bucket keeping relative order).
// Treeified bins (>= 8 keys in one bucket) and ConcurrentHashMap's transfer re-linking are not
// modelled; neither happens for the small key sets this is used for.

/** Java's String.hashCode(): a signed 32-bit integer. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.hash(): the spread hash (unsigned right shift, as Java's `>>>`). */
export function javaHashSpread(h: number): number {
  return (h ^ (h >>> 16)) | 0;
}

/** Java's HashMap.tableSizeFor: the smallest power of two >= cap (at least 1). */
export function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return Math.min(n, 1 << 30);
}

/** java.util.List.hashCode() of a list of strings. */
export function javaStringListHashCode(items: readonly string[]): number {
  let h = 1;
  for (const s of items) h = (Math.imul(h, 31) + javaStringHashCode(s)) | 0;
  return h;
}

/** org.apache.kafka.common.TopicPartition.hashCode(). */
export function javaTopicPartitionHashCode(topic: string, partition: number): number {
  return (Math.imul(31, 31 + partition) + javaStringHashCode(topic)) | 0;
}

/** org.apache.kafka.common.quota.ClientQuotaEntity.hashCode(): Objects.hash(entries), the entries a Map (null: default). */
export function javaQuotaEntityHashCode(entries: Iterable<readonly [string, string | null]>): number {
  let h = 0;
  for (const [type, name] of entries) h = (h + (javaStringHashCode(type) ^ (name === null ? 0 : javaStringHashCode(name)))) | 0;
  return (31 + h) | 0;
}

export interface JavaHashOrderOptions {
  /** The constructor's initialCapacity; default: HashMap's 16 (or 8 for java.util.Properties with `concurrent`). */
  initialCapacity?: number;
  /** Model a ConcurrentHashMap (java.util.Properties) instead of a HashMap. */
  concurrent?: boolean;
}

/** Table capacity a map has after `n` distinct keys were put one by one into an empty map. */
export function javaHashMapCapacity(n: number, opts: JavaHashOrderOptions = {}): number {
  let cap: number;
  if (opts.concurrent) {
    // new ConcurrentHashMap(c): table = tableSizeFor(c + c/2 + 1). Properties() uses c = 8 -> 16.
    const c = opts.initialCapacity ?? 8;
    cap = tableSizeFor(c + (c >>> 1) + 1);
    // addCount: after an insertion, resize while size >= sizeCtl (= 0.75 * cap).
    for (let size = 1; size <= n; size++) {
      while (size >= cap - (cap >>> 2)) cap *= 2;
    }
    return cap;
  }
  cap = opts.initialCapacity === undefined ? 16 : Math.max(1, tableSizeFor(opts.initialCapacity));
  for (let size = 1; size <= n; size++) {
    if (size > cap * 0.75) cap *= 2;
  }
  return cap;
}

/**
 * The iteration order of a Java HashMap (or ConcurrentHashMap) after `items` were put in the
 * given order. A key put again keeps its first slot; its latest item is the one returned (as
 * `map.put` replaces the value).
 */
export function javaHashMapOrderBy<T>(items: Iterable<T>, keyOf: (item: T) => string, opts: JavaHashOrderOptions = {}): T[] {
  const slots = new Map<string, { item: T; seq: number; hash: number }>();
  let seq = 0;
  for (const item of items) {
    const key = keyOf(item);
    const prev = slots.get(key);
    if (prev) prev.item = item;
    else slots.set(key, { item, seq: seq++, hash: javaHashSpread(javaStringHashCode(key)) });
  }
  const mask = javaHashMapCapacity(slots.size, opts) - 1;
  return [...slots.values()]
    .sort((a, b) => (a.hash & mask) - (b.hash & mask) || a.seq - b.seq)
    .map((s) => s.item);
}

/**
 * The iteration order of a Java HashMap (or HashSet) whose keys have the given hashCode()s, after
 * the distinct `items` were put in the given order.
 */
export function javaHashMapOrderByHash<T>(items: readonly T[], hashOf: (item: T) => number, opts: JavaHashOrderOptions = {}): T[] {
  const mask = javaHashMapCapacity(items.length, opts) - 1;
  return items
    .map((item, i) => ({ item, i, b: javaHashSpread(hashOf(item)) & mask }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((x) => x.item);
}

/** The iteration order of a Java HashMap/HashSet holding `keys` (put in the given order). */
export function javaHashMapOrder(keys: Iterable<string>, opts: JavaHashOrderOptions = {}): string[] {
  return javaHashMapOrderBy(keys, (k) => k, opts);
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
