package dev.tailgate.perf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tailgate.ingest.JmhJsonFixture;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the performance input of {@code compare}: two run directories ({@code baseline/},
 * {@code candidate/}, JMH JSON only) of sample-mode results, each {@code forks x iterations x
 * samples} sampled calls with 8 ns timer granularity; the candidate is 2% slower in the body.
 * At least 3 forks: with fewer, every check is INCONCLUSIVE on its fork count alone and no
 * bootstrap runs, which would time nothing. Seeded: the same arguments give the same bytes.
 *
 * <pre>java -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.CompareRunsGenerator target/perf/compare [results forks iterations samples]</pre>
 */
public final class CompareRunsGenerator {
    private CompareRunsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/perf/compare");
        int results = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int samples = args.length > 4 ? Integer.parseInt(args[4]) : 350;
        write(dir.resolve("baseline"), results, forks, iterations, samples, 1.0, 0);
        write(dir.resolve("candidate"), results, forks, iterations, samples, 1.02, 1_000_000);
    }

    private static void write(Path run, int results, int forks, int iterations, int samples, double scale, long seedOffset)
            throws IOException {
        Files.createDirectories(run);
        Path file = run.resolve("jmh.json");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (int i = 0; i < results; i++) {
                JmhJsonFixture fx = new JmhJsonFixture();
                fx.samples("dev.tailgate.bench.redis.JedisGetBenchmark.get", "ns/op", forks, iterations, samples,
                        LargeJmhJsonGenerator.latency(seedOffset + i, scale * (20_000 + 10 * (i % 100))), 8)
                        .param("key", Integer.toString(i)).param("valueBytes", "64");
                fx.writeElements(g);
            }
            g.writeEndArray();
        }
        System.out.printf("wrote %s: %d results x %d forks x %d iterations x %d samples, %.1f MB%n", file, results, forks,
                iterations, samples, Files.size(file) / 1e6);
    }
}
