// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): the checksum of message format v0/v1
// messages (legacy.ts), where RecordBatch v2 uses CRC-32C. Table-driven, on a Buffer range.

const T = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  T[n] = c >>> 0;
}

/** CRC-32 of buf[start, end). */
export function crc32(buf: Uint8Array, start = 0, end = buf.length): number {
  let c = -1;
  for (let i = start; i < end; i++) c = T[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
