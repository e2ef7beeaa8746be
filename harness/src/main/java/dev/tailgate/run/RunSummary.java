package dev.tailgate.run;

import dev.tailgate.model.SummaryRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's results into the end-of-run table. Percentiles come from JMH's sample-mode
 * statistics, which are built from all sampled operations of all iterations and forks (counts
 * added, not percentiles averaged). For Redis benchmarks the table also shows RTT minus the TCP
 * floor of the same payload, measured in the same run on the same placement.
 */
public final class RunSummary {
    /** RESP "*1\r\n$4\r\nPING\r\n" is 14 bytes: the floor payload that matches a PING. */
    public static final String PING_PAYLOAD = "14";
    static final String FLOOR_BENCHMARK = "TcpPingPongBenchmark";

    private RunSummary() {
    }

    public static List<SummaryRow> fromJmh(Collection<RunResult> results) {
        List<SummaryRow> rows = new ArrayList<>();
        for (RunResult rr : results) {
            BenchmarkParams bp = rr.getParams();
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : bp.getParamsKeys()) {
                params.put(k, bp.getParam(k));
            }
            Result<?> primary = rr.getPrimaryResult();
            Statistics st = primary.getStatistics();
            double toNanos = nanosPerUnit(primary.getScoreUnit());
            String fqn = bp.getBenchmark();
            String[] parts = fqn.split("\\.");
            String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : fqn;
            String mode = bp.getMode().shortLabel();
            if ("sample".equals(mode) && !Double.isNaN(toNanos)) {
                long n = st.getN();
                rows.add(new SummaryRow(name, params, mode, n,
                        pct(st, 50, n, toNanos), pct(st, 99, n, toNanos), pct(st, 99.9, n, toNanos),
                        pct(st, 99.99, n, toNanos), OptionalDouble.of(st.getMax() * toNanos),
                        OptionalDouble.of(primary.getScore() * toNanos), primary.getScoreUnit(), OptionalDouble.empty()));
            } else {
                rows.add(new SummaryRow(name, params, mode, st.getN(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.of(primary.getScore()), primary.getScoreUnit(), OptionalDouble.empty()));
            }
        }
        return withFloors(rows);
    }

    private static OptionalDouble pct(Statistics st, double p, long n, double toNanos) {
        if (p > 50 && n < SummaryRow.minSamplesFor(p)) {
            return OptionalDouble.empty();
        }
        double v = st.getPercentile(p);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v * toNanos);
    }

    static double nanosPerUnit(String unit) {
        String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : "";
        return switch (u) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> Double.NaN;
        };
    }

    /**
     * Attaches the floor p50 to each Redis row: same payload as the Redis value (valueBytes),
     * or the PING payload for PING benchmarks. Pipelined rows get none: a batch is not one RTT.
     */
    public static List<SummaryRow> withFloors(List<SummaryRow> rows) {
        Map<String, Double> floorByPayload = new HashMap<>();
        for (SummaryRow r : rows) {
            // the subtraction uses the TCP floor; a TLS or Unix floor row stands on its own (docs/targets.md)
            if (r.benchmark().startsWith(FLOOR_BENCHMARK + ".") && r.p50Nanos().isPresent()
                    && r.params().getOrDefault("transport", "tcp").equals("tcp")) {
                floorByPayload.put(r.params().getOrDefault("payloadBytes", ""), r.p50Nanos().getAsDouble());
            }
        }
        List<SummaryRow> out = new ArrayList<>();
        for (SummaryRow r : rows) {
            String payload = null;
            if (!r.benchmark().startsWith(FLOOR_BENCHMARK + ".") && !r.params().containsKey("depth")) {
                if (r.params().containsKey("valueBytes")) {
                    payload = r.params().get("valueBytes");
                } else if (r.benchmark().toLowerCase(Locale.ROOT).contains("ping")) {
                    payload = PING_PAYLOAD;
                }
            }
            Double floor = payload == null ? null : floorByPayload.get(payload);
            out.add(floor == null ? r : r.withFloor(floor));
        }
        return out;
    }

    /** Fixed-width table in microseconds; locale-independent digits. */
    public static String render(List<SummaryRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"benchmark", "params", "samples", "p50 us", "p99 us", "p99.9 us", "p99.99 us",
            "max us", "p50-floor us"});
        for (SummaryRow r : rows) {
            if (!"sample".equals(r.mode())) {
                cells.add(new String[] {r.benchmark(), r.paramsText(), String.valueOf(r.samples()),
                    "score " + fmt(r.scoreNanos()) + " " + r.scoreUnit(), "", "", "", "", ""});
                continue;
            }
            OptionalDouble minus = r.floorNanos().isPresent() && r.p50Nanos().isPresent()
                    ? OptionalDouble.of(r.p50Nanos().getAsDouble() - r.floorNanos().getAsDouble())
                    : OptionalDouble.empty();
            cells.add(new String[] {r.benchmark(), r.paramsText(), String.valueOf(r.samples()),
                us(r.p50Nanos()), us(r.p99Nanos()), us(r.p999Nanos()), us(r.p9999Nanos()), us(r.maxNanos()), us(minus)});
        }
        int[] w = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                String c = row[i];
                boolean left = i < 2;
                sb.append(left ? String.format(Locale.ROOT, "%-" + w[i] + "s", c) : String.format(Locale.ROOT, "%" + w[i] + "s", c));
                sb.append(i + 1 < row.length ? "  " : "");
            }
            sb.append(System.lineSeparator());
        }
        sb.append("(\"-\": too few samples for that percentile; a tail percentile needs n >= 100/(1-p))")
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static String us(OptionalDouble nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.1f", nanos.getAsDouble() / 1000.0) : "-";
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "-";
    }
}
