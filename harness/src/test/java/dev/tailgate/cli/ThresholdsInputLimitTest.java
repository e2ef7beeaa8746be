package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oversized threshold input is refused before the YAML parser sees it (the parser's time grows
 * faster than linearly with a line's length): one line naming the file and the limit, exit 3.
 */
class ThresholdsInputLimitTest {

    private static void assertRefused(Path file, String what) {
        CliRun r = CliRun.of("thresholds", "check", file.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(file + ": " + what), r.toString());
    }

    @Test
    void aFileJustOverTheSizeLimitIsRefusedByItsSize(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "schema: 1\n# " + "x".repeat(1024 * 1024) + "\n");
        assertRefused(big, "larger than the 1048576-byte limit");
    }

    @Test
    void aLongLineIsRefusedByItsLength(@TempDir Path dir) throws IOException {
        Path longLine = dir.resolve("long.yaml");
        Files.writeString(longLine, "schema: 1\nrules: []\n# " + "x".repeat(5000) + "\n");
        assertRefused(longLine, "line 3 is 5002 characters long, over the 4096-character limit");
    }
}
