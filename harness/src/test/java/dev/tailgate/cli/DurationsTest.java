package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one duration grammar, and how every Duration option reports a bad value. */
class DurationsTest {

    @Test
    void acceptsEveryFormTheCommandsAcceptedBefore() {
        assertEquals(Duration.ofNanos(100_000), Durations.parse("100us"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofDays(14), Durations.parse("2w"));
        assertEquals(Duration.ofDays(7), Durations.parse(" 7D "), "prune took any case and surrounding blanks");
        assertEquals(Duration.ofHours(36), Durations.parse("PT36H"));
        assertEquals(Duration.ofDays(365), Durations.parse("P365D"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("PT1.5S"));
    }

    @Test
    void refusesWhatIsNotAPositiveDurationWithTheReason() {
        assertEquals(Durations.EXPECTED, assertThrows(Durations.Invalid.class, () -> Durations.parse("7 days")).getMessage());
        assertEquals(Durations.EXPECTED, assertThrows(Durations.Invalid.class, () -> Durations.parse("5")).getMessage());
        assertEquals(Durations.EXPECTED, assertThrows(Durations.Invalid.class, () -> Durations.parse("1y")).getMessage());
        assertEquals("must be positive", assertThrows(Durations.Invalid.class, () -> Durations.parse("0s")).getMessage());
        assertEquals("must be positive", assertThrows(Durations.Invalid.class, () -> Durations.parse("PT-1S")).getMessage());
        assertEquals("too long a duration",
                assertThrows(Durations.Invalid.class, () -> Durations.parse("99999999999999999999s")).getMessage());
        assertEquals("too long a duration",
                assertThrows(Durations.Invalid.class, () -> Durations.parse("9999999999999999999w")).getMessage());
        assertEquals("too long a duration",
                assertThrows(Durations.Invalid.class, () -> Durations.parse("PT99999999999999999999S")).getMessage());
    }

    @Test
    void aBadValueOfAnyDurationOptionIsOneUsageLineNamingTheOption(@TempDir Path results) {
        String[][] lines = {
            {"--time", "run", "--results", results.toString(), "--time", "2 s"},
            {"--warmup-time", "run", "--results", results.toString(), "--warmup-time", "0ms"},
            {"--budget", "ab", "--baseline", "profile:stock", "--candidate", "profile:stock", "--budget", "soon"},
            {"--older-than", "prune", "--results", results.toString(), "--older-than", "PT-1H"},
            {"--interval", "monitor", "--target", "redis://127.0.0.1:1", "--interval", "1\nm"},
            {"--max-slip", "sample", "--target", "redis://127.0.0.1:1", "--duration", "1s", "--max-slip", "x"},
        };
        for (String[] line : lines) {
            String[] args = java.util.Arrays.copyOfRange(line, 1, line.length);
            CliRun r = CliRun.of(args);
            assertEquals(ExitCode.USAGE, r.code(), r.toString());
            assertEquals(1, r.err().strip().lines().count(), r.toString());
            assertTrue(r.err().startsWith("error: " + line[0] + " \""), r.toString());
        }
        CliRun newline = CliRun.of("monitor", "--target", "redis://127.0.0.1:1", "--interval", "1\nm");
        assertTrue(newline.err().contains("\"1\\u000am\": " + Durations.EXPECTED), newline.toString());
    }

    @Test
    void aFormOnceKnownToOneCommandWorksForAll(@TempDir Path results) {
        // "2w" was prune's, "500ms" run's: both now parse for each, and prune finds nothing to delete
        for (String age : new String[] {"2w", "500ms", "PT36H"}) {
            CliRun r = CliRun.of("prune", "--dry-run", "--results", results.toString(), "--older-than", age);
            assertEquals(ExitCode.OK, r.code(), r.toString());
        }
    }
}
