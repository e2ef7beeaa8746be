package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.Injection;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short real JMH runs (1 fork) against real redis-servers started by the product's launcher:
 * an injected spin shows up in the measured latency, and in an alternated A/B fork it shows up
 * only in arm B's iterations, round after round, once the splitter has taken the fork apart.
 *
 * <p>Why these assertions cannot flake on a noisy shared host, yet catch a wrong mechanism:
 * <ul>
 * <li>Every spun call lasts at least the spin (it is inside the timed region), so the fastest
 *     sample of a spun iteration is at least the spin, whatever the host does (less JMH's
 *     sample-bucket rounding, under 1%). A spin outside the timed region, or on the wrong arm,
 *     breaks this every time.</li>
 * <li>The medians are compared only with a spin several times the round-trip noise: loopback
 *     medians here are tens of microseconds for Jedis, but Lettuce's thread hand-offs on a
 *     2-core host under a load of 15 gave iteration medians up to about 1.2 ms. Hence 200 µs
 *     for the blocking Jedis run (its median moves by tens of µs between runs) and 5 ms in
 *     the alternated fork, which also holds Lettuce.</li>
 * </ul>
 */
class PairedForkJmhTest {
    private static final long SPIN = 200_000;
    private static final long ALT_SPIN = 5_000_000;
    /** JMH's sample histogram keeps about 10 significant bits: a recorded value may sit under 1% below the true one. */
    private static final double BUCKET = 0.99;
    private static TargetSession a;
    private static TargetSession b;

    @TempDir
    Path tmp;

    /** The two servers' config and log, removed after the class. */
    @TempDir
    static Path servers;

    @BeforeAll
    static void start() throws Exception {
        // JMH refuses to start while another JMH holds /tmp/jmh.lock (other suites on a shared
        // machine). This test checks a difference of 200 µs, not speed, so it may run beside them.
        System.setProperty("jmh.ignoreLock", "true");
        RedisBinary bin = RedisBinary.resolve(Optional.empty(), System.getenv("PATH"));
        ConfigProfile stock = ConfigProfile.load("stock", TestRedis.home());
        a = TargetSession.embedded(bin, stock, 0, Optional.empty(), servers.resolve("a"));
        b = TargetSession.embedded(bin, stock, 0, Optional.empty(), servers.resolve("b"));
    }

    @AfterAll
    static void stop() {
        for (TargetSession s : new TargetSession[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private JsonNode runJmh(List<String> benchmarks, int warmups, int iterations, List<String> jvmArgs, String name)
            throws Exception {
        return runJmh(benchmarks, warmups, Duration.ofMillis(200), iterations, Duration.ofMillis(300), jvmArgs, name);
    }

    private JsonNode runJmh(List<String> benchmarks, int warmups, Duration warmupTime, int iterations, Duration time,
                            List<String> jvmArgs, String name) throws Exception {
        Path json = tmp.resolve(name + ".json");
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-Dtailgate.keyPrefix=tailgate:test:");
        RunEngine.runJmh(new RunEngine.JmhJob(benchmarks, Map.of("valueBytes", List.of("16"), "depth", List.of("8")), 1, warmups,
                warmupTime, iterations, time, args, json),
                new JmhConsole(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), java.util.Optional.empty(),
                        RunProgress.NONE, new JmhConsole.Work(1), 1, tmp, CorePlan.decide(false, List.of(0), List.of())));
        return JsonFiles.json().readTree(json.toFile());
    }

    private List<String> props(CorePlan plan) throws Exception {
        return RunEngine.forkProperties(a, plan, Files.createDirectories(tmp.resolve("pin")),
                Files.createDirectories(tmp.resolve("hist")), Duration.ofMinutes(10));
    }

    private static double min(JsonNode iteration) {
        double m = Double.MAX_VALUE;
        for (JsonNode pair : iteration) {
            m = Math.min(m, pair.get(0).asDouble());
        }
        return m;
    }

    /** The median of one iteration's [value, count] pairs. */
    private static double p50(JsonNode iteration) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        long total = 0;
        for (JsonNode pair : iteration) {
            counts.merge(pair.get(0).asDouble(), pair.get(1).asLong(), Long::sum);
            total += pair.get(1).asLong();
        }
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (2 * seen >= total) {
                return e.getKey();
            }
        }
        throw new AssertionError("empty iteration");
    }

    @Test
    void anInjectedSpinRaisesTheMedianByAboutItsLength() throws Exception {
        CorePlan plan = HostCpus.plan(false);
        List<String> ping = List.of("dev.tailgate.bench.redis.JedisPingBenchmark.ping");
        JsonNode plain = runJmh(ping, 1, 1, props(plan), "plain");
        List<String> injected = new ArrayList<>(props(plan));
        injected.addAll(PairedFork.injectionProperties(Optional.of(new Injection(SPIN, 1))));
        JsonNode spun = runJmh(ping, 1, 1, injected, "injected");
        double before = p50(plain.at("/0/primaryMetric/rawDataHistogram/0/0"));
        JsonNode spunIteration = spun.at("/0/primaryMetric/rawDataHistogram/0/0");
        double after = p50(spunIteration);
        double shift = after - before;
        assertTrue(min(spunIteration) >= BUCKET * SPIN, "a call faster than the spin: " + min(spunIteration));
        assertTrue(shift > 0.5 * SPIN && shift < 2.0 * SPIN,
                "p50 " + before + " ns without, " + after + " ns with a " + SPIN + " ns spin");
    }

    @Test
    void inAnAlternatedForkOnlyArmBsIterationsCarryItsSpin() throws Exception {
        List<String> benchmarks = List.of("dev.tailgate.bench.redis.JedisPingBenchmark.ping",
                "dev.tailgate.bench.redis.LettuceSyncPingBenchmark.ping",
                "dev.tailgate.bench.redis.RawRespGetBenchmark.get",
                "dev.tailgate.bench.redis.JedisPipelinedGetBenchmark.batch",
                "dev.tailgate.bench.redis.LettuceAsyncPipelinedGetBenchmark.batch");
        List<String> jvmArgs = PairedFork.forkProperties(a, Optional.empty(), b,
                Optional.of(new Injection(ALT_SPIN, 1)), PairedFork.DEFAULT_PATTERN, HostCpus.plan(false),
                Files.createDirectories(tmp.resolve("pin")), Files.createDirectories(tmp.resolve("hist")),
                Duration.ofMinutes(10));
        // Short iterations: every assertion below holds for any call count (each of B's calls spins
        // 5 ms inside the timed region, A's do not), and 150 ms still gives B some 30 calls per
        // iteration against A's hundreds; five benchmarks at the 200/300 ms of the spin test above
        // took 8 s of measuring for the same outcome.
        JsonNode fork = runJmh(benchmarks, 2, Duration.ofMillis(100), PairedFork.checkIterations(4), Duration.ofMillis(150),
                jvmArgs, "alternated");
        PairedSplit.Result split = PairedSplit.split("alternated.json", fork, PairedFork.DEFAULT_PATTERN);
        assertEquals(benchmarks.size(), split.rounds().size());
        for (int k = 0; k < benchmarks.size(); k++) {
            PairedSplit.BenchmarkRounds r = split.rounds().get(k);
            assertEquals(List.of("A", "B"), r.rounds().stream().map(PairedSplit.Round::first).toList(),
                    "ABBA: round 1 starts with A, round 2 with B");
            for (PairedSplit.Round round : r.rounds()) {
                JsonNode ia = split.armA().get(k).at("/primaryMetric/rawDataHistogram/0").get(round.round());
                JsonNode ib = split.armB().get(k).at("/primaryMetric/rawDataHistogram/0").get(round.round());
                String where = r.benchmark() + " " + round + ": A min " + min(ia) + " p50 " + p50(ia) + " ns, B min "
                        + min(ib) + " p50 " + p50(ib) + " ns";
                assertTrue(min(ib) >= BUCKET * ALT_SPIN, "every call of B spins: " + where);
                assertTrue(min(ia) < ALT_SPIN, "A's calls do not: " + where);
                assertTrue(p50(ib) > p50(ia), "B slower than A: " + where);
            }
        }
    }
}
