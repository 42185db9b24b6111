// queued.max.requests: Kafka's network threads stop reading from every connection while the
// request queue in front of the handlers is full. Here a request counts from the moment it is
// next in line on its connection until its answer is written (the rest of a connection's
// pipelined requests wait uncounted behind it, as in Kafka they wait in the socket). At the
// bound no connection reads; a request read meanwhile waits until fewer than the bound are
// being handled.
export class RequestQueue {
  /** Requests next in line on their connection, not yet handed to the handlers. */
  private waitingRequests = 0;
  /** Requests handed to the handlers and not yet answered. */
  private handling = 0;
  private waiters = new Set<() => void>();

  constructor(readonly max: number) {}

  /** Requests read and not yet answered (Kafka's RequestQueueSize plus those being handled). */
  get size(): number {
    return this.waitingRequests + this.handling;
  }

  /** At the bound: no connection reads. */
  get full(): boolean {
    return this.waitingRequests + this.handling >= this.max;
  }

  /** May one more request be handed to the handlers. */
  get canHandle(): boolean {
    return this.handling < this.max;
  }

  /** A connection's share changed. */
  adjust(waitingDelta: number, handlingDelta: number): void {
    this.waitingRequests += waitingDelta;
    this.handling += handlingDelta;
    if ((waitingDelta < 0 || handlingDelta < 0) && this.waiters.size > 0 && (!this.full || this.canHandle)) {
      const waiters = [...this.waiters];
      this.waiters.clear();
      for (const w of waiters) w();
    }
  }

  /** Call `resume` once requests have left the queue (it checks again for itself). */
  whenRoom(resume: () => void): void {
    this.waiters.add(resume);
  }

  forget(resume: () => void): void {
    this.waiters.delete(resume);
  }
}
