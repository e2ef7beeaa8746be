package dev.tailgate.run;

import dev.tailgate.bench.cluster.RedirectRecord;
import dev.tailgate.model.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Judges the redirections the cluster benchmarks' timed clients followed ({@link RedirectRecord},
 * written by the forks under the histograms directory): a trial of one thread past
 * {@link RedirectRecord#STORM_THRESHOLD} is a MOVED storm, the slots moved under the benchmark,
 * and the run (or the A/B) is aborted with one line naming it; fewer are noted on the console,
 * since each is a call that took two round trips. Pure but for reading the records.
 */
final class ClusterStorms {
    private ClusterStorms() {
    }

    /**
     * The storm line for the records under {@code histDir}, if any trial was one; notes the
     * redirections of the others on {@code err}. A record that cannot be read is bad input.
     *
     * @param where the measurement in the line ("the run", "round 3")
     * @param arms  what a record's arm letter stands for in the line ("" to leave it out, "baseline")
     */
    static Optional<String> check(Path histDir, String where, UnaryOperator<String> arms, PrintWriter err) {
        List<RedirectRecord> records;
        try {
            records = RedirectRecord.readAll(histDir);
        } catch (RuntimeException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Optional<String> storm = storm(records, where, arms);
        if (storm.isEmpty()) {
            notes(records, arms).forEach(err::println);
        }
        return storm;
    }

    /** The one line for the worst trial past the threshold, naming how many others were; empty when none was. */
    static Optional<String> storm(List<RedirectRecord> records, String where, UnaryOperator<String> arms) {
        List<RedirectRecord> storms = records.stream().filter(RedirectRecord::storm)
                .sorted(Comparator.comparingLong(RedirectRecord::redirections).reversed()).toList();
        if (storms.isEmpty()) {
            return Optional.empty();
        }
        RedirectRecord worst = storms.get(0);
        return Optional.of("MOVED storm: " + worst.redirections() + " redirections during " + trial(worst, arms) + " in "
                + where + ", on cluster " + String.join(",", worst.seeds()) + (storms.size() > 1 ? " (and "
                + (storms.size() - 1) + " more trials past the limit)" : "") + ": the slots moved under the benchmark"
                + " (more than " + RedirectRecord.STORM_THRESHOLD + " in one trial of one thread), so its latencies"
                + " hold second round trips; measure a cluster whose slots stay put");
    }

    /** One console line per trial that followed redirections without being a storm. */
    static List<String> notes(List<RedirectRecord> records, UnaryOperator<String> arms) {
        return records.stream().filter(r -> r.redirections() > 0 && !r.storm())
                .map(r -> "note: " + trial(r, arms) + " followed " + r.redirections() + " cluster redirection"
                        + (r.redirections() == 1 ? "" : "s") + " (MOVED/ASK; a storm is more than "
                        + RedirectRecord.STORM_THRESHOLD + " in one trial)")
                .toList();
    }

    /** {@code Class.method (k=v, ...), <arm>, thread N}. */
    private static String trial(RedirectRecord r, UnaryOperator<String> arms) {
        String b = r.benchmark();
        String shortName = b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1);
        String params = new TreeMap<>(r.params()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String arm = arms.apply(r.arm());
        return shortName + (params.isEmpty() ? "" : " (" + params + ")") + (arm.isEmpty() ? "" : ", " + arm)
                + ", thread " + r.thread();
    }
}
