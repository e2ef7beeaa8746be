package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.CorePlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the console and what only jmh.log, without a real JMH run (RunCommandIT has one). */
class JmhConsoleTest {

    /** Records what the console would be told. */
    static final class Recorder implements RunProgress {
        final List<String> lines = new ArrayList<>();

        @Override
        public void trialStarted(int index, int total, String label) {
            lines.add("start " + index + "/" + total + " " + label);
        }

        @Override
        public void advanced(long doneMillis, long totalMillis, String detail) {
            lines.add("advanced " + doneMillis + "/" + totalMillis);
        }

        @Override
        public void trialFinished(String line) {
            lines.add("trial " + line);
        }

        @Override
        public void note(String line) {
            lines.add("note " + line);
        }

        @Override
        public void jmhError(String line) {
            lines.add("error " + line);
        }
    }

    @Test
    void failureBlocksReachTheConsoleAndEverythingReachesTheLog(@TempDir Path pins) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Recorder r = new Recorder();
        JmhConsole c = new JmhConsole(new PrintStream(log, true, StandardCharsets.UTF_8),
                Optional.empty(), r, new JmhConsole.Work(1000), 1, pins, CorePlan.decide(false, List.of(0, 1), List.of()));
        c.println("# Warmup Iteration   1: 52.1 us/op");
        c.print("# Warmup Iteration   2: ");
        c.println("51.0 us/op");
        c.println("<failure>");
        c.println("");
        c.print("redis.clients.jedis.exceptions.JedisDataException: OOM command not allowed");
        c.println("");
        c.println("\tat dev.tailgate.bench.redis.JedisSetBenchmark.set(JedisSetBenchmark.java:40)");
        c.flush();
        assertEquals(List.of("error <failure>",
                "error redis.clients.jedis.exceptions.JedisDataException: OOM command not allowed",
                "error \tat dev.tailgate.bench.redis.JedisSetBenchmark.set(JedisSetBenchmark.java:40)"), r.lines);
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("# Warmup Iteration   2: 51.0 us/op") && text.contains("OOM command not allowed"), text);
    }

    @Test
    void aLongFailureIsCutOnTheConsoleButNotInTheLog(@TempDir Path pins) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Recorder r = new Recorder();
        JmhConsole c = new JmhConsole(new PrintStream(log, true, StandardCharsets.UTF_8),
                Optional.empty(), r, new JmhConsole.Work(1000), 1, pins, CorePlan.decide(false, List.of(0, 1), List.of()));
        c.println("<forked VM failed with exit code 1>");
        for (int i = 0; i < 100; i++) {
            c.println("line " + i);
        }
        c.flush();
        assertEquals(JmhConsole.MAX_ERROR_LINES + 1, r.lines.size(), r.lines.toString());
        assertEquals("error ... (the rest is in jmh.log)", r.lines.get(r.lines.size() - 1));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("line 99"));
    }

    @Test
    void verboseLeavesFailuresToJmhsOwnConsoleOutput(@TempDir Path pins) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Recorder r = new Recorder();
        JmhConsole c = new JmhConsole(new PrintStream(log, true, StandardCharsets.UTF_8),
                Optional.of(new PrintStream(console, true, StandardCharsets.UTF_8)), r,
                new JmhConsole.Work(1000), 1, pins, CorePlan.decide(false, List.of(0, 1), List.of()));
        c.println("<failure>");
        c.println("boom");
        c.flush();
        assertEquals(List.of(), r.lines);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("boom"));
    }

    @Test
    void trialCountFollowsJmhsExpansionWithTheSuitesOverrides() {
        Map<String, String[]> declared = Map.of("valueSize", new String[] {"16", "64", "512", "4096"},
                "depth", new String[] {"1", "8", "32"});
        assertEquals(12, TrialPlan.combinations(declared, Map.of()));
        assertEquals(3, TrialPlan.combinations(declared, Map.of("valueSize", List.of("16"))));
        assertEquals(1, TrialPlan.combinations(Map.of(), Map.of("valueSize", List.of("16", "64"))));
        assertEquals(2 * 3 * (2 * 1000 + 5 * 2000L), TrialPlan.plannedMillis(2, 3, 2, java.time.Duration.ofSeconds(1), 5,
                java.time.Duration.ofSeconds(2)));
    }

    @Test
    void aTrialLineSaysWhereWhatHowManyAndThePinning() {
        assertEquals("[2/12] JedisGet valueSize=16: 41,210 samples, p50 52.1 us, p99 210.4 us, pinning BOUND",
                new TrialLine(2, 12, "JedisGet", Map.of("valueSize", "16"), 41_210, OptionalDouble.of(52.14),
                        OptionalDouble.of(210.42), "BOUND").render());
        assertEquals("[1/1] OrderBook: 5 samples, p50 -, p99 -, pinning DISABLED",
                new TrialLine(1, 1, "OrderBook", Map.of(), 5, OptionalDouble.empty(), OptionalDouble.empty(),
                        "DISABLED").render());
    }
}
