package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real A/B and A/A on this machine, end to end (ab runs JMH, merges forks, compares, writes
 * reports and the ledger).
 *
 * <p>Why these cannot flake: the A/B candidate goes through a user-space proxy that holds every
 * request for 2 ms (there is no tc netem here), or spins 2 ms inside every measured call, against
 * a loopback PING of well under 1 ms even on this noisy 2-core VM: the p50 ratio is ~10x or more,
 * against a margin of 50%, so every round of every look lies far beyond it. The A/A asserts
 * only that no gating check is a REGRESSION with margins of 50-99%, which paired identical arms
 * cannot reach.
 */
class AbCommandIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    /**
     * One fork per arm per round, three rounds, one look. A 300 ms iteration still times over a
     * hundred held calls per candidate fork, every one of them 2 ms or more, against a median of
     * well under 1 ms: the fixed design's one look and margins are unchanged, only the slack is gone.
     */
    private static final String[] FORKS = {"--design", "fork", "--rounds", "3", "--include", "JedisPingBenchmark",
        "--warmup-iterations", "0", "--iterations", "1", "--time", "300ms", "--no-pin"};
    /**
     * Arms alternating per iteration inside one fork: four rounds per fork. Kept at 500 ms for the
     * adaptive A/B: its budget, divided by the time a round takes, sets the look schedule and so
     * how much each look must show; shorter rounds would change the decision rule it checks.
     */
    private static final String[] ITERATIONS = {"--design", "iteration", "--include", "JedisPingBenchmark",
        "--warmup-iterations", "1", "--warmup-time", "500ms", "--iterations", "8", "--time", "500ms", "--no-pin"};
    /**
     * The same alternation in 250 ms iterations, for fixed-round A/Bs (one look at a number of
     * rounds given, no budget): what they assert does not depend on the iteration's length, and a
     * PING iteration of 250 ms still holds thousands of samples per arm.
     */
    static final String[] SHORT_ITERATIONS = {"--design", "iteration", "--include", "JedisPingBenchmark",
        "--warmup-iterations", "1", "--warmup-time", "250ms", "--iterations", "8", "--time", "250ms", "--no-pin"};

    static Path margins(Path dir, String inconclusive) throws Exception {
        Path t = dir.resolve("margins.yaml");
        Files.writeString(t, "schema: 1\nregression:\n  mean: 99%\n  p50: 50%\n  p90: 99%\n  p99: 99%\n  p99.9: 99%\n"
                + "  p99.99: 99%\n  throughput: 99%\n  inconclusive: " + inconclusive + "\n");
        return t;
    }

    private static Path margins(Path dir) throws Exception {
        return margins(dir, "fail");
    }

    static String[] args(Path results, Path thresholds, String[] design, String... more) {
        List<String> a = new ArrayList<>(List.of("ab", "--results", results.toString(), "--ledger",
                results.resolve("ledger.jsonl").toString(), "--thresholds", thresholds.toString()));
        a.addAll(List.of(design));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void slowerCandidateIsARegressionAndEverythingIsWritten(@TempDir Path results) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock"); DelayProxy proxy = new DelayProxy(redis.target().port(), 2)) {
            CliRun r = CliRun.of(args(results, margins(results), FORKS,
                    "--baseline", "target:redis://127.0.0.1:" + redis.target().port(),
                    "--candidate", "target:redis://127.0.0.1:" + proxy.port()));
            assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
            assertTrue(r.out().contains("design: paired fork rounds, 3 rounds"), r.out());
            assertTrue(r.out().contains("order A B B A A B"), r.out());
            Path cand = Files.list(results).filter(p -> p.getFileName().toString().endsWith("-candidate")).findFirst().orElseThrow();
            JsonNode cmp = JsonFiles.json().readTree(cand.resolve("comparison/comparison.json").toFile());
            assertEquals("REGRESSION", cmp.get("decision").asText());
            JsonNode p50 = null;
            for (JsonNode c : cmp.get("checks")) {
                if (c.get("statistic").asText().equals("p50")) {
                    p50 = c;
                }
            }
            assertEquals("REGRESSION", p50.get("classification").asText(), p50.toString());
            assertTrue(p50.get("ratio").asDouble() > 2, p50.toString());
            assertEquals("paired fork rounds", p50.get("design").asText());
            assertEquals("paired fork rounds", cmp.get("design").asText());
            for (String f : List.of("junit.xml", "report.md", "report.html")) {
                assertTrue(Files.isRegularFile(cand.resolve("comparison").resolve(f)), f);
            }
            JsonNode manifest = JsonFiles.json().readTree(cand.resolve("manifest.json").toFile());
            assertEquals("COMPLETE", manifest.get("status").asText());
            assertEquals(3, manifest.at("/jmh/forks").asInt());
            assertEquals("paired-forks", manifest.at("/design/name").asText());
            assertEquals("[\"REDIS_TARGET\"]", manifest.at("/ab/declared").toString());
            List<String> ledger = Files.readAllLines(results.resolve("ledger.jsonl"));
            assertEquals(1, ledger.size());
            assertTrue(ledger.get(0).contains("\"kind\":\"ab\""), ledger.get(0));
        }
    }

    /**
     * The injected delay's purpose, through the adaptive design: a candidate that differs only by
     * a known 2 ms spin per call (about 20 times a loopback PING here, against a 50% margin) comes
     * out a REGRESSION at one of the first looks, and the A/B stops there: the tail checks it cannot
     * judge yet need 10,000 and 100,000 samples per arm, and the spun arm samples a few hundred
     * calls a round, so they would need more rounds than a 30 s budget holds at any speed this
     * host can run (a round takes at least its two 0.5 s iterations): waiting is futile.
     */
    @Test
    void anInjectedCandidateIsARegressionEarlyAndSaysSo(@TempDir Path results) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            String target = "target:redis://127.0.0.1:" + redis.target().port();
            CliRun r = CliRun.of(args(results, margins(results), ITERATIONS, "--budget", "30s", "--baseline", target,
                    "--candidate", target + ",inject:spin:2ms", "--fail-fast"));
            assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
            assertTrue(r.out().contains("design: paired iteration rounds"), r.out());
            assertTrue(r.err().contains("look 1 at 4 rounds"), r.err());
            // a regression decides the verdict: under --fail-fast the A/B ends at the first look with
            // one (the tail checks may be settled there too, which the stop reason then names), before
            // the budget does; which look that is depends on how many rounds this host fits in the budget
            java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("stopped: a gating check is a REGRESSION"
                    + ".* at the look at (\\d+) rounds").matcher(r.out());
            assertTrue(stopped.find(), r.out());
            assertTrue(r.out().contains("decided: REGRESSION shown from the look at " + stopped.group(1) + " rounds, "),
                    "the first failing look is the last one: " + r.out());
            assertTrue(r.out().contains("decision: REGRESSION"), r.out());
            assertTrue(r.out().contains("INJECTED: candidate is an injected run: not a real measurement "
                    + "(spin 2000 µs on every call)"), r.out());
            Path cand = Files.list(results).filter(p -> p.getFileName().toString().endsWith("-candidate")).findFirst().orElseThrow();
            JsonNode manifest = JsonFiles.json().readTree(cand.resolve("manifest.json").toFile());
            assertEquals(2_000_000, manifest.at("/injection/spinNanos").asLong());
            assertEquals("[\"INJECTION\"]", manifest.at("/ab/declared").toString());
            assertTrue(manifest.at("/jmh/jvmArgsAppend").toString().contains("-Dtailgate.inject.spinNanos=2000000"));
            assertEquals("paired-iterations", manifest.at("/design/name").asText());
            assertTrue(manifest.at("/jmh/forks").asInt() >= 1, manifest.at("/jmh").toString());
            Path base = Files.list(results).filter(p -> p.getFileName().toString().endsWith("-baseline")).findFirst().orElseThrow();
            assertTrue(JsonFiles.json().readTree(base.resolve("manifest.json").toFile()).at("/injection").isMissingNode());
        }
    }

    /**
     * Identical arms: never a REGRESSION; the tail checks four rounds cannot judge are "not
     * shown", which fails under the default policy and only warns under inconclusive: warn.
     */
    @Test
    void identicalArmsAreNotARegressionAndWhatIsNotShownFollowsThePolicy(@TempDir Path results) throws Exception {
        String[] fixed = {"--rounds", "4"};
        CliRun warn = CliRun.of(args(results.resolve("warn"), margins(Files.createDirectories(results.resolve("w")), "warn"),
                SHORT_ITERATIONS, concat(fixed, "--baseline", "profile:stock", "--candidate", "profile:stock")));
        assertEquals(ExitCode.OK, warn.code(), warn.toString());
        assertFalse(warn.out().contains("decision: REGRESSION"), warn.out());
        assertTrue(warn.err().contains("A/A"), warn.err());
        assertTrue(warn.out().contains("gating checks not shown; regression: inconclusive: warn"), warn.out());
        assertTrue(warn.out().contains("not judged:") || warn.out().contains("not shown:"), warn.out());
        CliRun fail = CliRun.of(args(results.resolve("fail"), margins(Files.createDirectories(results.resolve("f")), "fail"),
                SHORT_ITERATIONS, concat(fixed, "--baseline", "profile:stock", "--candidate", "profile:stock")));
        assertEquals(ExitCode.GATE_FAILED, fail.code(), fail.toString());
        assertTrue(fail.out().contains("gate failed:") && fail.out().contains("regression: inconclusive: fail"), fail.out());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /** Forwards bytes both ways, holding each chunk from the client for {@code delayMillis}. */
    static final class DelayProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        DelayProxy(int targetPort, long delayMillis) throws Exception {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        client.setTcpNoDelay(true);
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        upstream.setTcpNoDelay(true);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client.getInputStream(), upstream.getOutputStream(), delayMillis);
                        pump(upstream.getInputStream(), client.getOutputStream(), 0);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "delay-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pump(InputStream in, OutputStream out, long delayMillis) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (delayMillis > 0) {
                            Thread.sleep(delayMillis);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // connection closed
                }
            }, "delay-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
