package dev.tailgate.history;

import dev.tailgate.summary.Identity;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two consecutive measured runs, whether or not any series stepped there:
 * a change that moved nothing is as worth knowing as one that did, and on a short history no
 * step can be detected yet. Pure.
 */
public record EnvironmentChange(HistoryRun before, HistoryRun after, List<String> changes) {
    public EnvironmentChange {
        changes = List.copyOf(changes);
    }

    /** Every change between consecutive measured runs of {@code runs} (oldest first). */
    public static List<EnvironmentChange> between(List<HistoryRun> runs) {
        List<EnvironmentChange> out = new ArrayList<>();
        HistoryRun previous = null;
        for (HistoryRun r : runs) {
            if (!r.measurement()) {
                continue;
            }
            if (previous != null) {
                List<String> c = Identity.changes(previous.identity(), r.identity());
                if (!c.isEmpty()) {
                    out.add(new EnvironmentChange(previous, r, c));
                }
            }
            previous = r;
        }
        return out;
    }
}
