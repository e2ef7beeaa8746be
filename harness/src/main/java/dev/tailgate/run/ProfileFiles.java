package dev.tailgate.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * A profiled run's output under {@code profiles/<benchmark>/} of its run directory (an A/B arm:
 * {@code profiles/<benchmark>/round<k>/}, one JMH invocation per round): {@code profilers.txt}
 * with every secondary result JMH returned for the benchmark (the profilers' figures, such as
 * {@code gc.alloc.rate.norm}, and the text of those that report text, such as {@code stack}),
 * and the files of profilers that write them ({@code async}: flame graph, collapsed stacks;
 * {@code jfr}), moved from where JMH put them ({@link Profilers#forJmh}).
 */
public final class ProfileFiles {
    public static final String DIR = "profiles";
    public static final String TEXT = "profilers";
    private static final java.util.regex.Pattern PERCENTILE = java.util.regex.Pattern.compile("p[01]\\.[0-9]+");

    /**
     * The profilers of one JMH invocation and where their output goes.
     *
     * @param dir   the run directory's {@code profiles/}
     * @param round "" for a run, {@code round<k>} for a round of an A/B arm
     */
    public record Profiling(List<String> specs, Path dir, String round) {
        public Profiling {
            specs = List.copyOf(specs);
        }

        public static Profiling none() {
            return new Profiling(List.of(), Path.of(DIR), "");
        }

        /** Where JMH's file-writing profilers write during the invocation. */
        Path staging() {
            return dir.resolve(".jmh" + (round.isEmpty() ? "" : "-" + round));
        }

        Path benchmarkDir(String benchmark) {
            Path d = dir.resolve(benchmark);
            return round.isEmpty() ? d : d.resolve(round);
        }
    }

    private ProfileFiles() {
    }

    /** Writes each benchmark's text and moves the profilers' files into place; nothing without profilers. */
    static void collect(Collection<RunResult> results, Profiling p) throws IOException {
        if (p.specs().isEmpty()) {
            return;
        }
        List<String> benchmarks = results.stream().map(r -> r.getParams().getBenchmark()).distinct().toList();
        for (RunResult r : results) {
            Path d = Files.createDirectories(p.benchmarkDir(r.getParams().getBenchmark()));
            Map<String, String> params = new java.util.TreeMap<>();
            for (Object k : r.getParams().getParamsKeys()) {
                params.put(k.toString(), r.getParams().getParam(k.toString()));
            }
            Files.writeString(d.resolve(TEXT + suffix(params) + ".txt"),
                    text(r.getParams().getBenchmark(), params, p.specs(), r.getSecondaryResults().values()));
        }
        Path staging = p.staging();
        if (!Files.isDirectory(staging)) {
            return;
        }
        for (String profiler : Profilers.WRITE_FILES) {
            Path from = staging.resolve(profiler);
            if (Files.isDirectory(from)) {
                try (Stream<Path> s = Files.list(from)) {
                    for (Path f : s.toList()) {
                        move(f, p, profiler, benchmarks);
                    }
                }
            }
        }
        deleteTree(staging);
    }

    /** One trial's files ({@code <benchmark>-<mode and params>}, JMH's naming) to its benchmark's directory. */
    private static void move(Path f, Profiling p, String profiler, List<String> benchmarks) throws IOException {
        String name = f.getFileName().toString();
        Optional<String> bench = benchmarks.stream().filter(b -> name.equals(b) || name.startsWith(b + "-"))
                .max(Comparator.comparingInt(String::length));
        Path target = bench.isEmpty() ? p.dir().resolve(profiler + "-" + name)
                : Files.createDirectories(p.benchmarkDir(bench.get()).resolve(profiler))
                        .resolve(name.equals(bench.get()) ? "trial" : name.substring(bench.get().length() + 1));
        for (int i = 2; Files.exists(target); i++) {
            target = target.resolveSibling(target.getFileName() + "-" + i);
        }
        Files.move(f, target);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** {@code -k=v-k2=v2} for a parameterised benchmark, characters unsafe in a file name replaced; pure. */
    static String suffix(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append('-').append(k).append('=').append(v));
        return sb.toString().replaceAll("[^A-Za-z0-9=._-]", "_");
    }

    /** The text file of one benchmark: its secondary results, then the text of those that have any; pure. */
    static String text(String benchmark, Map<String, String> params, List<String> profilers,
                       Collection<? extends Result> secondary) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(benchmark).append(params.isEmpty() ? "" : " " + params).append('\n');
        sb.append("# profilers: ").append(String.join(" ", profilers)).append('\n');
        sb.append("# JMH's secondary results, aggregated over the forks: the profilers' and the benchmark's own "
                + "counters (a text profile follows its figures). Figures taken under a profiler are perturbed by it; compare them only with runs "
                + "under the same profilers.\n\n");
        // sample mode's percentiles of the primary metric are secondary results too; jmh.json holds them
        List<? extends Result> sorted = secondary.stream().filter(r -> !PERCENTILE.matcher(r.getLabel()).matches())
                .sorted(Comparator.comparing(Result::getLabel)).toList();
        for (Result r : sorted) {
            if (!Double.isNaN(r.getScore())) {
                sb.append(String.format(java.util.Locale.ROOT, "%-40s %14.3f %-16s %s%n", r.getLabel(), r.getScore(),
                        Double.isNaN(r.getScoreError()) ? "" : String.format(java.util.Locale.ROOT, "± %.3f",
                                r.getScoreError()), r.getScoreUnit()));
            }
        }
        for (Result r : sorted) {
            String info = r.extendedInfo();
            // a figure's extended info is its spread in a line or two; a profile (stack, async) is longer
            if (info != null && info.strip().lines().count() > 2) {
                sb.append("\n## ").append(r.getLabel()).append("\n\n").append(info.strip()).append('\n');
            }
        }
        return sb.toString();
    }
}
