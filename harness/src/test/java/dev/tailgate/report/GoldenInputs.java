package dev.tailgate.report;

import dev.tailgate.ingest.JmhJsonFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Writes the generated JMH JSON inputs of the golden cases that the captured files do not
 * cover (seeded, so rerunning gives the same bytes). Run from the repository root:
 * {@code java -cp harness/target/tailgate.jar:harness/target/test-classes dev.tailgate.report.GoldenInputs}
 */
public final class GoldenInputs {
    private GoldenInputs() {
    }

    /** Loopback-like latency in ns: 99% lognormal around 17 us, 1% a slow mode around 300 us. */
    static DoubleSupplier loopback(long seed, double medianNs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DoubleSupplier body = JmhJsonFixture.lognormal(seed + 1, medianNs, 0.25);
        DoubleSupplier tail = JmhJsonFixture.lognormal(seed + 2, 300_000, 1.0);
        return () -> rnd.nextDouble() < 0.99 ? body.getAsDouble() : tail.getAsDouble();
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "harness/src/test/resources/golden");

        JmhJsonFixture sample = new JmhJsonFixture();
        sample.samples("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip", "ns/op", 2, 3, 20_000,
                loopback(11, 17_000), 100).param("payloadBytes", "16");
        sample.samples("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip", "ns/op", 2, 3, 20_000,
                loopback(12, 21_000), 100).param("payloadBytes", "4096");
        sample.samples("dev.tailgate.bench.redis.JedisPingBenchmark.ping", "ns/op", 2, 3, 20_000,
                loopback(13, 35_000), 100);
        sample.samples("dev.tailgate.bench.redis.LettuceSyncPingBenchmark.ping", "ns/op", 1, 2, 2_000,
                loopback(14, 60_000), 100);
        write(sample, root.resolve("sample-gate/run/jmh.json"));

        JmhJsonFixture small = new JmhJsonFixture();
        small.samples("dev.tailgate.bench.redis.JedisPingBenchmark.ping", "ns/op", 1, 2, 2_000,
                loopback(15, 35_000), 100);
        write(small, root.resolve("aborted-run/run/jmh.json"));

        JmhJsonFixture modes = new JmhJsonFixture();
        modes.scores("dev.tailgate.bench.redis.JedisGetBenchmark.get", "avgt", "us/op",
                new double[][] {{36.1, 35.8, 36.4}, {37.0, 36.7, 36.9}, {35.5, 35.9, 35.6}}).param("valueBytes", "64");
        modes.scores("dev.tailgate.bench.redis.JedisPingBenchmark.ping", "thrpt", "ops/ms",
                new double[][] {{28.1, 28.4}, {27.2, 27.9}});
        modes.scores("dev.tailgate.bench.redis.RawRespPingBenchmark.ping", "ss", "us/op",
                new double[][] {{180.0}, {95.0}, {120.0}});
        modes.scores("dev.tailgate.bench.redis.JedisSetBenchmark.set", "avgt", "us/op",
                new double[][] {{41.0, 40.2}}).param("valueBytes", "16").score("NaN");
        write(modes, root.resolve("modes-gate/run/jmh.json"));
    }

    private static void write(JmhJsonFixture fx, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            fx.write(out);
        }
    }
}
