import { describe, expect, it } from 'vitest';
import { FramePool, POOLED_FRAME_MIN } from '../../src/client/frame-pool';

describe('FramePool', () => {
  it('reuses the memory of a large frame given back, for a frame of about the same size', () => {
    const pool = new FramePool();
    const a = pool.take(1_048_700);
    expect(a.length).toBe(1_048_700);
    pool.give(a.subarray(10, 20)); // any view into it will do
    const b = pool.take(1_048_600);
    expect(b.length).toBe(1_048_600);
    expect(b.buffer).toBe(a.buffer);
    // Taken again: not handed out twice.
    expect(pool.take(1_048_600).buffer).not.toBe(a.buffer);
  });

  it('never hands out memory it did not allocate, nor a small frame', () => {
    const pool = new FramePool();
    const foreign = Buffer.alloc(POOLED_FRAME_MIN * 2);
    pool.give(foreign);
    expect(pool.take(POOLED_FRAME_MIN).buffer).not.toBe(foreign.buffer);
    const small = pool.take(100);
    pool.give(small); // lies in Node's shared small-buffer slab: must not be taken back
    const next = pool.take(100);
    expect(next.buffer === small.buffer && next.byteOffset === small.byteOffset).toBe(false);
  });

  it('a frame larger than every free one gets new memory; giving the same frame twice keeps it once', () => {
    const pool = new FramePool();
    const a = pool.take(POOLED_FRAME_MIN);
    pool.give(a);
    pool.give(a);
    const big = pool.take(POOLED_FRAME_MIN * 4);
    expect(big.buffer).not.toBe(a.buffer);
    expect(pool.take(POOLED_FRAME_MIN).buffer).toBe(a.buffer);
    expect(pool.take(POOLED_FRAME_MIN).buffer).not.toBe(a.buffer);
  });
});
