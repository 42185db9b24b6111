// The check protocol between our Java test programs and the vitest files that run them: each check
// prints one line, "CHECK<TAB>name<TAB>ok<TAB>12ms" or "CHECK<TAB>name<TAB>FAIL<TAB>12ms<TAB>reason", and facts the
// TypeScript side compares with our own client print "DATA<TAB>key<TAB>value". A failing check
// does not stop the program: the next check runs, so one JVM start reports every behaviour.
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

final class Checks {
  private Checks() {}

  interface Body {
    void run() throws Exception;
  }

  static int failures = 0;

  static synchronized void check(String name, Body body) {
    long start = System.nanoTime();
    try {
      body.run();
      System.out.println("CHECK\t" + name + "\tok\t" + (System.nanoTime() - start) / 1_000_000 + "ms");
    } catch (Throwable t) {
      failures++;
      String msg = String.valueOf(t).replace('\n', ' ').replace('\t', ' ');
      Throwable c = t.getCause();
      if (c != null) msg += " (cause: " + String.valueOf(c).replace('\n', ' ').replace('\t', ' ') + ")";
      System.out.println("CHECK\t" + name + "\tFAIL\t" + (System.nanoTime() - start) / 1_000_000 + "ms\t" + msg);
    }
    System.out.flush();
  }

  static void data(String key, Object value) {
    System.out.println("DATA\t" + key + "\t" + value);
    System.out.flush();
  }

  static void eq(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
  }

  static void that(boolean cond, String what) {
    if (!cond) throw new AssertionError(what);
  }

  /** The cause chain's first exception of the given class (Kafka wraps in ExecutionException). */
  static <T extends Throwable> T thrown(Class<T> cls, Body body) {
    try {
      body.run();
    } catch (Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) if (cls.isInstance(c)) return cls.cast(c);
      throw new AssertionError("expected " + cls.getSimpleName() + " but got " + t, t);
    }
    throw new AssertionError("expected " + cls.getSimpleName() + " but nothing was thrown");
  }

  /** Poll a condition until a deadline (no sleeps as synchronisation). */
  static void waitFor(String what, Duration timeout, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  /** Exit status: 0 when every check passed (the TypeScript side asserts each check anyway). */
  static void finish() {
    System.out.flush();
    System.exit(failures == 0 ? 0 : 1);
  }
}
