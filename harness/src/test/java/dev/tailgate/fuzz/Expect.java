package dev.tailgate.fuzz;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every fuzz target checks: outside input gives a result or the project's one-line
 * refusal. Any other throwable escapes to Jazzer and is a finding.
 */
final class Expect {

    /**
     * The longest one target fuzzes when run by hand with JAZZER_FUZZ=1; scripts/fuzz.sh ends
     * each run sooner (its SECONDS_PER_TARGET). Without JAZZER_FUZZ only the corpus is replayed.
     */
    static final String BOUND = "30m";

    /** Scratch files live in the module's build directory, one file name per target. */
    private static final Path SCRATCH = Path.of("target", "fuzz-scratch");

    interface Body {
        void run() throws Exception;
    }

    private Expect() {
    }

    /** Runs {@code body}; a {@link BadInputException} or {@link UsageException} must be one non-empty line. */
    static void resultOrRefusal(Body body) throws Exception {
        try {
            body.run();
        } catch (BadInputException | UsageException e) {
            oneLine(e);
        }
    }

    /** As {@link #resultOrRefusal} but a CLI argument may only be refused as usage (exit 2). */
    static void resultOrUsage(Body body) throws Exception {
        try {
            body.run();
        } catch (UsageException e) {
            oneLine(e);
        }
    }

    static void oneLine(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("refusal is not one non-empty line: " + m, e);
        }
    }

    /** {@code bytes} written to a scratch file called {@code name} (replaced on every call). */
    static Path file(String name, byte[] bytes) throws IOException {
        Files.createDirectories(SCRATCH);
        Path f = SCRATCH.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    /** A fresh scratch directory called {@code name}, emptied of the files a target writes. */
    static Path dir(String name) throws IOException {
        Path d = SCRATCH.resolve(name);
        Files.createDirectories(d);
        return d;
    }
}
