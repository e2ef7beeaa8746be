package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.TailState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code tail-state.json} to and from {@link TailState}. Written atomically (temp file in the same
 * directory, then a rename), so a gate reading while the sampler runs never sees half a file.
 */
public final class TailStateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TailStateJson() {
    }

    public static void write(Path file, TailState state) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, MAPPER.writeValueAsString(state) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static TailState read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read tail state (" + e.getClass().getSimpleName() + ")");
        }
        TailState s;
        try {
            s = MAPPER.readValue(text, TailState.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not a tail state file, expected " + TailState.FORMAT + " JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (!TailState.FORMAT.equals(s.format())) {
            throw new BadInputException(file + ": format \"" + s.format() + "\", expected " + TailState.FORMAT);
        }
        return s;
    }
}
