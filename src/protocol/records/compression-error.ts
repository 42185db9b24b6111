// The one error every decoder throws for malformed compressed data (a file of its own so that
// the codec files and compression.ts, which re-exports it, do not import each other).

/** Malformed compressed data (maps to CORRUPT_MESSAGE on the broker side). */
export class CompressionDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompressionDataError';
  }
}
