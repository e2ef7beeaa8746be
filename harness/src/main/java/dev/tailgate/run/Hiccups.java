package dev.tailgate.run;

import dev.tailgate.ingest.HlogReader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The hiccup meter's evidence for a run: every {@code histograms/**}{@code /*-fork<N>-hiccup.hlog}
 * (the plain run keeps all forks in one directory, {@code tailgate ab} one directory per round),
 * merged per benchmark and params by adding counts, set against each benchmark's P99.9, printed
 * after the summary table and kept in {@code hiccups.json} for the reports.
 *
 * <p>The flag: when the machine's own longest stall is longer than the benchmark's P99.9, the
 * slowest 0.1% of calls may have waited for the machine, not for Redis. It does not prove they
 * did (the stall may have hit a moment without a call in flight); it says the tail cannot be
 * blamed on Redis without looking further.
 */
public final class Hiccups {
    public static final String FILE = "hiccups.json";
    public static final String SCHEMA = "tailgate.hiccups/1";
    static final String TAG = "hiccup";
    private static final Pattern NAME = Pattern.compile("(.+)-fork(\\d+)-hiccup\\.hlog");
    private static final Pattern PARAM = Pattern.compile("-(?=[A-Za-z_][A-Za-z0-9_]*=)");

    /** What {@code hiccups.json} holds. */
    public record HiccupsFile(String schema, List<HiccupSummary> benchmarks) {
        public HiccupsFile {
            benchmarks = List.copyOf(benchmarks);
        }
    }

    private Hiccups() {
    }

    /** Pure: one benchmark's merged hiccups against its P99.9 (nanoseconds, when it had one). */
    public static HiccupSummary summarize(String benchmark, Map<String, String> params, int forks, Histogram hiccups,
                                          OptionalDouble benchmarkP999Nanos) {
        long n = hiccups.getTotalCount();
        long max = n == 0 ? 0 : hiccups.getMaxValue();
        boolean flagged = benchmarkP999Nanos.isPresent() && n > 0 && max > benchmarkP999Nanos.getAsDouble();
        return new HiccupSummary(benchmark, params, forks, n, pct(hiccups, 99), pct(hiccups, 99.9), max,
                benchmarkP999Nanos, flagged);
    }

    private static OptionalLong pct(Histogram h, double p) {
        return h.getTotalCount() < SummaryRow.minSamplesFor(p) ? OptionalLong.empty()
                : OptionalLong.of(h.getValueAtPercentile(p));
    }

    /** Reads the run's hiccup logs and pairs them with the summary rows ({@code Class.method} + params). */
    public static List<HiccupSummary> collect(Path histogramsDir, List<SummaryRow> rows) {
        Map<String, List<Path>> byStem = new TreeMap<>();
        if (Files.isDirectory(histogramsDir)) {
            try (Stream<Path> walk = Files.walk(histogramsDir)) {
                walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                    Matcher m = NAME.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        byStem.computeIfAbsent(m.group(1), s -> new ArrayList<>()).add(f);
                    }
                });
            } catch (IOException e) {
                throw new BadInputException(histogramsDir + ": cannot list hiccup logs: " + e.getMessage(), e);
            }
        }
        List<HiccupSummary> out = new ArrayList<>();
        byStem.forEach((stem, files) -> {
            String[] parts = PARAM.split(stem);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
            String cls = parts[0];
            OptionalDouble p999 = rows.stream()
                    .filter(r -> r.benchmark().startsWith(cls + ".") && r.params().equals(params))
                    .map(SummaryRow::p999Nanos).filter(OptionalDouble::isPresent).findFirst()
                    .orElse(OptionalDouble.empty());
            Histogram merged = HlogReader.merge(files, TAG).orElseGet(() -> new Histogram(3));
            out.add(summarize(cls, params, files.size(), merged, p999));
        });
        return out;
    }

    public static void write(Path runDir, List<HiccupSummary> hiccups) throws IOException {
        JsonFiles.writeJson(runDir.resolve(FILE), new HiccupsFile(SCHEMA, hiccups));
    }

    /** {@code hiccups.json} of a run directory; empty when the run has none (older runs, JMH JSON alone). */
    public static Optional<List<HiccupSummary>> read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            HiccupsFile h = JsonFiles.json().readValue(f.toFile(), HiccupsFile.class);
            if (!SCHEMA.equals(h.schema())) {
                throw new BadInputException(f + ": schema \"" + h.schema() + "\", expected \"" + SCHEMA + "\"");
            }
            return Optional.of(h.benchmarks());
        } catch (IOException e) {
            throw new BadInputException(f + ": not a hiccups file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Text for the terminal: one line per benchmark, and a warning line under each flagged one. */
    public static String render(List<HiccupSummary> hiccups) {
        if (hiccups.isEmpty()) {
            return "host stalls: no hiccup logs in this run" + System.lineSeparator();
        }
        StringBuilder sb = new StringBuilder("host stalls (hiccup meter beside each benchmark; 1 ms sleeps, overshoot):")
                .append(System.lineSeparator());
        for (HiccupSummary h : hiccups) {
            sb.append(String.format(Locale.ROOT, "  %s%s: p99 %s us, p99.9 %s us, max %s us (%d samples, %d fork%s)",
                    h.benchmark(), h.params().isEmpty() ? "" : " " + h.paramsText(), us(h.p99Nanos()), us(h.p999Nanos()),
                    us(OptionalLong.of(h.maxNanos())), h.samples(), h.forks(), h.forks() == 1 ? "" : "s"))
                    .append(System.lineSeparator());
            h.warning().ifPresent(w -> sb.append("    WARNING: ").append(w).append(System.lineSeparator()));
        }
        return sb.toString();
    }

    static String us(OptionalLong nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.1f", nanos.getAsLong() / 1000.0) : "-";
    }
}
