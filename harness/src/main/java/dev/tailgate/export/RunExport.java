package dev.tailgate.export;

import dev.tailgate.summary.ResultStats;
import dev.tailgate.summary.RunInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code export} writes about one run.
 *
 * @param marks labels added to every series when the user let through a run that is not a
 *              real, complete measurement ({@code incomplete="aborted"}, {@code injected="spin 5 µs
 *              on every call"}); empty for an ordinary run
 */
public record RunExport(RunInfo info, List<ResultStats> results, Optional<GateSummary> gate, Map<String, String> marks) {
    public RunExport {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(gate, "gate");
        results = List.copyOf(results);
        marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    }
}
