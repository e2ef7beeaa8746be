package dev.tailgate.thresholds;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The effective thresholds after following {@code extends:} and merging.
 *
 * @param files the hierarchy, root (defaults) first, the file the user named last
 * @param counterLimits the merged {@code redis:} section: limits on server-side counters
 */
public record Thresholds(List<Path> files, Policy policy, List<Rule> rules, List<Waiver> waivers,
                         List<CounterLimit> counterLimits) {
    public Thresholds {
        Objects.requireNonNull(policy, "policy");
        files = List.copyOf(files);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        counterLimits = List.copyOf(counterLimits);
    }

    /** Thresholds without a {@code redis:} section. */
    public Thresholds(List<Path> files, Policy policy, List<Rule> rules, List<Waiver> waivers) {
        this(files, policy, rules, waivers, List.of());
    }
}
