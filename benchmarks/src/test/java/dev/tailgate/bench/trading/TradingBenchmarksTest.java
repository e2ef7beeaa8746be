package dev.tailgate.bench.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.redis.launch.RedisExtension;
import java.lang.annotation.Annotation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.Jedis;

/** The write and read trading benchmarks against a real redis-server: bounded memory, sane results, a real JMH run. */
class TradingBenchmarksTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension("stock");

    private static TradingBenchConfig config() {
        return OneWayLatencyBenchmarkTest.config(REDIS.server(), Map.of());
    }

    private static final List<Class<? extends TradingBenchmark>> BENCHMARKS = List.of(XaddTrimBenchmark.class,
            StreamOneWayLatencyBenchmark.class, PubSubOneWayLatencyBenchmark.class, OrderBookUpdateBenchmark.class,
            TopOfBookReadBenchmark.class);

    /** JMH reads these from superclasses: a trading benchmark measures under the one shared policy. */
    @Test
    void everyTradingBenchmarkRunsUnderTheSharedMeasurementPolicy() {
        List<Class<? extends Annotation>> policy = List.of(BenchmarkMode.class, OutputTimeUnit.class, Warmup.class,
                Measurement.class, Fork.class, State.class);
        for (Class<? extends TradingBenchmark> b : BENCHMARKS) {
            assertTrue(LatencyBenchmark.class.isAssignableFrom(b), b.getName());
            for (Class<? extends Annotation> a : policy) {
                assertEquals(LatencyBenchmark.class.getAnnotation(a), b.getAnnotation(a), b.getSimpleName() + " @" + a.getSimpleName());
            }
        }
    }

    private static XaddTrimBenchmark xadd(String trim) {
        XaddTrimBenchmark b = new XaddTrimBenchmark();
        b.trim = trim;
        b.maxLen = 500;
        b.windowMillis = 1000;
        b.open(config(), null);
        return b;
    }

    @Test
    void everyTrimStyleKeepsTheStreamBounded() throws Exception {
        XaddTrimBenchmark exact = xadd("exact");
        XaddTrimBenchmark approx = xadd("approx");
        XaddTrimBenchmark minid = xadd("minid");
        try {
            for (int i = 0; i < 2_000; i++) {
                exact.xadd();
                approx.xadd();
                minid.xadd();
            }
            assertEquals(500, exact.length(), "MAXLEN 500 is exact");
            assertTrue(approx.length() >= 500 && approx.length() <= 500 + 200, "MAXLEN ~ 500: " + approx.length());
            // 2,000 measured entries plus the one setup writes so the stream exists to carry a TTL
            assertTrue(minid.length() > 0 && minid.length() <= 2_001, "MINID keeps at most what was written: " + minid.length());
            long deadline = System.nanoTime() + 5_000_000_000L;
            long before = minid.length();
            // Once the window has passed, one more XADD trims everything older than it.
            while (System.nanoTime() < deadline && minid.length() >= before) {
                Thread.sleep(50);
                minid.xadd();
            }
            assertTrue(minid.length() < before, "MINID trims by age");
        } finally {
            exact.teardown();
            approx.teardown();
            minid.teardown();
        }
        try (Jedis j = new Jedis(REDIS.server().host(), REDIS.server().port())) {
            assertFalse(j.exists("t:bench:xadd:exact"), "teardown removes its keys");
        }
    }

    @Test
    void orderBookUpdatesKeepEveryBookAtDepth() {
        OrderBookUpdateBenchmark b = new OrderBookUpdateBenchmark();
        b.bookDepth = 5;
        b.open(config(), null);
        try {
            for (int i = 0; i < 5_000; i++) {
                List<Object> replies = b.update();
                assertTrue(replies.size() == 2 || replies.size() == 3, "ZADD [ZREM] HSET");
            }
            assertEquals(5, b.bookSize("SYM0001", true));
            assertEquals(5, b.bookSize("SYM0001", false));
        } finally {
            b.teardown();
        }
    }

    @Test
    void topOfBookReadsBothSources() {
        for (String source : List.of("book", "quote")) {
            TopOfBookReadBenchmark b = new TopOfBookReadBenchmark();
            b.source = source;
            b.bookDepth = 10;
            b.open(config(), null);
            try {
                Object r = b.read();
                assertTrue(r instanceof List<?> l && l.size() == 2 && !l.contains(null), source + ": " + r);
            } finally {
                b.teardown();
            }
        }
    }

    private static Options tinyRun(Class<?> benchmark, Path out) {
        return new OptionsBuilder()
                .include(benchmark.getName())
                .forks(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(300))
                .jvmArgsAppend("-Dtailgate.redis.port=" + REDIS.server().port(), "-Dtailgate.keyPrefix=t:jmh:",
                        "-Dtailgate.pin=false", "-Xmx256m", "-Dtailgate.histograms.dir=" + out)
                .output(out.resolve("jmh.log").toString())
                .shouldFailOnError(true)
                .build();
    }

    /** The generated JMH code runs: one fork, tiny iterations, a positive sample-time score. */
    @Test
    void realJmhRunProducesASampleTimeResult(@TempDir Path out) throws Exception {
        Options opt = new OptionsBuilder().parent(tinyRun(XaddTrimBenchmark.class, out))
                .param("trim", "approx").param("maxLen", "1000").build();
        Collection<RunResult> results = new Runner(opt).run();
        assertEquals(1, results.size());
        double score = results.iterator().next().getPrimaryResult().getScore();
        assertTrue(score > 0 && score < 1e9, "sample time ns: " + score);
    }

    /** A forked trading run writes the hiccup meter's log, as every closed-loop benchmark does. */
    @Test
    void realJmhRunRecordsHiccupsBesideTheTrial(@TempDir Path out) throws Exception {
        Options opt = new OptionsBuilder().parent(tinyRun(TopOfBookReadBenchmark.class, out))
                .param("source", "quote").param("bookDepth", "2").build();
        assertEquals(1, new Runner(opt).run().size());
        Path hlog = out.resolve("TopOfBookReadBenchmark-bookDepth=2-source=quote-fork1" + HiccupTrial.SUFFIX + ".hlog");
        assertTrue(Files.exists(hlog), "no hiccup log " + hlog.getFileName() + " in " + out);
        String text = Files.readString(hlog);
        assertTrue(text.contains("Tag=" + HiccupTrial.TAG + ","), text);
        assertTrue(text.contains("hiccup meter placement: DISABLED"), text);
    }

    /**
     * A forked one-way run (inherited fixed-rate lifecycle included) accounts for every message
     * and leaves an HdrHistogram log with both tags.
     */
    @Test
    void forkedOneWayRunPrintsCountsAndWritesAHistogramLog(@TempDir Path out) throws Exception {
        Options opt = new OptionsBuilder().parent(tinyRun(StreamOneWayLatencyBenchmark.class, out))
                .param("mode", "group").param("ratePerSecond", "2000").build();
        // JMH relays the fork's own stdout (where the benchmark prints its lines) to this JVM's
        // System.out, not to the output file: capture both.
        PrintStream saved = System.out;
        ByteArrayOutputStream forkOut = new ByteArrayOutputStream();
        System.setOut(new PrintStream(forkOut, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, new Runner(opt).run().size());
        } finally {
            System.setOut(saved);
        }
        String log = Files.readString(out.resolve("jmh.log")) + forkOut.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("tailgate-oneway: StreamOneWayLatency mode=group sent=(\\d+) received=(\\d+) lost=0 duplicated=0")
                .matcher(log);
        assertTrue(m.find(), log);
        assertEquals(m.group(1), m.group(2));
        assertTrue(Long.parseLong(m.group(1)) > 0);
        assertTrue(log.contains("tailgate-memory: StreamOneWayLatency mode=group"), log);
        try (var files = Files.list(out)) {
            Path hlog = files.filter(p -> p.getFileName().toString().startsWith("StreamOneWayLatency-group-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .hlog in " + out));
            String text = Files.readString(hlog);
            assertTrue(text.contains("Tag=oneway,") && text.contains("Tag=oneway-intended,"), text);
        }
    }
}
