// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF.
// Slicing-by-8 over eight 256-entry Uint32Array tables. Works on a Buffer range in place.

const POLY = 0x82f63b78;

const TABLES = new Uint32Array(8 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  TABLES[n] = c >>> 0;
}
for (let n = 0; n < 256; n++) {
  let c = TABLES[n];
  for (let t = 1; t < 8; t++) {
    c = TABLES[c & 0xff] ^ (c >>> 8);
    TABLES[t * 256 + n] = c >>> 0;
  }
}
const T0 = TABLES.subarray(0, 256);
const T1 = TABLES.subarray(256, 512);
const T2 = TABLES.subarray(512, 768);
const T3 = TABLES.subarray(768, 1024);
const T4 = TABLES.subarray(1024, 1280);
const T5 = TABLES.subarray(1280, 1536);
const T6 = TABLES.subarray(1536, 1792);
const T7 = TABLES.subarray(1792, 2048);

/**
 * Continue a CRC-32C over buf[start, end). `crc` is a previous (finalised) result, 0 to start.
 * Returns the unsigned finalised CRC, so `crc32cUpdate(crc32c(a), b) === crc32c(a ++ b)`.
 */
export function crc32cUpdate(crc: number, buf: Uint8Array, start = 0, end = buf.length): number {
  if (start < 0) start = 0;
  if (end > buf.length) end = buf.length;
  let c = ~crc;
  let i = start;
  const end8 = end - 8;
  while (i <= end8) {
    c =
      T7[(c ^ buf[i]) & 0xff] ^
      T6[((c >>> 8) ^ buf[i + 1]) & 0xff] ^
      T5[((c >>> 16) ^ buf[i + 2]) & 0xff] ^
      T4[(c >>> 24) ^ buf[i + 3]] ^
      T3[buf[i + 4]] ^
      T2[buf[i + 5]] ^
      T1[buf[i + 6]] ^
      T0[buf[i + 7]];
    i += 8;
  }
  while (i < end) {
    c = T0[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/** CRC-32C of buf[start, end) as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  return crc32cUpdate(0, buf, start, end);
}
