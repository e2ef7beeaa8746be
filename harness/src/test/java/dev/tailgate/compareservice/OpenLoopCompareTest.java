package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.StatisticSource;
import dev.tailgate.ingest.JmhJsonFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare on generated fixed-rate run directories: JMH JSON with single-shot scores plus one
 * {@code .hlog} per fork, as the fixed-rate benchmarks write them. The response histograms must
 * be what is judged, each file a fork of the bootstrap and each interval an iteration; the JMH
 * scores (the schedule's length) and the other tags (service, slip) must not be.
 */
class OpenLoopCompareTest {
    static final String BENCHMARK = "dev.tailgate.bench.openloop.RawRespFixedRateBenchmark.fixedRate";
    static final String STEM = "RawRespFixedRateBenchmark-command=PING-rate=1000-seconds=10";
    static final int FORKS = 5;
    static final int INTERVALS = 2;
    static final int PER_INTERVAL = 30_000;

    @Test
    void aFiftyPercentSlowerResponseTimeIsARegressionJudgedOnTheHlogForks(@TempDir Path tmp) throws IOException {
        Path base = runDir(tmp.resolve("base"), 1.0, 10.0, 1);
        Path cand = runDir(tmp.resolve("cand"), 1.5, 5.0, 2);
        CompareService.Outcome o = compare(tmp, base, cand);

        List<CheckResult> checks = o.comparison().checks();
        assertFalse(checks.isEmpty());
        for (CheckResult c : checks) {
            assertEquals(StatisticSource.FIXED_RATE_RESPONSE, c.source(), c.toString());
            assertEquals(FORKS, c.baseline().forks(), c.toString());
            assertEquals(FORKS * INTERVALS, c.baseline().iterations(), c.toString());
            assertEquals((long) FORKS * INTERVALS * PER_INTERVAL, c.baseline().samples(), c.toString());
            assertTrue(c.statistic() != ComparedStatistic.THROUGHPUT, "no check on JMH's single-shot score");
        }
        for (ComparedStatistic s : List.of(ComparedStatistic.MEAN, ComparedStatistic.P50, ComparedStatistic.P99)) {
            CheckResult c = check(checks, s);
            assertEquals(Classification.REGRESSION, c.classification(), c.reason());
            assertEquals(1.5, c.ratio(), 0.05, c.reason());
        }
        // The service tag is 100x the response time: a p50 near 30 us proves the response tag was read.
        assertEquals(30_000, check(checks, ComparedStatistic.P50).baselineValue(), 3_000);
        assertTrue(o.comparison().failed());
        assertTrue(o.comparison().notes().stream().anyMatch(n -> n.contains("fixed-rate .hlog response time")
                && n.contains("5 fork(s) from histograms/" + STEM + "-fork1.hlog +4 more (tag response)")), o.comparison().notes().toString());
        assertTrue(o.inputs().containsKey("baseline/histograms/" + STEM + "-fork5.hlog"), o.inputs().keySet().toString());
        assertTrue(o.inputs().containsKey("candidate/histograms/" + STEM + "-fork1.hlog"), o.inputs().keySet().toString());
        String md = Files.readString(o.outDir().resolve("report.md"));
        assertTrue(md.contains("| fixed-rate .hlog response time |"), md);
    }

    @Test
    void theSameResponseTimesAreNeverARegression(@TempDir Path tmp) throws IOException {
        Path base = runDir(tmp.resolve("base"), 1.0, 10.0, 1);
        Path cand = runDir(tmp.resolve("cand"), 1.0, 20.0, 2);
        CompareService.Outcome o = compare(tmp, base, cand);
        assertTrue(o.comparison().checks().stream().noneMatch(CheckResult::failsGate), "never a REGRESSION");
        assertEquals(!o.comparison().notShown().isEmpty(), o.comparison().failed(),
                "only checks not shown fail it (regression: inconclusive: fail, the default)");
        for (CheckResult c : o.comparison().checks()) {
            assertTrue(c.classification() != Classification.REGRESSION && c.classification() != Classification.IMPROVEMENT,
                    c.statistic().label() + ": " + c.reason());
        }
    }

    @Test
    void hlogsInOnlyOneRunAreANoteNotAComparisonOfScheduleLengths(@TempDir Path tmp) throws IOException {
        Path base = runDir(tmp.resolve("base"), 1.0, 10.0, 1);
        Path cand = runDir(tmp.resolve("cand"), 1.0, 5.0, 2);
        try (var logs = Files.list(cand.resolve("histograms"))) {
            for (Path p : logs.toList()) {
                Files.delete(p);
            }
        }
        CompareService.Outcome o = compare(tmp, base, cand);
        assertTrue(o.comparison().checks().isEmpty(), o.comparison().checks().toString());
        assertTrue(o.comparison().notes().stream().anyMatch(n -> n.contains("response histograms (.hlog) only in the baseline")),
                o.comparison().notes().toString());
    }

    @Test
    void aGeneratorThatFellBehindInOneForkMakesEveryCheckInconclusive(@TempDir Path tmp) throws IOException {
        Path base = runDir(tmp.resolve("base"), 1.0, 10.0, 1);
        Path cand = runDir(tmp.resolve("cand"), 1.5, 10.0, 2);
        Path json = cand.resolve("jmh.json");
        ObjectMapper m = new ObjectMapper();
        ArrayNode root = (ArrayNode) m.readTree(json.toFile());
        ObjectNode valid = ((ObjectNode) root.get(0).get("secondaryMetrics")).putObject("valid");
        valid.put("score", 0.8).put("scoreUnit", "#");
        ArrayNode raw = valid.putArray("rawData");
        for (int f = 1; f <= FORKS; f++) {
            raw.addArray().add(f == 2 ? 0.0 : 1.0);
        }
        m.writeValue(json.toFile(), root);

        CompareService.Outcome o = compare(tmp, base, cand);
        assertTrue(o.comparison().checks().stream().noneMatch(CheckResult::failsGate), "never a REGRESSION");
        assertEquals(!o.comparison().notShown().isEmpty(), o.comparison().failed(),
                "only checks not shown fail it (regression: inconclusive: fail, the default)");
        CheckResult p50 = check(o.comparison().checks(), ComparedStatistic.P50);
        assertEquals(Classification.INCONCLUSIVE, p50.classification(), p50.reason());
        assertTrue(p50.reason().startsWith("not shown: ratio ") && p50.reason().contains(
                "(fixed-rate generator fell behind its schedule (candidate fork 2)"), p50.reason());
        assertTrue(p50.reason().contains("would be REGRESSION"), p50.reason());
    }

    private static CompareService.Outcome compare(Path tmp, Path base, Path cand) throws IOException {
        return CompareService.compare(new CompareService.Request(base.toString(), cand.toString(), Optional.empty(), 7,
                true, false, Set.of(), Optional.of(tmp.resolve("out-" + cand.getFileName())), tmp));
    }

    private static CheckResult check(List<CheckResult> checks, ComparedStatistic s) {
        return checks.stream().filter(c -> c.statistic() == s).findFirst().orElseThrow(() -> new AssertionError("no " + s.label()));
    }

    /**
     * A run directory: JMH JSON (ss, one score per fork: {@code scheduleSeconds}) and per fork a
     * log with INTERVALS intervals, each tagged response (lognormal around 30 us x scale, fork
     * factor sd 3%), service (100x) and slip.
     */
    static Path runDir(Path dir, double scale, double scheduleSeconds, long seed) throws IOException {
        Path hist = dir.resolve("histograms");
        Files.createDirectories(hist);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] scores = new double[FORKS][];
        for (int f = 1; f <= FORKS; f++) {
            scores[f - 1] = new double[] {scheduleSeconds};
            double forkFactor = Math.exp(0.03 * rng.nextGaussian());
            try (OutputStream out = Files.newOutputStream(hist.resolve(STEM + "-fork" + f + ".hlog"));
                 PrintStream ps = new PrintStream(out)) {
                HistogramLogWriter w = new HistogramLogWriter(ps);
                w.outputLogFormatVersion();
                w.outputStartTime(0);
                w.outputLegend();
                for (int i = 0; i < INTERVALS; i++) {
                    Histogram response = new Histogram(3_600_000_000_000L, 3);
                    Histogram service = new Histogram(3_600_000_000_000L, 3);
                    Histogram slip = new Histogram(3_600_000_000_000L, 3);
                    for (int n = 0; n < PER_INTERVAL; n++) {
                        long v = Math.round(30_000 * scale * forkFactor * Math.exp(0.25 * rng.nextGaussian()));
                        response.recordValue(v);
                        service.recordValue(100 * v);
                        slip.recordValue(100);
                    }
                    for (Object[] t : new Object[][] {{"response", response}, {"service", service}, {"slip", slip}}) {
                        Histogram h = (Histogram) t[1];
                        h.setTag((String) t[0]);
                        h.setStartTimeStamp(1000L * i);
                        h.setEndTimeStamp(1000L * (i + 1));
                        w.outputIntervalHistogram(h);
                    }
                }
            }
        }
        JmhJsonFixture fx = new JmhJsonFixture();
        fx.scores(BENCHMARK, "ss", "s/op", scores).param("command", "PING").param("rate", "1000").param("seconds", "10");
        try (OutputStream out = Files.newOutputStream(dir.resolve("jmh.json"))) {
            fx.write(out);
        }
        return dir;
    }
}
