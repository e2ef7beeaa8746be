package dev.tailgate.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the per-thread JSON records the benchmark JVMs leave for the harness (pinning,
 * redirections), one new file per record named {@code <Class.method>-<tag>-<seq>.json}, so
 * threads and forks never overwrite each other.
 */
public final class JsonRecordFiles {
    private static final AtomicInteger FILE_SEQ = new AtomicInteger();
    /** The mapper the records are written with (and may be read back with). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRecordFiles() {
    }

    /**
     * Writes {@code record} into {@code dir} (created if needed) as a new file.
     *
     * @param benchmark the JMH benchmark name ({@code package.Class.method}); the file keeps {@code Class.method}
     * @param tag       what tells this thread's record apart (role, arm, thread, pid)
     * @param setting   the setting that named {@code dir}, for the failure message
     */
    public static Path write(Path dir, String benchmark, String tag, Object record, String setting) {
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String file = (shortName + "-" + tag + "-" + FILE_SEQ.incrementAndGet())
                .replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve(file);
            JSON.writeValue(out.toFile(), record);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(setting + " " + dir + ": cannot write " + file, e);
        }
    }
}
