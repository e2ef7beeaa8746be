package dev.tailgate.bench.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A throwaway {@code redis-server} for tests: free loopback port, no persistence, output to a
 * file. The benchmarks module has no launcher of its own (the harness has), so tests start
 * the real binary here. Always {@link #close()} it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RedisServerProcess start(String... extraArgs) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("tailgate-redis-test", ".log");
        List<String> cmd = new java.util.ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RedisServerProcess server = new RedisServerProcess(p, port, log);
        server.awaitReady(Duration.ofSeconds(10), log);
        return server;
    }

    public int port() {
        return port;
    }

    /** Polls with PING until Redis answers (even NOAUTH), the process dies, or the deadline passes. */
    private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (RawRespConnection c = RawRespConnection.connect("127.0.0.1", port)) {
                c.call(RespCommands.PING);
                return;
            } catch (RuntimeException | IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // poll interval, not a wait-for
            }
        }
        close();
        throw new IOException("redis-server on port " + port + " did not answer PING within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover log in the build directory is harmless
        }
    }
}
