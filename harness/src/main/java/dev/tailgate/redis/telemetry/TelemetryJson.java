package dev.tailgate.redis.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes telemetry snapshots and diffs. Instants as ISO-8601 strings; NaN as the
 * string "NaN" (as JMH does), so the files stay valid JSON, and read back as NaN. Files are
 * written by {@link JsonFiles#write}, so a run interrupted mid-write never leaves half a snapshot.
 */
public final class TelemetryJson {

    private TelemetryJson() {
    }

    public static String toJson(Object value) {
        try {
            return JsonFiles.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** One compact line, for JSON Lines logs ({@code tailgate monitor --interval --out}). */
    public static String toJsonLine(Object value) {
        try {
            return JsonFiles.json().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static void write(Path file, Object value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            JsonFiles.writeString(file, toJson(value) + "\n");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    public static TelemetrySnapshot readSnapshot(Path file) {
        return read(file, TelemetrySnapshot.class, "a telemetry snapshot");
    }

    public static TelemetryDiff readDiff(Path file) {
        return read(file, TelemetryDiff.class, "a telemetry diff");
    }

    private static <T> T read(Path file, Class<T> type, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file, expected " + what);
        }
        try {
            return JsonFiles.json().readerFor(type).with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readValue(file.toFile());
        } catch (IOException | IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new BadInputException(file + ": not " + what + " (" + msg + ")");
        }
    }
}
