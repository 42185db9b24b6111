// Strings as the writer puts them on the wire: UTF-8 after an int16 length (classic) or an
// unsigned varint of length + 1 (compact), whichever path (short ASCII byte by byte, or Buffer) it takes.
import { describe, it, expect } from 'vitest';
import { Writer } from '../../src/protocol/writer';
import { Reader } from '../../src/protocol/reader';

const samples = ['', 'a', 'topic-1', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(65), 'w'.repeat(200), 'café', 'é'.repeat(70), 'ascii then ü', '\u0000\u007f', 'emoji 🎉'];

function uvarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return out;
}

describe('Writer strings', () => {
  it.each(samples)('writes %j as Kafka strings', (s) => {
    const bytes = Buffer.from(s, 'utf8');
    const w = new Writer(4); // small: the short path must grow the buffer too
    w.int8(7).string(s).compactNullableString(s).nullableString(s).int8(9);
    const len = Buffer.alloc(2);
    len.writeInt16BE(bytes.length);
    const expected = Buffer.concat([Buffer.from([7]), len, bytes, Buffer.from(uvarint(bytes.length + 1)), bytes, len, bytes, Buffer.from([9])]);
    const got = w.toBuffer();
    expect(got.toString('hex')).toBe(expected.toString('hex'));
    const r = new Reader(got);
    expect(r.int8()).toBe(7);
    expect(r.string()).toBe(s);
    expect(r.compactString()).toBe(s);
    expect(r.nullableString()).toBe(s);
    expect(r.int8()).toBe(9);
  });
});
