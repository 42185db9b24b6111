import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Apache Kafka's command-line tools in one long-lived JVM so that hundreds of invocations
 * cost milliseconds instead of a JVM start each. A tool's main() runs with stdin, stdout and
 * stderr swapped for buffers and Kafka's Exit procedure replaced, so Exit.exit(n) ends the
 * tool (not the JVM) with status n; shutdown hooks the tool registers run when it ends, as
 * they would when its own JVM exits. In a JVM nothing runs after System.exit; here the tool's
 * thread unwinds (tools catch Throwable, so the exit cannot be an exception they never see), so
 * what it prints between the exit and its end is dropped, as the real exit would have dropped it.
 *
 * Protocol (one request per line on stdin, one answer per line on stdout; fields separated by
 * TABs, free text in base64): request  = id, timeoutMs, mainClass, stdin, arg...
 *                                answer   = id, exitStatus, stdout, stderr
 * Exit status -2 means the tool did not finish within timeoutMs; the runner then stops itself
 * (a stuck tool thread cannot be taken back) and the caller starts a new one.
 *
 * `ToolRunner --once mainClass arg...` runs one tool with the real streams, for a shell.
 */
public final class ToolRunner {
    /** Thrown by the replaced exit procedure; an Error so that tools catching Exception let it through. */
    static final class ExitCalled extends Error {
        final int status;
        ExitCalled(int status) { super("exit " + status, null, false, false); this.status = status; }
    }

    private static final List<Runnable> hooks = new ArrayList<>();
    /** The status of the tool's first exit call, or null while it has not called exit. */
    private static volatile Integer exitStatus;
    /** Set by the first exit call: output is dropped until the shutdown hooks run. */
    private static volatile boolean muted;

    /**
     * System.out and System.err for the runner's whole life: each request points them at its own
     * buffers. They are installed once, before any tool's class loads, because some streams are
     * captured when a class initialises (Scala's Console.out, a logger's console appender).
     */
    static final class Gate extends java.io.OutputStream {
        volatile java.io.OutputStream target;
        Gate(java.io.OutputStream target) { this.target = target; }
        @Override public void write(int b) throws java.io.IOException { if (!muted) target.write(b); }
        @Override public void write(byte[] b, int off, int len) throws java.io.IOException { if (!muted) target.write(b, off, len); }
        @Override public void flush() throws java.io.IOException { target.flush(); }
    }

    /** System.in likewise: each request gives its own input. */
    static final class InputGate extends InputStream {
        volatile InputStream source = new ByteArrayInputStream(new byte[0]);
        @Override public int read() throws java.io.IOException { return source.read(); }
        @Override public int read(byte[] b, int off, int len) throws java.io.IOException { return source.read(b, off, len); }
        @Override public int available() throws java.io.IOException { return source.available(); }
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length >= 2 && argv[0].equals("--once")) {
            installExit();
            // A tool stopped by SIGTERM runs its shutdown hooks, as under Kafka's own scripts: the
            // console consumer's hook wakes it to close and leave its group (without it, the
            // member stayed until its 45 s session timeout and the next scenario waited).
            Runtime.getRuntime().addShutdownHook(new Thread(ToolRunner::runHooks, "tool-shutdown-hooks"));
            System.setOut(new PrintStream(new Gate(new java.io.FileOutputStream(java.io.FileDescriptor.out)), true, "UTF-8"));
            System.setErr(new PrintStream(new Gate(new java.io.FileOutputStream(java.io.FileDescriptor.err)), true, "UTF-8"));
            String[] args = new String[argv.length - 2];
            System.arraycopy(argv, 2, args, 0, args.length);
            int status = runMain(argv[1], args);
            muted = false;
            runHooks();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }
        PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        InputStream originalIn = System.in;
        Gate outGate = new Gate(new ByteArrayOutputStream());
        Gate errGate = new Gate(new ByteArrayOutputStream());
        InputGate inGate = new InputGate();
        System.setOut(new PrintStream(outGate, true, "UTF-8"));
        System.setErr(new PrintStream(errGate, true, "UTF-8"));
        System.setIn(inGate);
        installExit();
        BufferedReader requests = new BufferedReader(new InputStreamReader(originalIn, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            String id = f[0];
            long timeoutMs = Long.parseLong(f[1]);
            String mainClass = f[2];
            byte[] input = decode(f[3]);
            String[] args = new String[f.length - 4];
            for (int i = 4; i < f.length; i++) args[i - 4] = new String(decode(f[i]), StandardCharsets.UTF_8);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            freshJvmState();
            exitStatus = null;
            muted = false;
            inGate.source = new ByteArrayInputStream(input);
            outGate.target = out;
            errGate.target = err;
            int[] status = { 0 };
            Thread tool = new Thread(() -> {
                status[0] = runMain(mainClass, args);
                muted = false;
                runHooks();
            }, "main");
            tool.start();
            tool.join(timeoutMs);
            boolean finished = !tool.isAlive();
            System.out.flush();
            System.err.flush();
            outGate.target = new ByteArrayOutputStream();
            errGate.target = new ByteArrayOutputStream();
            synchronized (ToolRunner.class) {
                answers.println(id + "\t" + (finished ? status[0] : -2) + "\t" + encode(out.toByteArray()) + "\t" + encode(err.toByteArray()));
            }
            if (!finished) {
                answers.flush();
                Runtime.getRuntime().halt(3);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    /** main() of the tool; an exception escaping it is printed as the JVM prints an uncaught one. */
    static int runMain(String mainClass, String[] args) {
        try {
            Method main = Class.forName(mainClass).getMethod("main", String[].class);
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (exitStatus == null) {
                System.err.print("Exception in thread \"main\" ");
                e.getCause().printStackTrace(System.err);
                return 1;
            }
        } catch (ExitCalled e) {
            // the status was recorded by the exit procedure
        } catch (ReflectiveOperationException e) {
            e.printStackTrace(System.err);
            return 1;
        }
        return exitStatus == null ? 0 : exitStatus;
    }

    /**
     * What a tool's own JVM would start with, where earlier tools of this one left state behind:
     * no app-info MBeans of clients they never closed (2.8's GetOffsetShell never closes its
     * consumer, so the next one warns "Error registering AppInfo mbean"), and 2.8's
     * ConsoleConsumer message count (a Scala object field it never resets) at 0.
     */
    static void freshJvmState() {
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName name : server.queryNames(new javax.management.ObjectName("kafka.*:type=app-info,*"), null)) {
                try { server.unregisterMBean(name); } catch (Exception ignored) { }
            }
        } catch (Exception ignored) {
        }
        try {
            Class<?> consoleConsumer = Class.forName("kafka.tools.ConsoleConsumer$");
            consoleConsumer.getMethod("messageCount_$eq", int.class).invoke(consoleConsumer.getField("MODULE$").get(null), 0);
        } catch (ReflectiveOperationException | LinkageError ignored) {
        }
    }

    static synchronized void exitCalled(int status) {
        if (exitStatus == null) {
            System.out.flush();
            System.err.flush();
            exitStatus = status;
            muted = true;
        }
        throw new ExitCalled(status);
    }

    static void runHooks() {
        List<Runnable> toRun;
        synchronized (hooks) {
            toRun = new ArrayList<>(hooks);
            hooks.clear();
        }
        for (Runnable r : toRun) {
            Thread t = new Thread(r, "shutdown-hook");
            t.start();
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kafka's Exit moved packages over the releases; replace whichever this classpath has. */
    static void installExit() throws Exception {
        for (String name : new String[] { "org.apache.kafka.common.utils.internals.Exit", "org.apache.kafka.common.utils.Exit" }) {
            Class<?> exit;
            try {
                exit = Class.forName(name);
            } catch (ClassNotFoundException e) {
                continue;
            }
            Class<?> procedure = Class.forName(name + "$Procedure");
            Class<?> hookAdder = Class.forName(name + "$ShutdownHookAdder");
            Object thrower = Proxy.newProxyInstance(ToolRunner.class.getClassLoader(), new Class<?>[] { procedure }, (p, m, a) -> {
                if (m.getDeclaringClass() == Object.class) return m.invoke(p == null ? ToolRunner.class : new Object(), a);
                exitCalled((Integer) a[0]);
                return null;
            });
            Object adder = Proxy.newProxyInstance(ToolRunner.class.getClassLoader(), new Class<?>[] { hookAdder }, (p, m, a) -> {
                if (m.getDeclaringClass() == Object.class) return m.invoke(new Object(), a);
                synchronized (hooks) { hooks.add((Runnable) a[1]); }
                return null;
            });
            exit.getMethod("setExitProcedure", procedure).invoke(null, thrower);
            exit.getMethod("setHaltProcedure", procedure).invoke(null, thrower);
            exit.getMethod("setShutdownHookAdder", hookAdder).invoke(null, adder);
            return;
        }
    }

    static byte[] decode(String s) { return Base64.getDecoder().decode(s); }
    static String encode(byte[] b) { return Base64.getEncoder().encodeToString(b); }
}
