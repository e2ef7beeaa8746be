package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.TailState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tail-state.json} to and from {@link TailState}. Written atomically ({@link JsonFiles#write}),
 * so a gate reading while the sampler runs never sees half a file.
 */
public final class TailStateJson {

    private TailStateJson() {
    }

    public static void write(Path file, TailState state) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        JsonFiles.writeString(file, JsonFiles.json().writeValueAsString(state) + "\n");
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
            s = JsonFiles.json().readerFor(TailState.class)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(text);
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
