import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../src/client/frame-reader';

function framed(...bodies: Buffer[]): Buffer {
  return Buffer.concat(bodies.flatMap((b) => {
    const size = Buffer.alloc(4);
    size.writeInt32BE(b.length);
    return [size, b];
  }));
}

/** Feed `stream` in pieces of the given lengths through one reused buffer, as the socket does. */
function feed(stream: Buffer, pieces: number[]): Buffer[] {
  const frames: Buffer[] = [];
  const reader = new FrameReader((f) => frames.push(f));
  const readBuf = Buffer.alloc(64);
  let at = 0;
  for (const len of pieces) {
    stream.copy(readBuf, 0, at, at + len);
    reader.push(readBuf, len);
    readBuf.fill(0xee); // the next read overwrites it: kept frames must not see that
    at += len;
  }
  expect(at).toBe(stream.length);
  return frames;
}

describe('FrameReader', () => {
  const a = Buffer.from('first frame');
  const b = Buffer.alloc(150, 7); // larger than one read
  const c = Buffer.alloc(0);
  const d = Buffer.from('xy');
  const stream = framed(a, b, c, d);

  it('splits frames whatever the read boundaries, including inside a size prefix', () => {
    for (const step of [1, 2, 3, 5, 17, 64]) {
      const pieces: number[] = [];
      for (let left = stream.length; left > 0; left -= step) pieces.push(Math.min(step, left));
      const frames = feed(stream, pieces);
      expect(frames.map((f) => f.toString('hex'))).toEqual([a, b, c, d].map((f) => f.toString('hex')));
    }
  });

  it('keeps its own copy of each frame (the read buffer is reused)', () => {
    const frames = feed(framed(d, a), [2 + 4 + 4, 4 + a.length - 4]);
    expect(frames.map(String)).toEqual(['xy', 'first frame']);
  });

  it('reads the rest of a large frame straight into it, as the socket does through nextReadBuffer', () => {
    const big = Buffer.alloc(200_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const s = framed(big, d);
    const frames: Buffer[] = [];
    const reader = new FrameReader((f) => frames.push(f));
    let at = 0;
    const targets: ArrayBufferLike[] = [];
    // The socket fills whatever buffer it is given, at most 50,000 bytes per read.
    while (at < s.length) {
      const target = reader.nextReadBuffer();
      targets.push(target.buffer);
      const n = Math.min(target.length, 50_000, s.length - at);
      s.copy(target, 0, at, at + n);
      reader.push(target, n);
      at += n;
    }
    expect(frames.map((f) => f.toString('hex'))).toEqual([big, d].map((f) => f.toString('hex')));
    // After the first read (the size prefix and the frame's start), the frame was read into.
    expect(targets.filter((t) => t === frames[0].buffer).length).toBeGreaterThanOrEqual(3);
  });
});
