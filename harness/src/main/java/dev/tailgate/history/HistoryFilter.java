package dev.tailgate.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code tailgate history} looks at. Pure.
 *
 * @param benchmark  found anywhere in {@code package.Class.method[params]}; empty = all
 * @param statistics threshold-file spellings; empty = all
 * @param profile    the Redis profile's name the run used; empty = any
 * @param target     {@code embedded} or {@code external}; empty = any
 * @param since      runs started at or after
 * @param until      runs started before
 */
public record HistoryFilter(Optional<Pattern> benchmark, Set<String> statistics, Optional<String> profile,
                            Optional<String> target, Optional<Instant> since, Optional<Instant> until) {
    public HistoryFilter {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        statistics = Set.copyOf(statistics);
    }

    public static HistoryFilter all() {
        return new HistoryFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean wants(HistoryRun run) {
        return profile.map(p -> p.equals(run.profile())).orElse(true)
                && target.map(t -> t.equals(run.target())).orElse(true)
                && since.map(t -> !run.startedAt().isBefore(t)).orElse(true)
                && until.map(t -> run.startedAt().isBefore(t)).orElse(true);
    }

    public boolean wants(SeriesKey key) {
        String name = key.params().isEmpty() ? key.benchmark() : key.benchmark() + "[" + key.params() + "]";
        return benchmark.map(p -> p.matcher(name).find()).orElse(true)
                && (statistics.isEmpty() || statistics.contains(key.statistic()));
    }

    public List<HistoryRun> select(List<HistoryRun> runs) {
        return runs.stream().filter(this::wants).toList();
    }
}
