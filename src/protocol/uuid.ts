// Kafka's Uuid: 16 bytes, shown as 22 characters of URL-safe base64 without padding.
// node:crypto loads on first use: most tools never make a Uuid, and loading it costs start-up time.

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export function uuidFromBytes(b: Buffer): string {
  return b.toString('base64url');
}

export function uuidToBytes(s: string): Buffer {
  const b = Buffer.from(s, 'base64url');
  if (b.length !== 16) throw new Error(`invalid Uuid '${s}'`);
  return b;
}

/** A random Uuid as Kafka makes them: never zero, never the reserved metadata id, and not starting with '-'. */
export function randomUuid(): string {
  for (;;) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const b = (require('node:crypto') as typeof import('node:crypto')).randomBytes(16);
    // Java's Uuid.randomUuid uses UUID.randomUUID: version 4, IETF variant.
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const s = uuidFromBytes(b);
    if (s !== ZERO_UUID && s !== 'AAAAAAAAAAAAAAAAAAAAAQ' && !s.startsWith('-')) return s;
  }
}

export function isValidUuid(s: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(s) && Buffer.from(s, 'base64url').length === 16;
}
