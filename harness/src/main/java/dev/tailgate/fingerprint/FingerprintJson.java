package dev.tailgate.fingerprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code fingerprint.json} reading and writing. Reading accepts a file or a run directory
 * holding one, and rejects files with missing items: drift on half a fingerprint would report
 * every missing item as a change.
 */
public final class FingerprintJson {
    public static final String FILE_NAME = "fingerprint.json";

    private FingerprintJson() {
    }

    public static String toJson(Fingerprint f) {
        try {
            return JsonFiles.json().writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise fingerprint", e);
        }
    }

    public static void write(Fingerprint f, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JsonFiles.writeString(file, toJson(f) + "\n");
    }

    /** A fingerprint file, or a run directory containing {@value #FILE_NAME}. */
    public static Fingerprint read(Path fileOrRunDir) {
        Path file = Files.isDirectory(fileOrRunDir) ? fileOrRunDir.resolve(FILE_NAME) : fileOrRunDir;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such fingerprint file"
                    + (Files.isDirectory(fileOrRunDir) ? " (run directory without " + FILE_NAME + ")" : ""));
        }
        Fingerprint f;
        try {
            // Fields this version does not know (from a newer tailgate) are ignored; a null one is not.
            JsonNode tree = JsonFiles.json().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (tree instanceof ObjectNode o && !o.has(Fingerprint.REDIS_NODES)) {
                // written before clusters were fingerprinted per master: one server, no nodes
                o.putObject(Fingerprint.REDIS_NODES);
            }
            f = tree == null || tree.isMissingNode() ? null : JsonFiles.json().readerFor(Fingerprint.class)
                    .with(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(tree);
        } catch (IOException e) {
            throw new BadInputException(file + ": not a fingerprint (" + firstLine(e.getMessage()) + ")");
        }
        if (f == null) {
            throw new BadInputException(file + ": empty, expected a fingerprint JSON object");
        }
        if (f.schema() != Fingerprint.SCHEMA) {
            throw new BadInputException(file + ": fingerprint schema " + f.schema() + ", expected " + Fingerprint.SCHEMA);
        }
        try {
            f.items();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        return f;
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable");
    }
}
