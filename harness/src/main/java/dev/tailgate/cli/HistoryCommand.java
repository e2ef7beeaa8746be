package dev.tailgate.cli;

import dev.tailgate.compare.Margins;
import dev.tailgate.history.HistoryAnalysis;
import dev.tailgate.history.HistoryFilter;
import dev.tailgate.history.HistoryHtml;
import dev.tailgate.history.HistoryRun;
import dev.tailgate.history.HistoryText;
import dev.tailgate.history.SeriesHistory;
import dev.tailgate.history.SeriesKey;
import dev.tailgate.history.SeriesPoint;
import dev.tailgate.history.changepoint.ChangePointOptions;
import dev.tailgate.history.index.HistoryIndex;
import dev.tailgate.history.index.IndexSync;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.UsageException;
import dev.tailgate.store.Baseline;
import dev.tailgate.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailgate history}: every run's statistics over time, their change points and likely causes. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Find the change points of each benchmark statistic over the runs under --results, with",
            "the size of each step, the first run after it and what changed in the manifest and fingerprint",
            "between the runs either side. Aborted, invalid and injected runs are shown, never detected on.",
            "The index results/.history/index.db is checked against the run directories on every use."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the newest run sits after no regression",
            "1:the newest run sits after a REGRESSION change point on a gating statistic",
            "2:usage error",
            "3:bad input: no results directory, no run or series matching the filters, an unknown baseline,"
                + " a corrupt summary that cannot be derived again",
            "4:internal error",
        })
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @Option(names = "--benchmark", paramLabel = "REGEX",
            description = "Series whose package.Class.method[params] contains a match (Java regex).")
    String benchmark;

    @Option(names = "--statistic", paramLabel = "S", split = ",",
            description = "Statistics to show: mean, p50, p90, p99, p99.9, p99.99, max, throughput (default: all).")
    List<String> statistics = List.of();

    @Option(names = {"--profile"}, paramLabel = "NAME", description = "Runs whose embedded Redis used this profile.")
    String profile;

    @Option(names = "--target", paramLabel = "KIND", description = "Runs against an embedded or external Redis.")
    String target;

    @Option(names = "--since", paramLabel = "T", description = "Runs started at or after T: an instant, a date"
            + " (midnight UTC) or an age (30d).")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Runs started before T (same forms as --since).")
    String until;

    @Option(names = "--baseline", paramLabel = "NAME", description = "Runs from the one promoted to baseline NAME on.")
    String baseline;

    @Option(names = "--rebuild", description = "Delete the index and build it again from the run directories.")
    boolean rebuild;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the trend page (one self-contained"
            + " HTML file) to FILE.")
    Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HistoryFilter filter = filter();
        Path dir = results.dir;
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no results directory here (pass --results DIR)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<SeriesHistory> series;
        List<HistoryRun> runs;
        try (HistoryIndex index = HistoryIndex.open(dir, rebuild)) {
            IndexSync.Report sync = IndexSync.sync(index, dir);
            if (rebuild || sync.indexed() + sync.removed() > 0) {
                out.println("index: " + index.file() + ": " + sync.indexed() + " runs (re)indexed, " + sync.removed()
                        + " removed, " + sync.runs() + " in all");
            }
            runs = runs(index, filter, dir);
            Map<String, HistoryRun> byName = new LinkedHashMap<>();
            runs.forEach(r -> byName.put(r.name(), r));
            Map<SeriesKey, List<SeriesPoint>> points = index.points(filter::wants, byName);
            points.values().removeIf(List::isEmpty);
            if (points.isEmpty()) {
                throw new BadInputException(dir + ": no series matches " + describe() + " among " + runs.size()
                        + " runs");
            }
            series = HistoryAnalysis.analyse(points, ChangePointOptions.defaults(), Margins.defaults());
        }
        out.print(HistoryText.render(runs, series));
        if (html != null) {
            writeHtml(series, dir);
            out.println("history: page written to " + html);
        }
        out.println(HistoryText.verdict(series));
        out.flush();
        return series.stream().anyMatch(SeriesHistory::failsGate) ? ExitCode.GATE_FAILED : ExitCode.OK;
    }

    private HistoryFilter filter() {
        Optional<Pattern> pattern = Optional.empty();
        if (benchmark != null) {
            try {
                pattern = Optional.of(Pattern.compile(benchmark));
            } catch (PatternSyntaxException e) {
                throw new UsageException("--benchmark \"" + benchmark + "\": not a regular expression: "
                        + e.getDescription());
            }
        }
        Set<String> stats = new LinkedHashSet<>();
        for (String s : statistics) {
            if (Statistic.fromYaml(s.strip()) == null) {
                throw new UsageException("--statistic \"" + s + "\": expected one of " + Statistic.spellings());
            }
            stats.add(s.strip());
        }
        if (target != null && !target.equals("embedded") && !target.equals("external")) {
            throw new UsageException("--target \"" + target + "\": expected embedded or external");
        }
        Instant now = RootClock.of(spec).instant();
        return new HistoryFilter(pattern, stats, Optional.ofNullable(profile), Optional.ofNullable(target),
                Optional.ofNullable(since).map(t -> TimeArgs.since("--since", t, now)),
                Optional.ofNullable(until).map(t -> TimeArgs.since("--until", t, now)));
    }

    /** The indexed runs the filter and --baseline keep, oldest first; none is bad input. */
    private List<HistoryRun> runs(HistoryIndex index, HistoryFilter filter, Path dir) {
        List<HistoryRun> all = index.runs();
        List<HistoryRun> kept = filter.select(all);
        if (baseline != null) {
            Instant from = baselineStart(new RunStore(dir), all);
            kept = kept.stream().filter(r -> !r.startedAt().isBefore(from)).toList();
        }
        if (kept.isEmpty()) {
            throw new BadInputException(dir + ": no run matches " + describe() + " among " + all.size() + " runs");
        }
        return kept;
    }

    /** When the run promoted to the baseline started: its record's takenAt, else the indexed run's start. */
    private Instant baselineStart(RunStore store, List<HistoryRun> all) {
        if (!store.baselineNames().contains(baseline)) {
            throw new BadInputException("--baseline " + baseline + ": no such baseline in " + store.baselinesDir()
                    + " (known: " + String.join(", ", store.baselineNames()) + ")");
        }
        Optional<Baseline> record = store.baseline(baseline);
        if (record.isPresent() && record.get().takenAt() != null) {
            return record.get().takenAt();
        }
        String source = record.map(Baseline::sourceRun).orElse("");
        return all.stream().filter(r -> r.name().equals(source)).map(HistoryRun::startedAt).findFirst()
                .orElseThrow(() -> new BadInputException("--baseline " + baseline
                        + ": its record names no start time and its source run \"" + source + "\" is not under "
                        + store.resultsDir()));
    }

    private String describe() {
        StringBuilder b = new StringBuilder("the filters");
        if (benchmark != null) {
            b.append(" --benchmark ").append(benchmark);
        }
        if (!statistics.isEmpty()) {
            b.append(" --statistic ").append(String.join(",", statistics));
        }
        for (String[] o : new String[][] {{"--profile", profile}, {"--target", target}, {"--since", since},
            {"--until", until}, {"--baseline", baseline}}) {
            if (o[1] != null) {
                b.append(' ').append(o[0]).append(' ').append(o[1]);
            }
        }
        return b.toString();
    }

    private void writeHtml(List<SeriesHistory> series, Path dir) {
        Path parent = html.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new BadInputException("--html " + html + ": no such directory " + parent);
        }
        Map<String, String> links = new LinkedHashMap<>();
        Path fromPage = parent.relativize(dir.toAbsolutePath());
        series.stream().flatMap(s -> s.points().stream()).map(p -> p.run().name()).distinct()
                .forEach(run -> links.put(run, report(fromPage, dir, run)));
        try {
            JsonFiles.writeString(html, HistoryHtml.html(series, links));
        } catch (IOException e) {
            throw new BadInputException("--html " + html + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The run's report: compare's report.html, else the gate's report.md, else the run directory. */
    private static String report(Path fromPage, Path dir, String run) {
        for (String name : List.of("report.html", "report.md")) {
            if (Files.isRegularFile(dir.resolve(run).resolve(name))) {
                return fromPage.resolve(run).resolve(name).toString().replace('\\', '/');
            }
        }
        return fromPage.resolve(run) + "/";
    }
}
