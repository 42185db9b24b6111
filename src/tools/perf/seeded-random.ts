// A small seeded generator (mulberry32) for the perf tools' payloads and keys: runs with the
// same --random-seed draw the same choices, as Kafka's SplittableRandom(seed) does (the values
// themselves are not Kafka's).
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (Number(BigInt.asIntN(32, BigInt(Math.trunc(seed)))) ^ 0x9e3779b9) >>> 0;
  }

  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor((this.next() / 4294967296) * bound);
  }

  /** Each byte a random capital letter (A..Z), as ProducerPerformance's payloads. */
  fillLetters(b: Buffer): void {
    for (let j = 0; j < b.length; j++) b[j] = 65 + ((this.next() >>> 8) % 26);
  }
}
