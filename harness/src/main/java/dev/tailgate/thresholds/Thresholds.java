package dev.tailgate.thresholds;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The effective thresholds after following {@code extends:} and merging.
 *
 * @param files the hierarchy, root (defaults) first, the file the user named last
 */
public record Thresholds(List<Path> files, Policy policy, List<Rule> rules, List<Waiver> waivers) {
    public Thresholds {
        Objects.requireNonNull(policy, "policy");
        files = List.copyOf(files);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
    }
}
