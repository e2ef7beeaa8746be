package dev.tailgate.cli;

import dev.tailgate.redis.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code tailgate} in a JVM of its own, as {@code ./tailgate} runs it (java -cp ... Main), so a
 * test can signal it: SIGKILL, SIGTERM, SIGINT. Its output (stdout and stderr merged) is
 * collected as it comes, so a test can wait for a line with a deadline.
 */
final class ChildTailgate implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread pump;

    private ChildTailgate(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process is gone: what was read is kept
            }
        }, "child-tailgate-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code tailgate args} with {@code env} added to this JVM's environment and a private java.io.tmpdir. */
    static ChildTailgate start(Map<String, String> env, Path tmpDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + tmpDir, "-Djmh.ignoreLock=true"));
        TestRedis.home().ifPresent(h -> cmd.add("-Dtailgate.home=" + h));
        cmd.add("dev.tailgate.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new ChildTailgate(pb.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String output() {
        return output.toString();
    }

    /** Waits until the output satisfies {@code condition}; false at the deadline or if the process ended first. */
    boolean awaitOutput(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(output())) {
                return true;
            }
            if (!process.isAlive()) {
                pump.join(1000);
                return condition.test(output());
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends a signal by name (KILL, TERM, INT) to the tailgate JVM only. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The process's children now (the JMH fork, an embedded redis-server). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Waits for exit; the exit code, or -1 if it is still running at the deadline. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return -1;
        }
        pump.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
