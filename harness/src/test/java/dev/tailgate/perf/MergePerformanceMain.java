package dev.tailgate.perf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.merge.RunMerger;
import dev.tailgate.merge.ShardRuns;
import dev.tailgate.store.Manifest;
import dev.tailgate.store.Trees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Times {@code tailgate merge} of N shards shaped like the nightly suite's run directories
 * (docs/distributed.md, "Performance"): per shard, {@code results} sample-mode results of 5 forks
 * x 5 iterations, each iteration a JMH histogram of {@code pairs} distinct values (JMH's sample
 * buffer keeps about three significant digits, so a 5 s iteration of a ~20 us call with a tail
 * to milliseconds holds a few thousand distinct values), and per result and fork the hiccup
 * meter's log of one interval per second of the trial. The nightly suite selects about 50
 * closed-loop benchmark/param pairs. Shards are generated once (seeded) and merged {@code reps}
 * times into fresh directories; each merge's wall and CPU time is printed with the load
 * average, which says whether the machine was free. A second invocation of the same shape
 * reuses the shards, so two builds can be timed in turn (A B A B) on one input.
 *
 * <pre>java -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.MergePerformanceMain target/perf/merge [shards=8] [results=50] [pairs=2000] [reps=3]</pre>
 *
 * <p>{@code reps=0} only makes the shards (scripts/merge-perf.sh then times {@code tailgate merge}
 * as a whole process, which is what a user waits for).
 */
public final class MergePerformanceMain {
    private static final int FORKS = 5;
    private static final int ITERATIONS = 5;
    /** One hiccup interval per second of a nightly trial: 2 x 2 s warm-up + 5 x 5 s measurement. */
    private static final int HICCUP_INTERVALS = 29;

    private MergePerformanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/perf/merge");
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int results = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        List<Path> inputs = inputs(dir, shards, results, pairs);
        System.out.printf("%d shards x %d results x %d forks x %d iterations x %d values: %.1f MB in%n",
                shards, results, FORKS, ITERATIONS, pairs, size(dir) / 1e6);
        if (reps == 0) {
            return; // the shards only: scripts/merge-perf.sh times whole `tailgate merge` processes on them
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[reps];
        for (int r = 0; r < reps; r++) {
            Path out = dir.resolve("merged-" + r);
            double load = os.getSystemLoadAverage();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            RunMerger.Result m = RunMerger.merge(inputs, out, List.of("tailgate", "merge"), Instant.now());
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            // the JVM's CPU time (the merge's two threads, GC, JIT): what it costs when the machine is busy
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            System.out.printf("merge %d: %.2f s wall, %.2f s CPU, %s, %.1f MB out, load average %.2f%n", r + 1,
                    seconds[r], cpu, m.manifest().status(), size(out) / 1e6, load);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("median %.2f s (first, cold: %.2f s), max heap %d MB%n", sorted[reps / 2], seconds[0],
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * The shards, generated unless {@code dir} holds those of the same shape already (its
     * {@code shape.txt}), so that old and new builds can be timed in turn on the same input;
     * merged directories of earlier runs are removed.
     */
    private static List<Path> inputs(Path dir, int shards, int results, int pairs) throws IOException {
        String shape = shards + " " + results + " " + pairs + "\n";
        Path shapeFile = dir.resolve("shape.txt");
        boolean reuse = Files.isRegularFile(shapeFile) && Files.readString(shapeFile).equals(shape);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> !reuse || p.getFileName().toString().startsWith("merged-")).toList()) {
                    Trees.delete(p);
                }
            }
        }
        List<Path> inputs = new ArrayList<>();
        for (int s = 1; s <= shards; s++) {
            Path shard = dir.resolve("shard-" + s);
            inputs.add(reuse ? shard : shard(shard, s, shards, results, pairs));
        }
        Files.writeString(shapeFile, shape);
        return inputs;
    }

    private static Path shard(Path dir, int shard, int count, int results, int pairs) throws IOException {
        Manifest m = ShardRuns.manifest("shard-" + shard, "nightly-perf", shard, count, Manifest.Status.COMPLETE);
        Files.createDirectories(dir);
        JsonFiles.writeJson(dir.resolve("manifest.json"), m);
        SplittableRandom rnd = new SplittableRandom(shard * 7919L);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("jmh.json")), 1 << 16);
             JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (int r = 0; r < results; r++) {
                result(g, r, pairs, rnd);
            }
            g.writeEndArray();
        }
        for (int r = 0; r < results; r++) {
            for (int f = 1; f <= FORKS; f++) {
                hiccups(dir.resolve("histograms").resolve("JedisGetBenchmark-key=" + r + "-fork" + f + "-hiccup.hlog"), rnd);
            }
        }
        return dir;
    }

    private static void result(JsonGenerator g, int r, int pairs, SplittableRandom rnd) throws IOException {
        g.writeStartObject();
        g.writeStringField("jmhVersion", "1.37");
        g.writeStringField("benchmark", ShardRuns.SAMPLE);
        g.writeStringField("mode", "sample");
        g.writeNumberField("threads", 1);
        g.writeNumberField("forks", FORKS);
        g.writeObjectFieldStart("params");
        g.writeStringField("key", Integer.toString(r));
        g.writeEndObject();
        g.writeObjectFieldStart("primaryMetric");
        g.writeNumberField("score", 0.0);
        g.writeStringField("scoreUnit", "ns/op");
        g.writeArrayFieldStart("rawDataHistogram");
        for (int f = 0; f < FORKS; f++) {
            g.writeStartArray();
            for (int k = 0; k < ITERATIONS; k++) {
                g.writeStartArray();
                // JMH's sample buffer has fixed buckets (about 0.1% wide), the same on every host:
                // an iteration holds a random subset of one grid, as its samples fall
                int index = 0;
                for (int i = 0; i < pairs; i++) {
                    index += 1 + (rnd.nextInt(4) == 0 ? 1 : 0) + (i > pairs * 0.8 ? rnd.nextInt(20) : 0);
                    g.writeStartArray();
                    g.writeNumber(Math.rint(15_000 * Math.pow(1.001, index)));
                    g.writeNumber(i < pairs * 0.8 ? 1 + rnd.nextInt(200) : 1 + rnd.nextInt(3));
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void hiccups(Path file, SplittableRandom rnd) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        for (int i = 0; i < HICCUP_INTERVALS; i++) {
            Histogram h = new Histogram(3);
            for (int j = 0; j < 1000; j++) {
                h.recordValue(50_000 + rnd.nextInt(200_000));
            }
            h.setTag("hiccup");
            h.setStartTimeStamp(ShardRuns.BASE_MILLIS + i * 1000L);
            h.setEndTimeStamp(ShardRuns.BASE_MILLIS + (i + 1) * 1000L);
            intervals.add(h);
        }
        ShardRuns.writeLog(file, intervals);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
