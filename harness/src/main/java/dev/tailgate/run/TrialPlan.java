package dev.tailgate.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How many trials a JMH invocation runs (each benchmark times the combinations of its
 * {@code @Param} values, the suite's values replacing the annotation's, as JMH expands them)
 * and how much iteration time they are planned to take: what the progress line counts down.
 */
public final class TrialPlan {
    private TrialPlan() {
    }

    /** Trials of {@code benchmarks} (exact names) under the suite's parameter overrides. */
    public static int trials(List<String> benchmarks, Map<String, List<String>> params) {
        var quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()),
                VerboseMode.SILENT);
        List<String> regexps = benchmarks.stream().map(b -> "^" + Pattern.quote(b) + "$").toList();
        int total = 0;
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(quiet, regexps, List.of())) {
            total += combinations(e.getParams().orElse(Map.of()), params);
        }
        return total;
    }

    /** Product over the benchmark's parameters of how many values each takes. Pure. */
    static int combinations(Map<String, String[]> declared, Map<String, List<String>> overrides) {
        int n = 1;
        for (Map.Entry<String, String[]> p : declared.entrySet()) {
            n *= Optional.ofNullable(overrides.get(p.getKey())).map(List::size).orElse(p.getValue().length);
        }
        return n;
    }

    /** Planned iteration time of {@code trials} trials, in milliseconds. */
    public static long plannedMillis(int trials, int forks, int warmups, Duration warmupTime, int iterations,
                                     Duration time) {
        return (long) trials * forks * (warmups * warmupTime.toMillis() + iterations * time.toMillis());
    }
}
