package dev.tailgate.ingest;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.CounterReadings;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.model.TailHistogram;
import dev.tailgate.model.TailState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tail sampler's state as a run the gate can judge with the same threshold files.
 *
 * <p>It is one benchmark named {@value #BENCHMARK} with params {@code target} (the state's
 * {@code redis://host:port/db}) and {@code rate} (requests/s), so a rule
 * {@code match: tailgate.sample} (optionally {@code params: { target: "redis://prod*" }})
 * selects it. Its percentiles and max are judged on the rolling window: the intervals of the
 * sampler's {@code .hlog} that the state's {@code window} covers, merged by adding counts, with
 * the same binomial interval as every other percentile. A window the state marks invalid caps
 * every check at INCONCLUSIVE; a window without samples ({@code null} percentiles), or a missing
 * log, is ERROR. {@code mean} and {@code throughput} are not available (ERROR). A Redis Cluster's
 * cluster-wide state is judged the same way on its own log, and each master's state file must
 * back it ({@link #masterFlaws}).
 */
public final class TailStateRun {
    public static final String BENCHMARK = "tailgate.sample";
    public static final String STATE_FILE = "tail-state.json";

    private TailStateRun() {
    }

    /** True for a sampler output directory (tail-state.json, no jmh.json) or a tail-state file. */
    public static boolean isTailState(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(STATE_FILE)) && !Files.exists(path.resolve(RunLoader.JMH_JSON));
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        // The format field is the state file's first key; JMH JSON starts with '['.
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            return head.contains("\"" + TailState.FORMAT.substring(0, TailState.FORMAT.indexOf('/') + 1));
        } catch (IOException e) {
            return false;
        }
    }

    /** The state file of a path {@link #isTailState} accepted. */
    public static Path stateFile(Path path) {
        return Files.isDirectory(path) ? path.resolve(STATE_FILE) : path;
    }

    /**
     * A cluster-wide state's masters, read from their own state files: one that is missing or
     * unreadable, whose window is invalid, that had not finished when the cluster did, or whose
     * samples are not all in the cluster's total, is a flaw naming it, so a gate of the cluster
     * cannot pass on data a master does not back (the sampler already folds an invalid master
     * into the cluster's validity; this holds for the files as they are now).
     */
    static List<String> masterFlaws(TailState cluster, Path dir) {
        List<String> flaws = new ArrayList<>();
        if (cluster.masters().isEmpty()) {
            return flaws; // one server's
        }
        long masterSamples = 0;
        boolean allRead = true;
        for (TailState.Master m : cluster.masters()) {
            Path file = dir.resolve(m.state());
            TailState s;
            try {
                s = TailStateJson.read(file);
            } catch (BadInputException e) {
                flaws.add("master " + m.node() + ": data missing (" + e.getMessage() + ")");
                allRead = false;
                continue;
            }
            masterSamples += s.total().count();
            String named = "master " + m.node() + ": ";
            if (!s.window().valid() && cluster.window().flaws().stream().noneMatch(f -> f.startsWith(named))) {
                flaws.add(named + "window invalid: " + (s.window().flaws().isEmpty() ? "no reason given"
                        : String.join("; ", s.window().flaws())));
            }
            if (cluster.complete() && !s.complete()) {
                flaws.add(named + "had not finished when the cluster-wide state did (" + file + ")");
            }
        }
        if (cluster.complete() && allRead && masterSamples != cluster.total().count()) {
            flaws.add("the masters' totals hold " + masterSamples + " samples, the cluster-wide total "
                    + cluster.total().count() + ": a master's data is missing from it");
        }
        return flaws;
    }

    public static Run load(Path stateFile) {
        TailState state = TailStateJson.read(stateFile);
        TailState.Summary w = state.window();
        Map<String, String> params = new TreeMap<>();
        params.put("target", state.target());
        params.put("rate", Long.toString(state.ratePerSecond()));
        BenchmarkId id = BenchmarkId.of(BENCHMARK, params);
        BenchmarkResult result = new BenchmarkResult(id, Mode.SINGLE_SHOT, 1, "us/op", Double.NaN,
                List.of(), List.of(), Map.of(), Map.of());
        List<String> flaws = new ArrayList<>();
        if (!w.valid()) {
            flaws.add("sampler window invalid: " + (w.flaws().isEmpty() ? "no reason given" : String.join("; ", w.flaws())));
        }
        Path dir = stateFile.toAbsolutePath().getParent();
        flaws.addAll(masterFlaws(state, dir));
        Map<String, IterationHistogram> byTag = new TreeMap<>();
        String source;
        if (state.hlog() == null || state.hlog().isBlank()) {
            source = stateFile + " (names no histogram log)";
        } else if (w.responseNanos().p50() == null || w.count() == 0) {
            // null percentiles: the window had no samples, whatever the log holds
            source = stateFile + " window (no samples: null percentiles)";
        } else {
            Path hlog = dir.resolve(state.hlog());
            if (!Files.isRegularFile(hlog)) {
                source = hlog + " (missing)";
            } else {
                HlogReader.windowByTag(hlog, w.start().toEpochMilli(), w.intervals())
                        .forEach((tag, h) -> byTag.put(tag, OpenLoopHistograms.toIterationHistogram(h)));
                source = state.hlog() + " window " + w.start() + ".." + w.end() + " (" + w.intervals() + " intervals)";
                long n = byTag.getOrDefault("response", IterationHistogram.EMPTY).totalCount();
                if (n != w.count()) {
                    throw new BadInputException(hlog + ": window from " + w.start() + " holds " + n
                            + " response samples, expected " + w.count() + " as " + stateFile + " says");
                }
            }
        }
        if (!state.masters().isEmpty()) {
            source = "cluster-wide " + source + " (" + state.masters().size() + " masters added)";
        }
        TailHistogram tail = new TailHistogram(source, byTag, 1, flaws);
        return new Run(stateFile.toString(), List.of(result), RunStatus.UNKNOWN, "", Map.of(id, tail),
                CounterReadings.missing(stateFile.toString(), "a tail-state file carries no redis-diff.json"));
    }
}
