package dev.tailgate.gate;

import static dev.tailgate.gate.GateEngineTest.gate;
import static dev.tailgate.gate.GateEngineTest.only;
import static dev.tailgate.gate.GateEngineTest.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Check;
import dev.tailgate.model.CounterReadings;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.model.SecondaryMetric;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.TailHistogram;
import dev.tailgate.model.Verdict;
import dev.tailgate.thresholds.CounterLimit;
import dev.tailgate.thresholds.InconclusivePolicy;
import dev.tailgate.thresholds.Limit;
import dev.tailgate.thresholds.Policy;
import dev.tailgate.thresholds.Rule;
import dev.tailgate.thresholds.Thresholds;
import dev.tailgate.thresholds.Waiver;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Open-loop histograms replace JMH's numbers; invalid generators never pass; counter limits. */
class OpenLoopGateTest {
    static final String BENCH = "dev.tailgate.bench.openloop.RawRespFixedRateBenchmark.run";
    static final BenchmarkId ID = BenchmarkId.of(BENCH, Map.of("rate", "2000", "command", "PING", "seconds", "2"));

    /** 20,000 ns samples: all at 20 us, or with the top 5% at 5 ms (a queue behind a stall). */
    static IterationHistogram latencies(boolean stalled) {
        return stalled
                ? new IterationHistogram(new double[] {20_000, 5_000_000}, new long[] {19_000, 1_000})
                : new IterationHistogram(new double[] {20_000}, new long[] {20_000});
    }

    /** JMH's own view: sample mode, every call 20 us (closed loop hid the stall). */
    static BenchmarkResult jmh(Map<String, SecondaryMetric> secondary) {
        return new BenchmarkResult(ID, Mode.SAMPLE_TIME, 1, "ns/op", 20_000, List.of(),
                List.of(List.of(latencies(false))), Map.of(), secondary);
    }

    static TailHistogram tail(boolean stalled) {
        return new TailHistogram("histograms/fork1/x.hlog", Map.of("response", latencies(stalled), "service", latencies(false)),
                1, List.of());
    }

    static Run run(BenchmarkResult r, TailHistogram t) {
        return new Run("jmh.json", List.of(r), RunStatus.COMPLETE, "", t == null ? Map.of() : Map.of(r.id(), t),
                CounterReadings.missing("run", "none"));
    }

    static Rule p99(String fail, Optional<String> histogram) {
        return new Rule("fixed-rate", "*FixedRateBenchmark.*", new TreeMap<>(),
                List.of(new Limit(Statistic.P99, q(fail), Optional.empty())), "t.yaml", histogram);
    }

    @Test
    void percentileLimitIsJudgedOnTheResponseHistogramNotOnJmhsNumber() {
        Check fromJmh = only(gate(run(jmh(Map.of()), null), List.of(p99("1 ms", Optional.empty())), List.of(), InconclusivePolicy.FAIL));
        assertEquals(Outcome.PASS, fromJmh.outcome(), fromJmh.reason());

        Check fromHlog = only(gate(run(jmh(Map.of()), tail(true)), List.of(p99("1 ms", Optional.empty())), List.of(), InconclusivePolicy.FAIL));
        assertEquals(Outcome.FAIL, fromHlog.outcome(), fromHlog.reason());
        assertEquals(5.0, fromHlog.observed(), 1e-9);
        assertTrue(fromHlog.reason().contains("response histogram of histograms/fork1/x.hlog"), fromHlog.reason());

        Check service = only(gate(run(jmh(Map.of()), tail(true)), List.of(p99("1 ms", Optional.of("service"))), List.of(), InconclusivePolicy.FAIL));
        assertEquals(Outcome.PASS, service.outcome(), service.reason());
        assertTrue(service.reason().contains("service histogram"), service.reason());
    }

    @Test
    void aSingleShotFixedRateResultGetsPercentilesOnlyFromItsHistogram() {
        BenchmarkResult ss = new BenchmarkResult(ID, Mode.SINGLE_SHOT, 1, "s/op", 2.0, List.of(List.of(2.0)), List.of(),
                Map.of(), Map.of("valid", new SecondaryMetric(1, "#", List.of(List.of(1.0)))));
        assertEquals(Outcome.ERROR, only(gate(run(ss, null), List.of(p99("1 ms", Optional.empty())), List.of(), InconclusivePolicy.FAIL)).outcome());
        Check c = only(gate(run(ss, tail(false)), List.of(p99("1 ms", Optional.empty())), List.of(), InconclusivePolicy.FAIL));
        assertEquals(Outcome.PASS, c.outcome(), c.reason());
        TailHistogram empty = new TailHistogram("h.hlog", Map.of(), 1, List.of());
        Check none = only(gate(run(ss, empty), List.of(p99("1 ms", Optional.empty())), List.of(), InconclusivePolicy.FAIL));
        assertEquals(Outcome.ERROR, none.outcome());
        assertTrue(none.reason().contains("no samples in the response histogram"), none.reason());
    }

    static Map<String, SecondaryMetric> forks(double... valid) {
        List<List<Double>> v = new java.util.ArrayList<>();
        List<List<Double>> rate = new java.util.ArrayList<>();
        for (double x : valid) {
            v.add(List.of(x));
            rate.add(List.of(x == 1 ? 2000.0 : 1500.0));
        }
        return Map.of("valid", new SecondaryMetric(valid.length - 1, "#", v),
                "achievedRatePerSecond", new SecondaryMetric(3500, "#", rate),
                "slipP99Micros", new SecondaryMetric(1, "#", List.of(List.of(3.0), List.of(4200.0))));
    }

    @Test
    void anInvalidForkForbidsPassAndFailButKeepsError() {
        Rule both = new Rule("fixed-rate", "*FixedRateBenchmark.*", new TreeMap<>(),
                List.of(new Limit(Statistic.P99, q("1 ms"), Optional.empty()), new Limit(Statistic.P50, q("1 us"), Optional.empty())),
                "t.yaml", Optional.empty());
        Verdict ok = gate(run(jmh(forks(1, 1)), tail(false)), List.of(both), List.of(), InconclusivePolicy.PASS);
        assertEquals(List.of(Outcome.PASS, Outcome.FAIL), ok.checks().stream().map(Check::outcome).toList());

        Verdict bad = gate(run(jmh(forks(1, 0)), tail(false)), List.of(both),
                List.of(new Waiver("fixed-rate", Optional.empty(), "known", LocalDate.of(2030, 1, 1), "t.yaml")),
                InconclusivePolicy.PASS);
        for (Check c : bad.checks()) {
            assertEquals(Outcome.INCONCLUSIVE, c.outcome(), c.reason());
            assertTrue(c.reason().contains("generator fell behind in fork 2: achieved rate 1500/s of requested 2000/s, slip p99 4200 us"),
                    c.reason());
        }
        TailHistogram empty = new TailHistogram("h.hlog", Map.of(), 1, List.of());
        Check error = gate(run(jmh(forks(0)), empty), List.of(both), List.of(), InconclusivePolicy.PASS).checks().get(0);
        assertEquals(Outcome.ERROR, error.outcome(), error.reason());
    }

    static Verdict counters(CounterReadings readings, CounterLimit... limits) {
        Thresholds t = new Thresholds(List.of(Path.of("t.yaml")), Policy.DEFAULT, List.of(), List.of(), List.of(limits));
        Run r = new Run("jmh.json", List.of(), RunStatus.COMPLETE, "", Map.of(), readings);
        return GateEngine.evaluate(t, r, GateEngineTest.TODAY);
    }

    @Test
    void counterLimitsPassFailWarnAndErrorWithoutData() {
        CounterReadings valid = new CounterReadings(CounterReadings.State.VALID, "run/redis-diff.json", "",
                Map.of("redis.evicted_keys", 0L, "redis.new_slowlog_entries", 7L, "redis.rejected_connections", 3L));
        Verdict v = counters(valid,
                new CounterLimit("redis.evicted_keys", 0, OptionalLong.empty(), "t.yaml"),
                new CounterLimit("redis.new_slowlog_entries", 50, OptionalLong.of(5), "t.yaml"),
                new CounterLimit("redis.rejected_connections", 0, OptionalLong.empty(), "t.yaml"),
                new CounterLimit("redis.error_replies", 0, OptionalLong.empty(), "t.yaml"));
        assertEquals(List.of(Outcome.PASS, Outcome.WARN, Outcome.FAIL, Outcome.ERROR),
                v.checks().stream().map(Check::outcome).toList());
        assertEquals("redis.rejected_connections", v.checks().get(2).benchmark().benchmark());
        assertTrue(v.checks().get(2).reason().startsWith("count 3 above the limit 0"), v.checks().get(2).reason());
        assertTrue(v.checks().get(3).reason().contains("absent"), v.checks().get(3).reason());
        assertEquals(Outcome.ERROR, v.decision());

        CounterLimit evicted = new CounterLimit("redis.evicted_keys", 0, OptionalLong.empty(), "t.yaml");
        Check missing = only(counters(CounterReadings.missing("run/redis-diff.json", "no redis-diff.json"), evicted));
        assertEquals(Outcome.ERROR, missing.outcome());
        Check invalid = only(counters(new CounterReadings(CounterReadings.State.INVALID, "run/redis-diff.json",
                "diff validity is SERVER_RESTARTED", Map.of()), evicted));
        assertEquals(Outcome.ERROR, invalid.outcome());
        assertTrue(invalid.reason().contains("SERVER_RESTARTED"), invalid.reason());
    }
}
