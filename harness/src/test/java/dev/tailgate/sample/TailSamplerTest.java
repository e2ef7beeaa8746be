package dev.tailgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ingest.HlogReader;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.model.TailState;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.RedisFixture;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailSamplerTest {

    /** Polls the state file until the predicate holds; fails after the deadline. */
    static TailState awaitState(Path dir, Duration timeout, Predicate<TailState> until) throws InterruptedException {
        Path f = dir.resolve(TailSampler.STATE_FILE);
        long deadline = System.nanoTime() + timeout.toNanos();
        TailState last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(f)) {
                last = TailStateJson.read(f);
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("state never matched within " + timeout + "; last: " + last);
    }

    /** Intervals of one tag in an .hlog, in order, read by HdrHistogram's own reader. */
    static List<Long> countsPerInterval(Path hlog, String tag) throws Exception {
        List<Long> counts = new ArrayList<>();
        HistogramLogReader r = new HistogramLogReader(hlog.toFile());
        EncodableHistogram h;
        while ((h = r.nextIntervalHistogram()) != null) {
            if (tag.equals(h.getTag())) {
                counts.add(((org.HdrHistogram.Histogram) h).getTotalCount());
            }
        }
        return counts;
    }

    @Test
    void survivesTheTargetRestartingCountsErrorsAndKeepsItsData(@TempDir Path out) throws Exception {
        EmbeddedRedis first = TestRedis.start("stock");
        int port = first.target().port();
        StringWriter lines = new StringWriter();
        TailSampler sampler = new TailSampler(new TailSampler.Options(new RedisTarget("127.0.0.1", port,
                Optional.empty(), 0, false), Optional.empty(), 500, Duration.ofSeconds(30), Duration.ofMillis(500),
                Duration.ofSeconds(2), out, false, List.of(), 100_000), new PrintWriter(lines, true), java.time.Clock.systemUTC());
        CompletableFuture<TailState> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sampler.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        EmbeddedRedis second = null;
        try {
            awaitState(out, Duration.ofSeconds(20), s -> s.total().count() > 200);
            first.close();
            TailState down = awaitState(out, Duration.ofSeconds(20), s -> s.total().errors() > 50);
            long countWhenDown = down.total().count();
            second = EmbeddedRedis.start(RedisFixture.options("stock", RedisFixture.binary()).withPort(port));
            awaitState(out, Duration.ofSeconds(20), s -> s.total().count() > countWhenDown + 300);
            sampler.requestStop();
            TailState done = run.get();
            assertTrue(done.complete());
            assertTrue(done.total().errors() > 50, "errors while down: " + done.total().errors());
            assertTrue(!done.total().valid() && done.total().flaws().stream().anyMatch(f -> f.contains("failed")),
                    done.total().flaws().toString());
            // every interval is in the log, the ones after the restart have samples again
            List<Long> counts = countsPerInterval(out.resolve(done.hlog()), "response");
            assertEquals(done.total().intervals(), counts.size());
            assertEquals(done.total().count(), counts.stream().mapToLong(Long::longValue).sum());
            assertTrue(counts.get(counts.size() - 2) > 0, "no samples after the restart: " + counts);
            assertTrue(lines.toString().contains("errors "), lines.toString());
            assertTrue(lines.toString().contains("per interval: median"), lines.toString());
        } finally {
            sampler.requestStop();
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void sigtermStopsAChildJvmCleanlyWithEveryIntervalKept(@TempDir Path out) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                    "dev.tailgate.cli.Main", "sample", "--target", redis.target().url(), "--rate", "200",
                    "--duration", "120s", "--interval", "300ms", "--no-pin", "--out", out.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(out.resolve("child.log").toFile());
            Process child = pb.start();
            try {
                awaitState(out, Duration.ofSeconds(30), s -> s.total().intervals() >= 3);
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not stop");
            } finally {
                child.destroyForcibly();
            }
            TailState state = TailStateJson.read(out.resolve(TailSampler.STATE_FILE));
            assertTrue(state.complete(), "final state not flushed: " + Files.readString(out.resolve("child.log")));
            assertNotNull(state.total().responseNanos().p99());
            List<Long> counts = countsPerInterval(out.resolve(state.hlog()), "response");
            assertEquals(state.total().intervals(), counts.size());
            assertEquals(state.total().count(), counts.stream().mapToLong(Long::longValue).sum());
            assertEquals(state.total().count(),
                    HlogReader.read(out.resolve(state.hlog())).tag("response").orElseThrow().getTotalCount());
            assertTrue(new File(out.toFile(), "child.log").length() > 0);
        }
    }

    @Test
    void medianIntervalCpuIgnoresOneStalledInterval() {
        long[] bins = new long[1001];
        bins[92] = 9; // nine intervals at 9.2%
        bins[423] = 1; // one interval charged a host stall
        assertEquals(92, TailSampler.permilleAtRank(bins, 5));
        assertEquals(423, TailSampler.permilleAtRank(bins, 10));
        assertEquals(92, TailSampler.permilleAtRank(bins, 1));
    }

    @Test
    void intervalLineHidesTailsTooFewSamplesStandBehind() {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int i = 1; i <= 1_000; i++) {
            h.recordValue(i * 1_000L);
        }
        assertTrue(TailSampler.us(h, 50).startsWith("500."), TailSampler.us(h, 50));
        assertEquals("-", TailSampler.us(h, 99), "p99 needs 10,000 samples");
        assertEquals("-", TailSampler.us(h, 99.9));
        assertTrue(TailSampler.us(h, 100).startsWith("1000."), "max is always shown");
        for (int i = 0; i < 9_000; i++) {
            h.recordValue(1_000L);
        }
        assertTrue(!TailSampler.us(h, 99).equals("-"), "10,000 samples carry a p99");
    }
}
