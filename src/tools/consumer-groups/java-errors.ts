// How kafka-consumer-groups' failures look as Java exceptions: Kafka prints `e.getMessage()` on
// stdout and the exception's first stack-trace line (`toString()`) on stderr, so how an error is
// wrapped (ExecutionException from a future, RuntimeException around it) shows in the output.
import { JavaException, OptionException } from '../../cli/errors';
import { KafkaError } from '../../protocol/errors';

/** Java's Throwable.toString() of anything thrown here. */
export function javaString(e: unknown): string {
  if (e instanceof OptionException || e instanceof JavaException) return e.toString();
  if (e instanceof KafkaError) return e.javaString();
  // Our own Java-shaped errors (IllegalArgumentException, KafkaException, ...) carry their class.
  if (e instanceof Error && 'javaClass' in e) return `${(e as { javaClass: string }).javaClass}: ${e.message}`;
  if (e instanceof Error) return `java.lang.RuntimeException: ${e.message}`;
  return String(e);
}

/** `future.get()` failing: an ExecutionException whose message is the cause's toString(). */
export function execution(e: unknown): JavaException {
  if (e instanceof JavaException && e.javaClass === 'java.util.concurrent.ExecutionException') return e;
  return new JavaException('java.util.concurrent.ExecutionException', javaString(e));
}

/** `throw new RuntimeException(e)` around an ExecutionException (Kafka's usual wrapping). */
export function runtime(e: unknown): JavaException {
  return new JavaException('java.lang.RuntimeException', javaString(execution(e)));
}
