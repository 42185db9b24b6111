import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT } from '../helpers/engine';

const { isDefaultLocalAddress } = require(path.join(ROOT, 'dist/cli/autostart'));

describe('auto-start address rule', () => {
  it('starts only for the default local addresses', () => {
    for (const a of ['localhost:9092', '127.0.0.1:9092', 'localhost:2181', '127.0.0.1:2181', 'localhost:9092,127.0.0.1:9092']) {
      expect(isDefaultLocalAddress(a)).toBe(true);
    }
    for (const a of ['localhost:9093', '10.0.0.1:9092', 'kafka:9092', 'localhost:9092,kafka:9092', '']) {
      expect(isDefaultLocalAddress(a)).toBe(false);
    }
  });
});
