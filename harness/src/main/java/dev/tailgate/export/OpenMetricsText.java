package dev.tailgate.export;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Statistic;
import dev.tailgate.summary.ResultStats;
import java.util.Map;

/**
 * A {@link RunExport} as OpenMetrics 1.0 text. Pure: no I/O, no clock.
 *
 * <p>The text is also valid Prometheus text format 0.0.4, which is all that node_exporter's
 * textfile collector and the Pushgateway parse: every family is a gauge (0.0.4 has no
 * {@code info} type, and an OpenMetrics counter's family name drops the {@code _total} its
 * samples carry, which a 0.0.4 parser reads as two unrelated families), and {@code # UNIT} and
 * {@code # EOF} are comments to a 0.0.4 parser. So the sample count is the gauge
 * {@code tailgate_samples}: it is the size of the latest run, up and down from run to run, not
 * a count that only grows. Samples carry no timestamps: the textfile collector refuses them.
 */
public final class OpenMetricsText {
    /** The media type of the text, for an HTTP response. */
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static final String LATENCY = "tailgate_latency_seconds";
    public static final String THROUGHPUT = "tailgate_throughput_ops_per_second";
    public static final String SAMPLES = "tailgate_samples";
    public static final String GATE_OUTCOME = "tailgate_gate_outcome";
    public static final String GATE_PASSED = "tailgate_gate_passed";
    public static final String RUN_INFO = "tailgate_run_info";
    public static final String RUN_TIMESTAMP = "tailgate_run_timestamp_seconds";

    private OpenMetricsText() {
    }

    public static String render(RunExport e) {
        StringBuilder sb = new StringBuilder(256 + e.results().size() * 1200);
        Map<String, String> marks = e.marks();
        Family latency = new Family(LATENCY, "seconds", "Latency per operation by statistic: mean, percentiles (the"
                + " gate's estimates from the merged histograms; a tail percentile only with n >= 100/(1-p) samples), max.");
        Family throughput = new Family(THROUGHPUT, "ops_per_second", "Operations per second of a throughput-mode result.");
        Family samples = new Family(SAMPLES, null, "Operations timed (sample mode, fixed-rate histograms) or measurement"
                + " iterations (other modes) behind a result's statistics.");
        for (ResultStats r : e.results()) {
            String id = labels(benchmark(r.id()), "mode", r.mode());
            for (Map.Entry<Statistic, Double> s : r.latencySeconds().entrySet()) {
                latency.sample(labels(id, "statistic", s.getKey().yamlName()), marks, number(s.getValue()));
            }
            r.opsPerSecond().ifPresent(v -> throughput.sample(id, marks, number(v)));
            samples.sample(id, marks, Long.toString(r.samples()));
        }
        latency.appendTo(sb);
        throughput.appendTo(sb);
        samples.appendTo(sb);
        e.gate().ifPresent(g -> appendGate(sb, g, marks));
        Family info = new Family(RUN_INFO, null, "The exported run (manifest.json): id, suite, status, Redis; always 1.");
        String infoLabels = "";
        for (Map.Entry<String, String> l : e.info().labels().entrySet()) {
            infoLabels = labels(infoLabels, l.getKey(), l.getValue());
        }
        info.sample(infoLabels, marks, "1");
        info.appendTo(sb);
        Family started = new Family(RUN_TIMESTAMP, "seconds", "When the exported run started (manifest startedAt).");
        e.info().startedAt().ifPresent(t -> started.sample("", marks, number(t)));
        started.appendTo(sb);
        return sb.append("# EOF\n").toString();
    }

    private static void appendGate(StringBuilder sb, GateSummary g, Map<String, String> marks) {
        Family outcome = new Family(GATE_OUTCOME, null, "1 for the verdict of each check (rule, benchmark, statistic)"
                + " of the gate run on this run (verdict.json).");
        for (GateSummary.CheckOutcome c : g.checks()) {
            String l = labels(labels(labels(benchmark(c.benchmark()), "rule", c.rule()), "statistic", c.statistic()),
                    "verdict", c.outcome().name());
            outcome.sample(l, marks, "1");
        }
        outcome.appendTo(sb);
        Family passed = new Family(GATE_PASSED, null, "1 if the gate let this run through, else 0; decision is the"
                + " worst outcome of its checks.");
        passed.sample(labels("", "decision", g.decision().name()), marks, g.passed() ? "1" : "0");
        passed.appendTo(sb);
    }

    private static String benchmark(BenchmarkId id) {
        return labels(labels("", "benchmark", id.benchmark()), "params", id.paramsText());
    }

    /** {@code labels} (already rendered, maybe empty) with one more {@code name="value"}. */
    static String labels(String labels, String name, String value) {
        StringBuilder sb = new StringBuilder(labels.length() + name.length() + value.length() + 4);
        sb.append(labels);
        if (!labels.isEmpty()) {
            sb.append(',');
        }
        sb.append(name).append("=\"");
        escape(value, sb);
        return sb.append('"').toString();
    }

    /** A label value as both formats spell it: backslash, double quote and line feed escaped. */
    static void escape(String value, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /**
     * Shortest text that reads back as the same double, exponent in lower case (both grammars
     * accept it); whole numbers without a fraction. Callers never pass NaN or infinities.
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace('E', 'e');
    }

    /** One metric family: its metadata lines, written only when it has a sample (an empty family says nothing). */
    private static final class Family {
        private final String name;
        private final String unit;
        private final String help;
        private final StringBuilder samples = new StringBuilder();

        Family(String name, String unit, String help) {
            this.name = name;
            this.unit = unit;
            this.help = help;
        }

        void sample(String labels, Map<String, String> marks, String value) {
            String all = labels;
            for (Map.Entry<String, String> m : marks.entrySet()) {
                all = labels(all, m.getKey(), m.getValue());
            }
            samples.append(name);
            if (!all.isEmpty()) {
                samples.append('{').append(all).append('}');
            }
            samples.append(' ').append(value).append('\n');
        }

        void appendTo(StringBuilder sb) {
            if (samples.length() == 0) {
                return;
            }
            sb.append("# TYPE ").append(name).append(" gauge\n");
            if (unit != null) {
                sb.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
            }
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append(samples);
        }
    }
}
