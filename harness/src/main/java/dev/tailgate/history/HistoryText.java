package dev.tailgate.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The console listing of {@code tailgate history}: the runs that were left out of detection,
 * then each series with a change point, its steps and their likely causes, and the verdict.
 * Series without a step are counted, not listed: a year of 1,200 flat series would bury the few
 * that moved. Pure.
 */
public final class HistoryText {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final int CHANGES_SHOWN = 20;

    private HistoryText() {
    }

    public static String render(List<HistoryRun> runs, List<SeriesHistory> series) {
        StringBuilder b = new StringBuilder();
        List<HistoryRun> left = runs.stream().filter(r -> !r.measurement()).toList();
        b.append("history: ").append(runs.size()).append(" runs");
        if (!runs.isEmpty()) {
            b.append(", ").append(DAY.format(runs.get(0).startedAt())).append(" .. ")
                    .append(DAY.format(runs.get(runs.size() - 1).startedAt()));
        }
        b.append(", ").append(series.size()).append(" series\n");
        if (!left.isEmpty()) {
            b.append("not measurements, shown but left out of change-point detection:\n");
            left.forEach(r -> b.append("  ").append(r.name()).append(" (").append(r.mark()).append(")\n"));
        }
        changes(b, EnvironmentChange.between(runs));
        int flat = 0;
        for (SeriesHistory s : series) {
            if (s.steps().isEmpty()) {
                flat++;
                continue;
            }
            long measured = s.points().stream().filter(p -> p.run().measurement()).count();
            b.append('\n').append(s.key().label()).append(" (").append(s.key().mode()).append(", ")
                    .append(measured).append(" measured runs)\n");
            for (Step st : s.steps()) {
                step(b, s.key(), st);
            }
        }
        b.append('\n').append(flat).append(" series without a change point\n");
        return b.toString();
    }

    /** The newest {@link #CHANGES_SHOWN} environment changes; a nightly suite commit alone would list every night. */
    private static void changes(StringBuilder b, List<EnvironmentChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        b.append("environment changes between consecutive measured runs");
        if (changes.size() > CHANGES_SHOWN) {
            b.append(" (newest ").append(CHANGES_SHOWN).append(" of ").append(changes.size()).append(')');
        }
        b.append(":\n");
        for (EnvironmentChange c : changes.subList(Math.max(0, changes.size() - CHANGES_SHOWN), changes.size())) {
            b.append("  ").append(c.before().name()).append(" -> ").append(c.after().name()).append(": ")
                    .append(String.join("; ", c.changes())).append('\n');
        }
    }

    private static void step(StringBuilder b, SeriesKey key, Step st) {
        b.append("  step ").append(st.size()).append(' ').append(st.kind())
                .append(st.gating() ? "" : " (not a gating statistic)")
                .append(String.format(Locale.ROOT, ", mean %s -> %s, p=%.2g%n", value(key, st.point().meanBefore()),
                        value(key, st.point().meanAfter()), st.point().pValue()));
        b.append("    first run after: ").append(st.after().name()).append(" (")
                .append(DAY.format(st.after().startedAt())).append("), last before: ").append(st.before().name())
                .append('\n');
        b.append("    changed: ").append(st.causes().isEmpty() ? "nothing tailgate records"
                : String.join("; ", st.causes())).append('\n');
    }

    /** A value in the unit people read: µs for latency, ops/s for throughput. */
    public static String value(SeriesKey key, double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return key.unit().equals("s") ? String.format(Locale.ROOT, "%.2f µs", v * 1e6)
                : String.format(Locale.ROOT, "%.0f ops/s", v);
    }

    /** The verdict line: which series end after a regression, or that none does. */
    public static String verdict(List<SeriesHistory> series) {
        List<String> failing = series.stream().filter(SeriesHistory::failsGate).map(s -> s.key().label()).toList();
        if (failing.isEmpty()) {
            return "history: PASS, the newest run sits after no regression";
        }
        return "history: REGRESSION, the newest run sits after a regression in " + failing.size() + " series: "
                + String.join(", ", failing.subList(0, Math.min(5, failing.size())))
                + (failing.size() > 5 ? ", ..." : "");
    }
}
