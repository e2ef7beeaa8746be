package dev.tailgate.history;

import dev.tailgate.summary.Summaries;
import dev.tailgate.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Run directories as a nightly job leaves them, for the history tests and the scale timer: a
 * manifest with the fields identity reads, and a summary.json whose values follow a realistic
 * shape (p99 twice p50, p99.9 four times; noise growing with the tail) and carry 95% intervals
 * and three forks. Seeded: the same arguments write the same bytes.
 */
public final class GeneratedRuns {
    static final Instant FIRST_NIGHT = Instant.parse("2026-01-01T02:00:00Z");
    /** The six statistics of a sample-mode result, and each one's multiple of p50 and relative noise. */
    private static final String[] STATS = {"mean", "p50", "p90", "p99", "p99.9", "max"};
    private static final double[] SHAPE = {1.1, 1.0, 1.3, 2.0, 4.0, 9.0};
    private static final double[] NOISE = {0.01, 0.01, 0.015, 0.02, 0.04, 0.15};

    /**
     * One night.
     *
     * @param factor    every latency of the night is multiplied by it: 1 for the usual level
     * @param injection null, or the injected delay's description
     */
    public record Night(int index, String status, String injection, String profile, String redisVersion, double factor) {
        public String id() {
            return String.format(java.util.Locale.ROOT, "night-%04d", index);
        }

        public Instant startedAt() {
            return FIRST_NIGHT.plus(Duration.ofDays(index));
        }

        public static Night ordinary(int index) {
            return new Night(index, "COMPLETE", null, "low-latency", "7.2.4", 1.0);
        }

        public Night with(String newStatus, String newInjection) {
            return new Night(index, newStatus, newInjection, profile, redisVersion, factor);
        }

        public Night with(String newProfile, double newFactor) {
            return new Night(index, status, injection, newProfile, redisVersion, newFactor);
        }
    }

    private GeneratedRuns() {
    }

    /** Writes {@code night} with {@code benchmarks} results under {@code results}; returns its directory. */
    public static Path write(Path results, Night night, int benchmarks, long seed) throws IOException {
        Path dir = Files.createDirectories(results.resolve(night.id()));
        Files.writeString(dir.resolve("manifest.json"), manifest(night));
        Random rnd = new Random(seed * 1_000_003L + night.index());
        List<Summary.Result> out = new ArrayList<>();
        for (int b = 0; b < benchmarks; b++) {
            out.add(result(b, night.factor(), rnd));
        }
        TreeMap<String, String> identity = new TreeMap<>(Map.of("profile", night.profile(), "redis.version",
                night.redisVersion(), "redis.mode", "embedded", "suite", "nightly", "fingerprint.os.kernel", "6.1.0-28-amd64"));
        Summary s = new Summary(Summary.SCHEMA, night.id(), night.startedAt().toString(), night.status(),
                night.injection(), identity, Summaries.sources(dir), out);
        Summaries.write(dir, s);
        return dir;
    }

    static String benchmark(int b) {
        return "dev.tailgate.bench.gen.Generated" + (b / 10) + "Benchmark.op" + (b % 10);
    }

    private static Summary.Result result(int b, double factor, Random rnd) {
        double p50 = 20e-6 * (1 + b % 7) * factor;
        List<Summary.Stat> stats = new ArrayList<>();
        for (int i = 0; i < STATS.length; i++) {
            double v = p50 * SHAPE[i] * (1 + NOISE[i] * rnd.nextGaussian());
            double half = v * NOISE[i] * 1.5;
            List<Double> forks = List.of(v * (1 + NOISE[i] * rnd.nextGaussian()), v * (1 + NOISE[i] * rnd.nextGaussian()),
                    v * (1 + NOISE[i] * rnd.nextGaussian()));
            boolean max = STATS[i].equals("max");
            stats.add(new Summary.Stat(STATS[i], "s", v, max ? null : v - half, max ? null : v + half, forks));
        }
        return new Summary.Result(benchmark(b), new TreeMap<>(Map.of("payload", Integer.toString(16 << (b % 3)))),
                "sample", 3, 300_000, stats);
    }

    private static String manifest(Night n) {
        return "{\"schema\":1,\"runId\":\"" + n.id() + "\",\"suite\":\"nightly\",\"status\":\"" + n.status()
                + "\",\"startedAt\":\"" + n.startedAt() + "\",\"redis\":{\"mode\":\"embedded\",\"version\":\""
                + n.redisVersion() + "\",\"profile\":\"" + n.profile() + " (bundled)\"},\"jmh\":{\"jmhVersion\":\"1.37\"}"
                + (n.injection() == null ? "" : ",\"injection\":{\"spinNanos\":5000,\"fraction\":1.0}") + "}";
    }
}
