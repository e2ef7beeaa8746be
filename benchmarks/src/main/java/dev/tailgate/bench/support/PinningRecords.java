package dev.tailgate.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pinning directory: one JSON {@link PinningRecord} per thread, written by the benchmark
 * JVMs ({@code <Class.method>-<role>-<pid>-<seq>.json}, so forks never overwrite each other)
 * and read back by the harness.
 */
public final class PinningRecords {
    private static final ObjectMapper JSON = JsonRecordFiles.JSON;

    private PinningRecords() {
    }

    /** Writes {@code r} into {@code dir} as a new file. */
    public static Path write(Path dir, PinningRecord r) {
        return JsonRecordFiles.write(dir, r.benchmark(), r.role().label() + "-" + r.pid(), r, BenchConfig.PINNING_DIR);
    }

    /** Every record in {@code dir}, in file-name order; a file that is not a record fails naming it. */
    public static List<PinningRecord> readAll(Path dir) {
        List<PinningRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    records.add(JSON.readValue(f.toFile(), PinningRecord.class));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(f + ": not a pinning record (" + e.getMessage() + ")", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list pinning records", e);
        }
        return records;
    }
}
