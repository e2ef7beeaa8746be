package dev.tailgate.run;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what each benchmark thread reported about its pinning and decides the run's pinning
 * outcome. The affinity library fails silently (docs/foundations.md), so only the threads' own reports of
 * their real CPU affinity count: BOUND only when every thread that was meant to be pinned was.
 */
public final class PinningCheck {
    private PinningCheck() {
    }

    /** File name of the embedded server's own pinning record in the pinning directory. */
    static final String SERVER_RECORD = "redis-server.json";

    /** The {@code benchmark} field of the embedded server's record: it serves every trial. */
    static final String SERVER_BENCHMARK = "redis-server";

    /**
     * Records where the embedded redis-server really runs, next to the benchmark threads'
     * records, so that a server_cpulist the server ignored (or a directive that was dropped)
     * fails the run's pinning like any thread that missed its CPU. External servers are not
     * ours to pin and get no record.
     */
    public static void recordServer(TargetSession session, CorePlan plan, Path pinDir) throws IOException {
        if (!plan.pin() || session.embeddedServer().isEmpty()) {
            return;
        }
        long pid = session.embeddedServer().get().pid();
        JsonFiles.writeJson(pinDir.resolve(SERVER_RECORD), serverRecord(pid, HostCpus.affinityOf(pid), plan));
    }

    /** Pure: the server's planned CPU against its real affinity. */
    static Manifest.PinningRecord serverRecord(long pid, java.util.Optional<List<Integer>> actual, CorePlan plan) {
        Integer planned = plan.serverCpu().orElse(null);
        String allowed = actual.map(AllowedCpus::format).orElse("unknown");
        String outcome;
        String reason = null;
        if (planned == null) {
            outcome = "NOT_BOUND";
            reason = "no server CPU in the core plan";
        } else if (actual.isEmpty()) {
            outcome = "UNSUPPORTED";
            reason = "cannot read the affinity of pid " + pid;
        } else if (actual.get().equals(List.of(planned))) {
            outcome = "BOUND";
        } else {
            outcome = "NOT_BOUND";
            reason = "server_cpulist " + planned + " planned, redis-server allowed on " + allowed;
        }
        return new Manifest.PinningRecord(SERVER_BENCHMARK, java.util.Map.of(), "redis-server", "main", pid, planned,
                "server_cpulist", null, null, null, allowed, outcome, reason, null);
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
                    out.add(JsonFiles.json().readValue(p.toFile(), Manifest.PinningRecord.class));
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
        // hiccup meter left unpinned because no server CPU was planned, or a one-way receiver left
        // unpinned because the plan has a single client CPU (requested CPU -1): both were moved off
        // the client CPUs. One that was planned onto a CPU and did not get there counts.
        List<Manifest.PinningRecord> planned = records.stream().filter(r -> !"io-thread".equals(r.role()))
                .filter(r -> !isUnplanned(r)).toList();
        long ioThreads = records.stream().filter(r -> "io-thread".equals(r.role())).count();
        // said, not hidden: "pinning OK" must not read as "every thread was pinned"
        String unpinned = (ioThreads == 0 ? "" : "; " + ioThreads + " client-library I/O threads not pinned")
                + records.stream().filter(PinningCheck::isUnplanned)
                        .collect(java.util.stream.Collectors.groupingBy(Manifest.PinningRecord::role,
                                java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                        .entrySet().stream().map(e -> "; " + e.getValue() + " " + e.getKey()
                                + " threads not pinned (no CPU planned for them; kept off the client CPUs)")
                        .collect(java.util.stream.Collectors.joining());
        long bound = planned.stream().filter(r -> "BOUND".equals(r.outcome())).count();
        List<Manifest.PinningRecord> failed = planned.stream().filter(r -> !"BOUND".equals(r.outcome())).toList();
        if (planned.isEmpty()) {
            return new Manifest.Pinning("UNKNOWN", "no client or echo-server thread reported its pinning", records);
        }
        if (failed.isEmpty()) {
            return new Manifest.Pinning("BOUND", "pinning OK: " + bound + " of " + planned.size()
                    + " redis-server/client/echo-server/hiccup-meter threads bound as planned" + unpinned, records);
        }
        Manifest.PinningRecord first = failed.get(0);
        return new Manifest.Pinning("FAILED", "PINNING FAILED for " + failed.size() + " of " + records.size()
                + " threads, e.g. " + first.role() + " thread " + first.thread() + " of " + first.benchmark() + ": "
                + first.outcome() + (first.reason() == null ? "" : " (" + first.reason() + ")"), records);
    }

    private static boolean isUnplanned(Manifest.PinningRecord r) {
        return ("hiccup-meter".equals(r.role()) || "consumer".equals(r.role()))
                && (r.requestedCpu() == null || r.requestedCpu() < 0);
    }
}
