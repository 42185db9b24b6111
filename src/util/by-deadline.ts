// A promise cut off at a deadline. Our client's requests wait for their answer as long as the
// connection lives, and a stalled broker (SIGSTOP, a long pause) keeps its connections open and
// answers nothing: a view of the cluster as it is now (kafka-local status, kafka-local ui) must
// not wait for it. The request itself stays pending until the broker answers or the connection closes.
import { TimeoutError } from '../protocol/errors';

export function byDeadline<T>(p: Promise<T>, deadline: number, what: string, message = `${what}: no answer within the timeout`): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(message)), Math.max(0, deadline - Date.now()));
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
