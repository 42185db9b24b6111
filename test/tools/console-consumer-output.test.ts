// The console consumer's Output: copies into its own buffer, or moves values down inside the
// fetched bytes (moveDown); either way the sink sees the bytes in the order they were written.
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/tools/consumer/output';

/** Records laid out as `<4 header bytes><value><1 trailing byte>`, as a batch has them. */
function laidOut(values: string[]): { buf: Buffer; at: { start: number; len: number; end: number }[] } {
  const parts: Buffer[] = [];
  const at: { start: number; len: number; end: number }[] = [];
  let pos = 0;
  for (const v of values) {
    const b = Buffer.from(v);
    parts.push(Buffer.from('HHHH'), b, Buffer.from('T'));
    at.push({ start: pos + 4, len: b.length, end: pos + 4 + b.length + 1 });
    pos += 4 + b.length + 1;
  }
  return { buf: Buffer.concat(parts), at };
}

function capture(): { out: Output; text: () => string; chunks: Buffer[]; pending: (() => void)[] } {
  const chunks: Buffer[] = [];
  const pending: (() => void)[] = [];
  const out = new Output((b, release) => {
    chunks.push(Buffer.from(b));
    pending.push(release);
  }, 64);
  return { out, chunks, pending, text: () => Buffer.concat(chunks).toString() };
}

describe('Output.moveDown', () => {
  it('moves values and their separator down in place, handed on as one chunk of the source', () => {
    const { buf, at } = laidOut(['one', 'two', 'three']);
    const { out, chunks, text } = capture();
    for (const r of at) expect(out.moveDown(buf, r.start, r.len, Buffer.from('\n'), r.end)).toBe(true);
    out.flush();
    expect(text()).toBe('one\ntwo\nthree\n');
    expect(chunks).toHaveLength(1);
    expect(buf.subarray(at[0].start, at[0].start + 14).toString()).toBe('one\ntwo\nthree\n');
  });

  it('a separator that does not fit before the next record goes the ordinary way, in order', () => {
    const { buf, at } = laidOut(['a', 'b', 'c']);
    const { out, text } = capture();
    // The first fits (w starts at its own value), a 6-byte separator does not.
    expect(out.moveDown(buf, at[0].start, at[0].len, Buffer.from('|'), at[0].end)).toBe(true);
    expect(out.moveDown(buf, at[1].start, at[1].len, Buffer.from('<sep6>'), at[1].end)).toBe(false);
    out.put(buf, at[1].start, at[1].len);
    out.ascii('<sep6>');
    // Copied bytes are pending: no in-place run starts until they are flushed.
    expect(out.moveDown(buf, at[2].start, at[2].len, Buffer.from('\n'), at[2].end)).toBe(false);
    out.put(buf, at[2].start, at[2].len);
    out.ascii('\n');
    out.flush();
    expect(text()).toBe('a|b<sep6>c\n');
  });

  it('ordinary writes after moved ones come after them', () => {
    const { buf, at } = laidOut(['x1', 'x2']);
    const { out, text } = capture();
    expect(out.moveDown(buf, at[0].start, at[0].len, Buffer.from('\n'), at[0].end)).toBe(true);
    out.ascii('null\n');
    out.flush();
    expect(out.moveDown(buf, at[1].start, at[1].len, Buffer.from('\n'), at[1].end)).toBe(true);
    out.flush();
    expect(text()).toBe('x1\nnull\nx2\n');
  });

  it('afterWritten waits until the sink released every chunk handed so far', () => {
    const { buf, at } = laidOut(['p', 'q']);
    const { out, pending } = capture();
    const calls: string[] = [];
    out.afterWritten(() => calls.push('nothing pending'));
    out.moveDown(buf, at[0].start, at[0].len, Buffer.from('\n'), at[0].end);
    out.flush();
    out.ascii('copied\n');
    out.flush();
    out.afterWritten(() => calls.push('both written'));
    expect(calls).toEqual(['nothing pending']);
    pending[0]();
    expect(calls).toEqual(['nothing pending']);
    pending[1]();
    expect(calls).toEqual(['nothing pending', 'both written']);
  });
});
