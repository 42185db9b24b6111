// Kafka's ThroughputThrottler (server-common): keeps a sender at about `target` records per
// second. The sender asks shouldThrottle(sentSoFar, now) after each record; when it is ahead of
// the target rate, throttle() adds one record's worth of time (1/target s) to a sleep deficit and
// sleeps it off once it reaches 2 ms (shorter sleeps are too coarse to be worth taking). A target
// below zero never throttles; a target of zero stops the sender for good.
const MIN_SLEEP_MS = 2;

export class ThroughputThrottler {
  private readonly sleepTimeMs: number;
  private sleepDeficitMs = 0;

  constructor(private readonly target: number, private readonly startMs: number) {
    this.sleepTimeMs = target > 0 ? 1000 / target : Number.MAX_VALUE;
  }

  shouldThrottle(amountSoFar: number, sendStartMs: number): boolean {
    if (this.target < 0) return false;
    const elapsedSec = (sendStartMs - this.startMs) / 1000;
    return elapsedSec > 0 && amountSoFar / elapsedSec > this.target;
  }

  /** Resolves when the sender may go on (never for a target of zero). */
  async throttle(): Promise<void> {
    if (this.target === 0) return new Promise<void>(() => undefined);
    this.sleepDeficitMs += this.sleepTimeMs;
    if (this.sleepDeficitMs < MIN_SLEEP_MS) return;
    const start = performance.now();
    let left = this.sleepDeficitMs;
    while (left > 0) {
      await new Promise<void>((r) => setTimeout(r, Math.max(1, Math.floor(left))));
      left = this.sleepDeficitMs - (performance.now() - start);
    }
    this.sleepDeficitMs = 0;
  }
}
