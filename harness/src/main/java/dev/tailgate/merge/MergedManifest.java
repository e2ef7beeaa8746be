package dev.tailgate.merge;

import dev.tailgate.store.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The manifest of a merged run: the shards' common settings (equal by {@link ShardSet}), the
 * earliest start and the latest end, every shard's pinning, and the {@code distributed} record
 * naming the shards it was made of. Status COMPLETE only if every shard 1..N is there and
 * COMPLETE; otherwise INVALID with the reasons, which no gate passes. Pure.
 */
public final class MergedManifest {
    private MergedManifest() {
    }

    /**
     * @param runId   the merged run's id (its directory's name)
     * @param command the {@code tailgate merge} command line
     * @param mergedAt when the merge was made: the end time when no shard has one
     */
    public static Manifest of(ShardSet.Decision d, String runId, List<String> command, Instant mergedAt) {
        Manifest first = d.shards().get(0).manifest();
        List<Manifest> all = d.shards().stream().map(ShardSet.Input::manifest).toList();
        Instant start = all.stream().map(Manifest::startedAt).min(Comparator.naturalOrder()).orElse(mergedAt);
        Instant end = all.stream().map(m -> m.endedAt().orElse(mergedAt)).max(Comparator.naturalOrder()).orElse(mergedAt);
        String hosts = all.stream().map(m -> m.host().hostname()).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
        Manifest.HostInfo h = first.host();
        Manifest.HostInfo host = new Manifest.HostInfo(hosts, h.os(), h.arch(), h.javaVersion(), h.javaVendor(),
                h.availableProcessors());
        List<Manifest.Part> parts = d.shards().stream().map(in -> new Manifest.Part(in.index(), in.manifest().runId(),
                in.manifest().host().hostname(), in.manifest().status())).toList();
        Manifest.Status status = d.valid() ? Manifest.Status.COMPLETE : Manifest.Status.INVALID;
        Optional<String> reason = d.valid() ? Optional.empty() : Optional.of(String.join("; ", d.problems()));
        return new Manifest(Manifest.SCHEMA, runId, first.suite(), status, reason, start, Optional.of(end), command,
                first.jmh(), first.suiteGitSha(), first.dependencies(), first.redis(), first.corePlan(), pinning(d),
                host, Optional.empty(), first.injection(), Optional.empty(), first.fork(), first.suiteFile(),
                Optional.of(new Manifest.Distributed(d.runId(), d.count(), Optional.empty(), parts)));
    }

    /** BOUND only if every shard's threads were bound; one FAILED shard makes it FAILED. */
    static Manifest.Pinning pinning(ShardSet.Decision d) {
        List<Manifest.PinningRecord> threads = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (ShardSet.Input in : d.shards()) {
            Manifest.Pinning p = in.manifest().pinning();
            threads.addAll(p.threads());
            outcomes.add(p.outcome());
            summary.add("shard " + in.index() + ": " + p.summary());
        }
        String outcome;
        if (outcomes.stream().allMatch(outcomes.get(0)::equals)) {
            outcome = outcomes.get(0);
        } else {
            outcome = outcomes.contains("FAILED") ? "FAILED" : "UNKNOWN";
        }
        return new Manifest.Pinning(outcome, String.join("; ", summary), threads);
    }
}
