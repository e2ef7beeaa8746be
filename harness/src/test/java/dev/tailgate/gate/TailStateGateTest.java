package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.TailState;
import dev.tailgate.model.Verdict;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.sample.TailSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tailgate gate tail-state.json}: the sampler's rolling window judged with a threshold
 * file, on the window's intervals of the sampler's real .hlog format (HlogOutput, absolute times).
 */
class TailStateGateTest {
    static final long T0 = 1_764_000_000_000L;
    static final long INTERVAL = 10_000;
    static final int PER_INTERVAL = 10_000;

    /** Three 10 s intervals of 10,000 responses; the first has 5% at 5 ms, the others all ~20 us. */
    static void writeLog(Path hlog) throws Exception {
        try (HlogOutput out = HlogOutput.at(hlog, "test sampler")) {
            for (int i = 0; i < 3; i++) {
                Histogram response = LatencyRecorders.newHistogram();
                Histogram service = LatencyRecorders.newHistogram();
                for (int n = 0; n < PER_INTERVAL; n++) {
                    response.recordValue(i == 0 && n % 20 == 0 ? 5_000_000 : 20_000 + n % 7);
                    service.recordValue(20_000);
                }
                for (Histogram h : List.of(response, service)) {
                    h.setStartTimeStamp(T0 + i * INTERVAL);
                    h.setEndTimeStamp(T0 + (i + 1) * INTERVAL);
                }
                out.write(HlogOutput.RESPONSE, response);
                out.write(HlogOutput.SERVICE, service);
            }
        }
    }

    static TailState state(int firstInterval, boolean valid, boolean empty) {
        int intervals = 3 - firstInterval;
        long count = empty ? 0 : (long) intervals * PER_INTERVAL;
        TailState.Percentiles p = empty ? TailState.Percentiles.NONE
                : new TailState.Percentiles(20_000L, 20_000L, 20_000L, 20_000L, 20_000L, 20_000L);
        TailState.Summary window = new TailState.Summary(Instant.ofEpochMilli(T0 + firstInterval * INTERVAL),
                Instant.ofEpochMilli(T0 + 3 * INTERVAL), intervals, count, 0, count / (intervals * 10.0), p, p,
                empty ? null : 3_000L, empty ? null : 9_000L, valid, valid ? List.of() : List.of("behind schedule: achieved 700/s of 1000/s"));
        return new TailState(TailState.FORMAT, "redis://127.0.0.1:6379/0", 1000, INTERVAL, intervals * INTERVAL,
                Instant.ofEpochMilli(T0 + 3 * INTERVAL), false, "histograms/tail-sample.hlog", "not pinned (disabled)",
                window, window, List.of());
    }

    static Verdict gate(Path dir, TailState s, Path gateTarget) throws Exception {
        TailStateJson.write(dir.resolve("tail-state.json"), s);
        Path thresholds = dir.resolve("sampler.yaml");
        Files.writeString(thresholds, """
                schema: 1
                policy: { minTailSamples: 1000 }
                rules:
                  - id: sampler
                    match: tailgate.sample
                    params: { target: "redis://127.0.0.1:*" }
                    limits:
                      p99: 1 ms
                """);
        return GateService.gate(gateTarget, thresholds, LocalDate.of(2026, 11, 25)).verdict();
    }

    @Test
    void theWindowIsJudgedOnItsOwnIntervalsPassFailInconclusiveError(@TempDir Path dir) throws Exception {
        writeLog(dir.resolve("histograms/tail-sample.hlog"));

        // last two intervals: the stalled first interval is outside the window
        Check pass = GateEngineTest.only(gate(dir, state(1, true, false), dir));
        assertEquals(Outcome.PASS, pass.outcome(), pass.reason());
        assertEquals(20_000, pass.samples());
        assertEquals("tailgate.sample", pass.benchmark().benchmark());
        assertTrue(pass.reason().contains("response histogram of histograms/tail-sample.hlog window"), pass.reason());

        Check fail = GateEngineTest.only(gate(dir, state(0, true, false), dir.resolve("tail-state.json")));
        assertEquals(Outcome.FAIL, fail.outcome(), fail.reason());
        assertEquals(30_000, fail.samples());
        assertEquals(5.0, fail.observed(), 0.01);

        Check invalid = GateEngineTest.only(gate(dir, state(1, false, false), dir));
        assertEquals(Outcome.INCONCLUSIVE, invalid.outcome(), invalid.reason());
        assertTrue(invalid.reason().contains("sampler window invalid: behind schedule: achieved 700/s of 1000/s"), invalid.reason());

        Verdict none = gate(dir, state(1, false, true), dir);
        assertEquals(Outcome.ERROR, GateEngineTest.only(none).outcome(), none.checks().get(0).reason());
        assertEquals(Outcome.ERROR, none.decision());
    }

    /** {@code s} as the cluster-wide state of {@code masters}, or as a master's, finished or not. */
    static TailState with(TailState s, boolean complete, TailState.Summary total, List<TailState.Master> masters) {
        return new TailState(s.format(), s.target(), s.ratePerSecond(), s.intervalMillis(), s.windowMillis(), s.updated(),
                complete, s.hlog(), s.senderPinning(), s.window(), total, masters);
    }

    static TailState.Summary withCount(TailState.Summary s, long count) {
        return new TailState.Summary(s.start(), s.end(), s.intervals(), count, s.errors(), s.achievedRatePerSecond(),
                s.responseNanos(), s.serviceNanos(), s.slipP99Nanos(), s.slipMaxNanos(), s.valid(), s.flaws());
    }

    @Test
    void aClusterWideStateCannotPassWithoutEveryMastersValidData(@TempDir Path dir) throws Exception {
        writeLog(dir.resolve("histograms/tail-sample.hlog"));
        TailState valid = state(1, true, false);
        List<TailState.Master> masters = List.of(new TailState.Master("10.0.0.1:7000", "redis-nodes/10.0.0.1_7000/tail-state.json"),
                new TailState.Master("10.0.0.2:7001", "redis-nodes/10.0.0.2_7001/tail-state.json"));
        Path a = dir.resolve(masters.get(0).state());
        Path b = dir.resolve(masters.get(1).state());
        TailState cluster = with(valid, false, valid.total(), masters);
        TailStateJson.write(a, valid);
        TailStateJson.write(b, valid);
        Check pass = GateEngineTest.only(gate(dir, cluster, dir));
        assertEquals(Outcome.PASS, pass.outcome(), pass.reason());
        assertTrue(pass.reason().contains("cluster-wide"), pass.reason());

        Files.delete(b);
        Check missing = GateEngineTest.only(gate(dir, cluster, dir));
        assertEquals(Outcome.INCONCLUSIVE, missing.outcome(), missing.reason());
        assertTrue(missing.reason().contains("master 10.0.0.2:7001: data missing ("), missing.reason());

        TailStateJson.write(b, state(1, false, false));
        Check invalid = GateEngineTest.only(gate(dir, cluster, dir));
        assertEquals(Outcome.INCONCLUSIVE, invalid.outcome(), invalid.reason());
        assertTrue(invalid.reason().contains("master 10.0.0.2:7001: window invalid: behind schedule"), invalid.reason());

        // finished: every master finished, and their totals (10,000 each) are the cluster's 20,000
        TailState half = with(valid, true, withCount(valid.total(), 10_000), List.of());
        TailStateJson.write(a, half);
        TailStateJson.write(b, half);
        TailState done = with(valid, true, valid.total(), masters);
        assertEquals(Outcome.PASS, GateEngineTest.only(gate(dir, done, dir)).outcome());

        TailStateJson.write(b, with(valid, false, withCount(valid.total(), 10_000), List.of()));
        Check unfinished = GateEngineTest.only(gate(dir, done, dir));
        assertEquals(Outcome.INCONCLUSIVE, unfinished.outcome(), unfinished.reason());
        assertTrue(unfinished.reason().contains("master 10.0.0.2:7001: had not finished"), unfinished.reason());

        TailStateJson.write(b, with(valid, true, withCount(valid.total(), 5_000), List.of()));
        Check short_ = GateEngineTest.only(gate(dir, done, dir));
        assertEquals(Outcome.INCONCLUSIVE, short_.outcome(), short_.reason());
        assertTrue(short_.reason().contains("the masters' totals hold 15000 samples, the cluster-wide total 20000"),
                short_.reason());
    }

    @Test
    void aRealSamplersStateFileIsGatedOnItsWindow(@TempDir Path out) throws Exception {
        TailState s;
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            s = new TailSampler(new TailSampler.Options(new RedisTarget("127.0.0.1", redis.target().port(), Optional.empty(), 0,
                    false), Optional.empty(), 500, Duration.ofMillis(2500), Duration.ofMillis(500), Duration.ofSeconds(1), out,
                    false, List.of(), 100_000_000), new PrintWriter(new StringWriter(), true), java.time.Clock.systemUTC()).run();
        }
        Check c = GateEngineTest.only(GateService.gate(out, SamplerThresholds.lenient(out, 100), LocalDate.of(2026, 11, 26))
                .verdict());
        assertEquals(s.window().count(), c.samples(), c.reason());
        assertEquals(2, s.window().intervals());
        assertEquals(s.window().valid() ? Outcome.PASS : Outcome.INCONCLUSIVE, c.outcome(), c.reason());
    }
}
