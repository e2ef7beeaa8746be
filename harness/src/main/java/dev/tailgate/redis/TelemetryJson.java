package dev.tailgate.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes telemetry snapshots and diffs. Instants as ISO-8601 strings; NaN as the
 * string "NaN" (as JMH does), so the files stay valid JSON. Files are written to a temp file
 * and renamed, so a run interrupted mid-write never leaves half a snapshot.
 */
public final class TelemetryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private TelemetryJson() {
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** One compact line, for JSON Lines logs ({@code tailgate monitor --interval --out}). */
    public static String toJsonLine(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static void write(Path file, Object value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // A plain sibling, not createTempFile: that would leave the result owner-only (0600)
            // while every other file of the run directory has the default permissions.
            Path tmp = dir.resolve(file.getFileName() + ".part");
            Files.writeString(tmp, toJson(value) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new BadInputException(file + ": not " + what + " (" + msg + ")");
        }
    }
}
