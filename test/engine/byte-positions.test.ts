// Byte positions of batch ends (what a waiting fetch sums instead of reading): exact at batch
// boundaries, unknown elsewhere or once trimmed, starting over after a truncation.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT } from '../helpers/engine';

const { BytePositions } = require(path.join(ROOT, 'dist/engine/log/byte-positions'));

describe('byte positions', () => {
  it('knows every batch end appended since the log end it started at, and nothing else', () => {
    const p = new BytePositions(10);
    expect(p.at(10)).toBe(0);
    p.append(13, 100); // offsets 10-12
    p.append(14, 50);
    p.append(20, 1000);
    expect([p.at(10), p.at(13), p.at(14), p.at(20)]).toEqual([0, 100, 150, 1150]);
    expect(p.at(15)).toBeUndefined(); // inside a batch
    expect(p.at(9)).toBeUndefined();
    expect(p.at(21)).toBeUndefined();
    expect(p.at(20)! - p.at(13)!).toBe(1050);
  });

  it('forgets trimmed ends, always keeping the last; a reset knows only the new end', () => {
    const p = new BytePositions(0);
    for (let i = 1; i <= 5000; i++) p.append(i, 10);
    expect(p.at(5000)).toBe(50000);
    expect(p.at(100)).toBeUndefined(); // beyond the 4096 kept
    expect(p.at(4000)).toBe(40000);
    p.trimBelow(4990);
    expect(p.at(4989)).toBeUndefined();
    expect(p.at(4990)).toBe(49900);
    p.trimBelow(99999);
    expect(p.size).toBe(1);
    expect(p.at(5000)).toBe(50000);
    p.reset(4000);
    expect(p.at(5000)).toBeUndefined();
    expect(p.at(4000)).toBe(50000);
    p.append(4001, 7);
    expect(p.at(4001)! - p.at(4000)!).toBe(7);
  });
});
