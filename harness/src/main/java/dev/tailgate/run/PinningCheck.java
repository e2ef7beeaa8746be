package dev.tailgate.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what each benchmark thread reported about its pinning and decides the run's pinning
 * outcome. The affinity library fails silently (FACTS.md), so only the threads' own reports of
 * their real CPU affinity count: BOUND only when every thread that was meant to be pinned was.
 */
public final class PinningCheck {
    private PinningCheck() {
    }

    public static Manifest.Pinning evaluate(Path pinDir, CorePlan plan) {
        List<Manifest.PinningRecord> records = read(pinDir);
        return decide(records, plan);
    }

    static List<Manifest.PinningRecord> read(Path pinDir) {
        List<Manifest.PinningRecord> out = new ArrayList<>();
        if (!Files.isDirectory(pinDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(pinDir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList()) {
                try {
                    out.add(Json.MAPPER.readValue(p.toFile(), Manifest.PinningRecord.class));
                } catch (IOException e) {
                    out.add(new Manifest.PinningRecord(null, null, null, p.getFileName().toString(), null, null, null,
                            null, null, null, null, "UNREADABLE", "cannot parse " + p.getFileName() + ": " + e.getMessage(),
                            null));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Pure: records + plan -> outcome and a one-line summary. */
    public static Manifest.Pinning decide(List<Manifest.PinningRecord> records, CorePlan plan) {
        if (!plan.pin()) {
            return new Manifest.Pinning("DISABLED", "pinning disabled (--no-pin)", records);
        }
        if (records.isEmpty()) {
            return new Manifest.Pinning("UNKNOWN", "no benchmark thread reported its pinning", records);
        }
        // A client library's own I/O thread (Lettuce's event loop) is not ours to pin: it is
        // recorded, and the summary says so, but it does not fail the run's pinning. Nor does a
        // hiccup meter left unpinned because no server CPU was planned (requested CPU -1); one
        // planned onto the server CPU that did not get there could sit on a client CPU, so it counts.
        List<Manifest.PinningRecord> planned = records.stream().filter(r -> !"io-thread".equals(r.role()))
                .filter(r -> !isUnplannedMeter(r)).toList();
        long ioThreads = records.stream().filter(r -> "io-thread".equals(r.role())).count();
        long bound = planned.stream().filter(r -> "BOUND".equals(r.outcome())).count();
        List<Manifest.PinningRecord> failed = planned.stream().filter(r -> !"BOUND".equals(r.outcome())).toList();
        if (planned.isEmpty()) {
            return new Manifest.Pinning("UNKNOWN", "no client or echo-server thread reported its pinning", records);
        }
        if (failed.isEmpty()) {
            return new Manifest.Pinning("BOUND", "pinning OK: " + bound + " of " + planned.size()
                    + " client/echo-server/hiccup-meter threads bound as planned"
                    + (ioThreads == 0 ? "" : "; " + ioThreads + " client-library I/O threads not pinned"), records);
        }
        Manifest.PinningRecord first = failed.get(0);
        return new Manifest.Pinning("FAILED", "PINNING FAILED for " + failed.size() + " of " + records.size()
                + " threads, e.g. " + first.role() + " thread " + first.thread() + " of " + first.benchmark() + ": "
                + first.outcome() + (first.reason() == null ? "" : " (" + first.reason() + ")"), records);
    }

    private static boolean isUnplannedMeter(Manifest.PinningRecord r) {
        return "hiccup-meter".equals(r.role()) && (r.requestedCpu() == null || r.requestedCpu() < 0);
    }
}
