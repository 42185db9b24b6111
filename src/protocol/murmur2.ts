// Kafka's default key hash: org.apache.kafka.common.utils.Utils.murmur2 (MurmurHash2, seed
// 0x9747b28c), returning Java's signed 32-bit int, plus the built-in partitioner's mapping.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Java-compatible murmur2 of buf[start, end) (default: the whole buffer). Signed 32-bit. */
export function murmur2(buf: Uint8Array, start = 0, end = buf.length): number {
  const length = end - start;
  let h = SEED ^ length;
  const end4 = start + (length & ~3);
  let i = start;
  for (; i < end4; i += 4) {
    let k = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= buf[i + 2] << 16;
    if (rest >= 2) h ^= buf[i + 1] << 8;
    h ^= buf[i];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive: clears the sign bit (not Math.abs). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition Kafka's default partitioner picks for a non-null key. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions;
}
