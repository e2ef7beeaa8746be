package dev.tailgate.ingest;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.TailHistogram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Finds the fixed-rate benchmarks' interval logs in a run directory and ties each to its JMH
 * result. The benchmarks name a log {@code <SimpleClassName>-<k>=<v>-...-fork<N>.hlog}, params
 * sorted by name (JMH's {@code @Param}s, all of them). A log belongs to the result whose class
 * simple name (the segment before the method) and complete param map are equal to the name's;
 * the method is not in the name, which is fine while each fixed-rate class has one benchmark
 * method. Logs anywhere under {@code histograms/} count ({@code tailgate ab} writes
 * {@code histograms/fork1/...}); all forks of a result are merged by adding counts, per tag.
 * Logs that match no result (the sampler's {@code tail-sample.hlog}) are ignored.
 */
public final class OpenLoopHistograms {
    public static final String DIR = "histograms";
    private static final Pattern FORK = Pattern.compile("(.+)-fork(\\d+)\\.hlog");
    private static final Pattern PARAM = Pattern.compile("-([A-Za-z_$][A-Za-z0-9_$]*)=");

    /** What a log's file name says: the benchmark class and its params. */
    record LogName(String simpleClass, Map<String, String> params) {
    }

    private OpenLoopHistograms() {
    }

    /** Parses {@code X-a=1-b=y-fork2.hlog}; empty for a name of another shape. */
    static Optional<LogName> parse(String fileName) {
        Matcher m = FORK.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String stem = m.group(1);
        Matcher p = PARAM.matcher(stem);
        List<int[]> at = new ArrayList<>();
        while (p.find()) {
            at.add(new int[] {p.start(), p.end()});
        }
        String cls = at.isEmpty() ? stem : stem.substring(0, at.get(0)[0]);
        Map<String, String> params = new TreeMap<>();
        for (int i = 0; i < at.size(); i++) {
            String key = stem.substring(at.get(i)[0] + 1, at.get(i)[1] - 1);
            int valueEnd = i + 1 < at.size() ? at.get(i + 1)[0] : stem.length();
            params.put(key, stem.substring(at.get(i)[1], valueEnd));
        }
        return Optional.of(new LogName(cls, params));
    }

    /** The class simple name of a JMH benchmark method: {@code a.b.RawRespFixedRateBenchmark}. */
    static String simpleClass(BenchmarkId id) {
        String b = id.benchmark();
        int method = b.lastIndexOf('.');
        String cls = method < 0 ? b : b.substring(0, method);
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /**
     * One fixed-rate benchmark's logs kept apart per fork (one file = one JVM launch), for the
     * comparison's hierarchical bootstrap: forks, then the intervals (measurement iterations)
     * inside a fork.
     *
     * @param source     where they came from, relative to the run ({@code histograms/X-fork1.hlog +1 more})
     * @param files      every log read, in path order (for the ledger's input digests)
     * @param tag        the tag read ({@code response}: latency from each request's intended start)
     * @param intervals  per fork (file, in path order), per interval, that tag's histogram in ns;
     *                   forks without an interval of that tag are left out
     */
    public record ForkLogs(String source, List<Path> files, String tag, List<List<Histogram>> intervals) {
        public ForkLogs {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(tag, "tag");
            files = List.copyOf(files);
            intervals = intervals.stream().map(List::copyOf).toList();
        }
    }

    /** For each result with logs under {@code runDir/histograms}, its merged histograms. */
    public static Map<BenchmarkId, TailHistogram> find(Path runDir, List<BenchmarkResult> results) {
        Map<BenchmarkId, TailHistogram> out = new LinkedHashMap<>();
        logsByResult(runDir.resolve(DIR), results).forEach((id, paths) -> {
            Map<String, IterationHistogram> byTag = new TreeMap<>();
            HlogReader.mergeByTag(paths).forEach((tag, h) -> byTag.put(tag, toIterationHistogram(h)));
            out.put(id, new TailHistogram(source(runDir, paths), byTag, paths.size(), List.of()));
        });
        return out;
    }

    /** For each result with logs under {@code runDir/histograms}, {@code tag}'s intervals per fork. */
    public static Map<BenchmarkId, ForkLogs> perFork(Path runDir, List<BenchmarkResult> results, String tag) {
        return perFork(runDir, runDir.resolve(DIR), results, tag);
    }

    /**
     * As {@link #perFork(Path, List, String)}, for the logs under {@code root} only (one round of
     * an A/B: {@code histograms/fork3/}); sources are named relative to {@code runDir}.
     */
    public static Map<BenchmarkId, ForkLogs> perFork(Path runDir, Path root, List<BenchmarkResult> results, String tag) {
        Map<BenchmarkId, ForkLogs> out = new LinkedHashMap<>();
        logsByResult(root, results).forEach((id, paths) -> {
            List<List<Histogram>> forks = new ArrayList<>();
            for (Path p : paths) {
                List<Histogram> its = HlogReader.intervals(p, tag);
                if (!its.isEmpty()) {
                    forks.add(its);
                }
            }
            out.put(id, new ForkLogs(source(runDir, paths), paths, tag, forks));
        });
        return out;
    }

    private static String source(Path runDir, List<Path> paths) {
        return runDir.relativize(paths.get(0)) + (paths.size() > 1 ? " +" + (paths.size() - 1) + " more" : "");
    }

    /** The logs of each result under {@code root}, in path order (fork1 before fork2, fork1/ before fork2/). */
    private static Map<BenchmarkId, List<Path>> logsByResult(Path root, List<BenchmarkResult> results) {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        List<Path> logs;
        try (Stream<Path> s = Files.walk(root)) {
            logs = s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".hlog"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(root + ": cannot list histogram logs (" + e.getClass().getSimpleName() + ")");
        }
        Map<LogName, BenchmarkId> byName = new HashMap<>();
        for (BenchmarkResult r : results) {
            byName.put(new LogName(simpleClass(r.id()), new TreeMap<>(r.id().params())), r.id());
        }
        Map<BenchmarkId, List<Path>> files = new LinkedHashMap<>();
        for (Path log : logs) {
            parse(log.getFileName().toString()).map(byName::get)
                    .ifPresent(id -> files.computeIfAbsent(id, k -> new ArrayList<>()).add(log));
        }
        return files;
    }

    /**
     * HdrHistogram counts as (value, count) pairs, in nanoseconds. Each bucket is represented by
     * its highest equivalent value, as HdrHistogram's own {@code getValueAtPercentile} does: an
     * upper bound judged on it errs (by under 0.1% at 3 significant digits) towards FAIL.
     */
    public static IterationHistogram toIterationHistogram(Histogram h) {
        HistogramBuilder b = new HistogramBuilder();
        for (HistogramIterationValue v : h.recordedValues()) {
            b.add(h.highestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
        }
        return b.build();
    }
}
