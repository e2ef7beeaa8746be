package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.CommandMix;
import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rarely drawn command of a fixed-rate mix has few samples in its own {@code .hlog} tag, and a
 * percentile p is judged only with 100/(1−p) samples behind it (docs/thresholds.md): on a
 * {@code GET:100,SET:1} mix of 120,000 commands, {@code histogram: SET} on p99.9 (about 1,200 SETs
 * of the 100,000 it needs) must be INCONCLUSIVE for too few samples, never PASS, although every
 * SET took well under the limit; the same rule on {@code GET} (about 118,800 samples) is judged as
 * usual, PASS under a loose limit and FAIL under a tight one.
 *
 * <p>The run directory is laid out as {@code tailgate run} leaves it, and its {@code .hlog} is
 * written by the benchmark's own writers ({@link LatencyRecorders} for the mix,
 * {@link CommandHistograms} per command, {@link HlogOutput}) from the mix's own seeded draws, as
 * {@code RawRespFixedRateMixBenchmark} writes it after a 12 s schedule at 10,000 commands/s. No
 * Redis: what is under test is how the gate reads the tags, not what Redis answers.
 */
class FixedRateMixTagGateTest {
    static final String PARAMS = "connections=1-keys=uniform-keyspace=1000-mix=GET:100,SET:1-pipeline=1-rate=10000"
            + "-seconds=12-values=64";
    static final String LOG = "histograms/fork1/RawRespFixedRateMixBenchmark-" + PARAMS + "-fork1.hlog";
    static final int COMMANDS = 120_000;

    @TempDir
    Path tmp;

    @Test
    void aRareCommandsTagIsNotJudgedOnAPercentileItsSamplesCannotResolve() throws IOException {
        Path run = tmp.resolve("run");
        CommandMix mix = CommandMix.parse("GET:100,SET:1");
        CommandHistograms perCommand = new CommandHistograms(mix.commands());
        LatencyRecorders recorders = new LatencyRecorders();
        CommandMix.Picker picker = mix.picker(11);
        long startMillis = System.currentTimeMillis();
        perCommand.begin(startMillis);
        for (int i = 0; i < COMMANDS; i++) {
            long intended = i * 100_000L; // 10,000/s
            long done = intended + 80_000 + (i % 40) * 1_000; // 80 to 119 us, every command: far under 1 ms
            recorders.recordSlip(intended, intended);
            recorders.recordCompletion(intended, intended, done);
            perCommand.record(picker.next(), done - intended);
        }
        perCommand.end(startMillis + 12_000);
        try (HlogOutput log = HlogOutput.create(run.resolve("histograms/fork1"), "RawRespFixedRateMixBenchmark-" + PARAMS,
                "test")) {
            log.write(recorders.interval(null));
            perCommand.writeCommandsTo(log);
        }
        long gets = perCommand.command(0).getTotalCount();
        long sets = perCommand.command(1).getTotalCount();
        assertTrue(gets >= 100_000 && sets > 0 && sets < 100_000, gets + " GETs, " + sets + " SETs");
        assertEquals(COMMANDS, gets + sets);

        Files.writeString(run.resolve("manifest.json"), "{\"status\": \"COMPLETE\"}");
        Files.writeString(run.resolve("jmh.json"), """
                [{"benchmark": "dev.tailgate.bench.openloop.RawRespFixedRateMixBenchmark.fixedRate", "mode": "ss",
                  "threads": 1,
                  "params": {"connections": "1", "keys": "uniform", "keyspace": "1000", "mix": "GET:100,SET:1",
                             "pipeline": "1", "rate": "10000", "seconds": "12", "values": "64"},
                  "primaryMetric": {"score": 12.0, "scoreUnit": "s/op", "rawData": [[12.0]]},
                  "secondaryMetrics": {"valid": {"score": 1.0, "scoreUnit": "#", "rawData": [[1.0]]}}}]
                """);
        Path thresholds = tmp.resolve("mix.yaml");
        Files.writeString(thresholds, """
                schema: 1
                rules:
                  - id: set
                    match: "*RawRespFixedRateMixBenchmark.*"
                    histogram: SET
                    limits:
                      p99.9: 1 ms
                  - id: get
                    match: "*RawRespFixedRateMixBenchmark.*"
                    histogram: GET
                    limits:
                      p99.9: 1 ms
                  - id: get-tight
                    match: "*RawRespFixedRateMixBenchmark.*"
                    histogram: GET
                    limits:
                      p99.9: 50 us
                """);

        Verdict v = GateService.gate(run, thresholds, LocalDate.of(2026, 12, 7)).verdict();
        assertEquals(3, v.checks().size(), v.checks().toString());
        Check set = check(v, "set");
        assertEquals(Outcome.INCONCLUSIVE, set.outcome(), set.reason());
        assertEquals(sets, set.samples(), set.reason());
        assertEquals("too few samples: n=" + sets + " < 100000 needed for p99.9 (SET histogram of " + LOG + ")",
                set.reason());

        Check get = check(v, "get");
        assertEquals(Outcome.PASS, get.outcome(), get.reason());
        assertEquals(gets, get.samples(), get.reason());
        assertTrue(get.reason().contains("GET histogram of " + LOG), get.reason());
        Check tight = check(v, "get-tight");
        assertEquals(Outcome.FAIL, tight.outcome(), tight.reason());
        assertEquals(119, tight.observed(), 1); // us: the GETs' p99.9, from their own tag
    }

    private static Check check(Verdict v, String rule) {
        return v.checks().stream().filter(c -> c.ruleId().equals(rule) && c.statistic() == Statistic.P999).findFirst()
                .orElseThrow(() -> new AssertionError("no p99.9 check of rule " + rule + " in " + v.checks()));
    }
}
