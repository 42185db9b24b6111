// The tail cache answers a read as the store would for the batches it holds: from the batch
// holding the offset, whole batches, at least one, up to maxBytes, none at or past endOffset;
// undefined when the offset is below what it holds.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT } from '../helpers/engine';

const { TailCache, TailBudget } = require(path.join(ROOT, 'dist/engine/log/tail-cache'));

interface Batch { base: number; last: number; bytes: Buffer }

function expected(batches: Batch[], offset: number, maxBytes: number, end: number): Buffer[] | undefined {
  if (batches.length === 0 || offset < batches[0].base) return undefined;
  const out: Buffer[] = [];
  let bytes = 0;
  for (const b of batches) {
    if (b.last < offset) continue;
    if (b.base >= end) break;
    if (out.length > 0 && bytes + b.bytes.length > maxBytes) break;
    out.push(b.bytes);
    bytes += b.bytes.length;
  }
  return out;
}

describe('TailCache', () => {
  it('reads what the store would, from any offset, after evictions', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    // A budget small enough that the oldest batches are evicted as the cache fills.
    const cache = new TailCache(new TailBudget(20_000), () => 0);
    const held: Batch[] = [];
    let next = 0;
    let heldBytes = 0;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + rnd(5);
      const b = { base: next, last: next + n - 1, bytes: Buffer.alloc(50 + rnd(200), i & 0xff) };
      next += n;
      cache.append(b.base, b.last, b.bytes);
      held.push(b);
      heldBytes += b.bytes.length;
      while (heldBytes > 20_000) heldBytes -= held.shift()!.bytes.length;
      if (i % 7 !== 0) continue;
      const offset = held[0].base - 3 + rnd(next - held[0].base + 6);
      const maxBytes = rnd(3) === 0 ? 1 : rnd(5000);
      const end = rnd(4) === 0 ? next : offset + rnd(40);
      const got = cache.read(offset, maxBytes, end);
      const want = expected(held, offset, maxBytes, end);
      expect(got === undefined ? undefined : got.batches).toEqual(want);
      if (got) expect(got.bytes).toBe(want!.reduce((s, b) => s + b.length, 0));
    }
  });
});
