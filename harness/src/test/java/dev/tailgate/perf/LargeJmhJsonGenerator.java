package dev.tailgate.perf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tailgate.ingest.JmhJsonFixture;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Writes the performance input of the gate: a JMH JSON file (JMH's layout) of 2,000
 * sample-mode results, each 2 forks x 3 iterations x 350 sampled calls with 8 ns timer
 * granularity, about 65 MB. Seeded: the same arguments give the same bytes.
 *
 * <pre>java -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.LargeJmhJsonGenerator target/perf/jmh-2000.json [results]</pre>
 */
public final class LargeJmhJsonGenerator {
    private LargeJmhJsonGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/perf/jmh-2000.json");
        int results = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (int i = 0; i < results; i++) {
                // One result at a time: the generator itself stays small too.
                JmhJsonFixture fx = new JmhJsonFixture();
                fx.samples("dev.tailgate.bench.redis.JedisGetBenchmark.get", "ns/op", 2, 3, 350,
                        latency(i, 20_000 + 10 * (i % 100)), 8).param("key", Integer.toString(i)).param("valueBytes", "64");
                fx.writeElements(g);
            }
            g.writeEndArray();
        }
        System.out.printf("wrote %s: %d results, %.1f MB%n", file, results, Files.size(file) / 1e6);
    }

    static DoubleSupplier latency(long seed, double medianNs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DoubleSupplier body = JmhJsonFixture.lognormal(seed * 3 + 1, medianNs, 0.2);
        DoubleSupplier tail = JmhJsonFixture.lognormal(seed * 3 + 2, 200_000, 1.0);
        return () -> rnd.nextDouble() < 0.99 ? body.getAsDouble() : tail.getAsDouble();
    }
}
