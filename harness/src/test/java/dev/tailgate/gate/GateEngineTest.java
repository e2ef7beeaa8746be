package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Check;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.Verdict;
import dev.tailgate.thresholds.InconclusivePolicy;
import dev.tailgate.thresholds.Limit;
import dev.tailgate.thresholds.Policy;
import dev.tailgate.thresholds.Quantity;
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

class GateEngineTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final String BENCH = "dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip";

    /** 20,000 operations in ns: 99% at 17 us, 0.9% at 100 us, 0.1% at 2 ms, over 2 forks. */
    static BenchmarkResult sampled() {
        IterationHistogram it = new IterationHistogram(new double[] {17_000, 100_000, 2_000_000}, new long[] {4950, 45, 5});
        return new BenchmarkResult(BenchmarkId.of(BENCH), Mode.SAMPLE_TIME, 1, "ns/op", 17_900,
                List.of(), List.of(List.of(it, it), List.of(it, it)), Map.of(), Map.of());
    }

    static BenchmarkResult averaged(String name, double score, List<List<Double>> raw) {
        return new BenchmarkResult(BenchmarkId.of(name), Mode.AVERAGE_TIME, 1, "us/op", score, raw, List.of(), Map.of(), Map.of());
    }

    static Rule rule(String id, String match, Statistic s, String fail, String warn) {
        return new Rule(id, match, new TreeMap<>(), List.of(new Limit(s, q(fail), Optional.ofNullable(warn).map(GateEngineTest::q))), "t.yaml");
    }

    static Quantity q(String text) {
        String[] p = text.split(" ");
        return new Quantity(Double.parseDouble(p[0]), MetricUnit.fromSpelling(p[1]));
    }

    static Verdict gate(List<Rule> rules, List<Waiver> waivers, InconclusivePolicy policy, BenchmarkResult... results) {
        return gate(new Run("jmh.json", List.of(results), RunStatus.COMPLETE, ""), rules, waivers, policy);
    }

    static Verdict gate(Run run, List<Rule> rules, List<Waiver> waivers, InconclusivePolicy policy) {
        Thresholds t = new Thresholds(List.of(Path.of("t.yaml")), new Policy(policy, OptionalLong.of(1000), 0.95), rules, waivers);
        return GateEngine.evaluate(t, run, TODAY);
    }

    static Check only(Verdict v) {
        assertEquals(1, v.checks().size(), v.checks().toString());
        return v.checks().get(0);
    }

    @Test
    void percentileIntervalAboveTheLimitFails() {
        Check c = only(gate(List.of(rule("r", "TcpPingPongBenchmark.*", Statistic.P50, "10 us", null)), List.of(),
                InconclusivePolicy.FAIL, sampled()));
        assertEquals(Outcome.FAIL, c.outcome());
        assertEquals(17, c.observed(), 1e-9, "reported in the limit's unit");
        assertEquals(20_000, c.samples());
        assertEquals(2, c.forks());
    }

    @Test
    void percentileIntervalBelowLimitPassesAndBetweenWarnAndFailWarns() {
        Verdict v = gate(List.of(rule("r", "TcpPingPongBenchmark.*", Statistic.P99, "200 us", null),
                        rule("w", "TcpPingPongBenchmark.*", Statistic.P99, "200 us", "50 us")),
                List.of(), InconclusivePolicy.FAIL, sampled());
        assertEquals(Outcome.PASS, v.checks().get(0).outcome());
        assertEquals(Outcome.WARN, v.checks().get(1).outcome());
        assertEquals(Outcome.WARN, v.decision());
        assertTrue(v.passed());
    }

    @Test
    void intervalStraddlingTheLimitIsInconclusiveAndPolicyDecides() {
        // p99.9 of this data sits on the 100 us / 2 ms boundary: the interval spans both.
        Rule r = rule("r", "TcpPingPongBenchmark.*", Statistic.P999, "1 ms", null);
        Verdict strict = gate(List.of(r), List.of(), InconclusivePolicy.FAIL, sampled());
        assertEquals(Outcome.INCONCLUSIVE, only(strict).outcome());
        assertFalse(strict.passed());
        assertTrue(gate(List.of(r), List.of(), InconclusivePolicy.WARN, sampled()).passed());
    }

    @Test
    void tooFewSamplesIsInconclusiveEvenWhenFarBelowTheLimit() {
        Thresholds t = new Thresholds(List.of(Path.of("t.yaml")), Policy.DEFAULT,
                List.of(rule("r", "TcpPingPongBenchmark.*", Statistic.P999, "1 s", null)), List.of());
        Check c = only(GateEngine.evaluate(t, new Run("j", List.of(sampled()), RunStatus.COMPLETE, ""), TODAY));
        assertEquals(Outcome.INCONCLUSIVE, c.outcome());
        assertTrue(c.reason().contains("n=20000 < 100000"), c.reason());
    }

    @Test
    void missingNamedBenchmarkWrongModeAndNaNAreErrorsNeverPass() {
        Verdict v = gate(List.of(
                        rule("absent", "NoSuchBenchmark.run", Statistic.P50, "1 s", null),
                        rule("mode", "X.avg", Statistic.P99, "1 s", null),
                        rule("nan", "X.nan", Statistic.MEAN, "1 s", null),
                        rule("thr", "X.avg", Statistic.THROUGHPUT, "1 ops/s", null),
                        rule("glob", "Nothing*", Statistic.P50, "1 s", null)),
                List.of(), InconclusivePolicy.PASS,
                averaged("p.X.avg", 5, List.of(List.of(5.0, 5.0), List.of(5.0, 5.0))),
                averaged("p.X.nan", Double.NaN, List.of(List.of(5.0))));
        assertEquals(4, v.checks().size());
        v.checks().forEach(c -> assertEquals(Outcome.ERROR, c.outcome(), c.ruleId()));
        assertTrue(v.checks().get(1).reason().contains("scorePercentiles are of iteration scores"));
        assertEquals(List.of("glob"), v.unmatchedRules());
        assertEquals(Outcome.ERROR, v.decision());
        assertFalse(v.passed());
    }

    @Test
    void meanIntervalUsesForkMeansNotPooledIterations() {
        // Iterations agree within each fork but the forks disagree: the fork-level interval
        // must be wide enough to straddle a limit that pooled iterations would clear.
        BenchmarkResult r = averaged("p.X.avg", 20, List.of(List.of(10.0, 10.0, 10.0), List.of(30.0, 30.0, 30.0)));
        Check c = only(gate(List.of(rule("m", "X.avg", Statistic.MEAN, "25 us", null)), List.of(), InconclusivePolicy.FAIL, r));
        assertEquals(Outcome.INCONCLUSIVE, c.outcome());
        assertEquals(0, c.boundLow(), "a negative lower bound is shown as 0");
        assertTrue(c.boundHigh() > 100, c.toString());
    }

    @Test
    void activeWaiverWarnsAndExpiredWaiverSaysSo() {
        Rule r = rule("r", "TcpPingPongBenchmark.*", Statistic.P50, "10 us", null);
        Waiver active = new Waiver("r", Optional.empty(), "ticket 42", TODAY, "t.yaml");
        Check waived = only(gate(List.of(r), List.of(active), InconclusivePolicy.FAIL, sampled()));
        assertEquals(Outcome.WARN, waived.outcome());
        assertTrue(waived.reason().contains("waived until 2026-11-25 (ticket 42)"), waived.reason());
        Waiver expired = new Waiver("r", Optional.of(Statistic.P50), "ticket 42", TODAY.minusDays(1), "t.yaml");
        Check notWaived = only(gate(List.of(r), List.of(expired), InconclusivePolicy.FAIL, sampled()));
        assertEquals(Outcome.FAIL, notWaived.outcome());
        assertTrue(notWaived.reason().contains("waiver expired on 2026-11-24"), notWaived.reason());
    }

    @Test
    void abortedRunNeverPasses() {
        Run aborted = new Run("jmh.json", List.of(sampled()), RunStatus.ABORTED, "SIGINT");
        Verdict v = gate(aborted, List.of(rule("r", "TcpPingPongBenchmark.*", Statistic.P99, "200 us", null)), List.of(),
                InconclusivePolicy.PASS);
        assertEquals(Outcome.INCONCLUSIVE, only(v).outcome());
        assertEquals(Outcome.ERROR, v.decision());
        assertFalse(v.passed());
        assertTrue(v.summary().contains("aborted (SIGINT)"), v.summary());
    }

    @Test
    void noCheckAtAllIsAnError() {
        Verdict v = gate(List.of(rule("g", "Other*", Statistic.P50, "1 s", null)), List.of(), InconclusivePolicy.PASS, sampled());
        assertEquals(Outcome.ERROR, v.decision());
        assertFalse(v.passed());
    }
}
