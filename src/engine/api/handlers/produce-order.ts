// A connection's Produce requests append in the order they were sent. Kafka reads a connection's
// next request only once the last one is answered, so a producer's pipelined batches (up to 5 per
// partition, consecutive sequence numbers) reach the log in order. Here later Produce requests are
// dispatched while an earlier one still waits (see network/server.ts): harmless once the earlier
// one appended, but a transactional Produce v12+ first waits for its partitions to join the
// transaction (replica/produce-txn-verification.ts: retried for up to
// add.partitions.to.txn.retry.backoff.max.ms while the previous transaction's markers are
// written, so a later Produce waits no longer than behind Kafka's muted connection). A later batch overtaking it would reach a new epoch's partition with a sequence
// other than 0: OUT_OF_ORDER_SEQUENCE_NUMBER, which fails the producer's transaction (Kafka
// Streams: TaskMigratedException). So a Produce behind one that has not appended yet waits for it.
import type { ConnectionContext } from '../dispatch';

/** The appends still to come on a connection (settled once its last pending one is done). */
const pending = new WeakMap<ConnectionContext, Promise<unknown>>();

/**
 * Run `append` once the connection's earlier Produce requests appended. `append` answers at once
 * (`{ now }`, it appended) or with a promise that settles when it appended, carrying the answer
 * (which may still wait for replication). Resolves to the request's answer.
 */
export function inConnectionOrder<T>(conn: ConnectionContext, append: () => { now: T } | Promise<{ answer: T }>): T | Promise<T> {
  const before = pending.get(conn);
  if (!before) {
    const r = append();
    if (!(r instanceof Promise)) return r.now;
    track(conn, r);
    return r.then((x) => x.answer);
  }
  const after = () => {
    const r = append();
    return r instanceof Promise ? r : { answer: r.now };
  };
  const r = before.then(after, after);
  track(conn, r);
  return r.then((x) => x.answer);
}

function track(conn: ConnectionContext, appended: Promise<unknown>): void {
  pending.set(conn, appended);
  const forget = () => {
    if (pending.get(conn) === appended) pending.delete(conn);
  };
  appended.then(forget, forget);
}
