package dev.tailgate.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a RUN argument named, resolved by {@link RunStore#resolve}.
 *
 * @param path         the run directory, or the bare JMH JSON file
 * @param kind         which of the accepted forms it was
 * @param baselineName the baseline's name when {@code kind} is {@link Kind#BASELINE}
 */
public record RunRef(Path path, Kind kind, Optional<String> baselineName) {

    /** The forms a RUN argument may take. */
    public enum Kind {
        /** A run directory given by path. */
        RUN_DIRECTORY,
        /** A JMH result JSON file written by JMH's own CLI ({@code -rf json}). */
        JMH_FILE,
        /** A name under {@code results/baselines/}. */
        BASELINE
    }

    public RunRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baselineName, "baselineName");
        if (baselineName.isPresent() != (kind == Kind.BASELINE)) {
            throw new IllegalArgumentException("a baseline name goes with kind BASELINE only");
        }
    }

    /** The JMH result JSON of this run. */
    public Path jmhJson() {
        return kind == Kind.JMH_FILE ? path : path.resolve(RunStore.JMH_JSON);
    }

    /** The run's manifest, if it has one (a bare JMH file has none). */
    public Optional<Path> manifest() {
        if (kind == Kind.JMH_FILE) {
            return Optional.empty();
        }
        Path m = path.resolve(RunStore.MANIFEST_JSON);
        return Files.isRegularFile(m) ? Optional.of(m) : Optional.empty();
    }
}
