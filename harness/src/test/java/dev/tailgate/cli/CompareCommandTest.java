package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare on real captured JMH JSON: refusals, overrides recorded, determinism. */
class CompareCommandTest {
    static final Path ROOT = Path.of(System.getProperty("tailgate.test.root", ".."));
    static final Path CAPTURED = ROOT.resolve("harness/src/test/resources/jmh-captured/sample.json");

    @Test
    void runsWithoutManifestsAreRefusedUnlessAllowedAndTheOverrideIsRecorded(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.copy(CAPTURED, a.resolve("jmh.json"));
        Files.copy(CAPTURED, b.resolve("jmh.json"));
        Path ledger = tmp.resolve("ledger.jsonl");
        CliRun refused = CliRun.of("compare", a.toString(), b.toString(), "--ledger", ledger.toString(),
                "--results", tmp.toString());
        assertEquals(ExitCode.BAD_INPUT, refused.code(), refused.toString());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("--allow-mismatch"), refused.err());
        assertTrue(Files.notExists(ledger), "a refused comparison decides nothing");

        CliRun allowed = CliRun.of("compare", a.toString(), b.toString(), "--allow-mismatch", "--ledger",
                ledger.toString(), "--results", tmp.toString(), "--seed", "7");
        // two forks per arm cannot show anything: not shown fails under the default policy
        assertEquals(ExitCode.GATE_FAILED, allowed.code(), allowed.toString());
        assertTrue(allowed.out().contains("gating checks not shown, regression: inconclusive: fail"), allowed.out());
        JsonNode entry = JsonFiles.json().readTree(Files.readAllLines(ledger).get(0));
        assertEquals("compare", entry.get("kind").asText());
        assertEquals("[\"allow-mismatch\"]", entry.get("flags").toString());
        JsonNode cmp = JsonFiles.json().readTree(b.resolve("comparison/comparison.json").toFile());
        assertEquals("[\"allow-mismatch\"]", cmp.get("flags").toString());
        // identical data: nothing may be a regression, and the ratio is exactly 1
        for (JsonNode c : cmp.get("checks")) {
            assertTrue(!c.get("classification").asText().equals("REGRESSION"), c.toString());
            assertEquals(1.0, c.get("ratio").asDouble(), 1e-12, c.toString());
            // how many replicates stand behind the interval: all 1,000, or a look's 400 or 700
            // when the check was settled by then; none when it could not be computed
            int resamples = c.get("resamples").asInt();
            assertTrue(c.get("ciLow").isNull() ? resamples == 0
                    : resamples == 400 || resamples == 700 || resamples == 1000, c.toString());
        }
        String first = Files.readString(b.resolve("comparison/comparison.json"));
        CliRun again = CliRun.of("compare", a.toString(), b.toString(), "--allow-mismatch", "--no-ledger",
                "--results", tmp.toString(), "--seed", "7");
        assertEquals(ExitCode.GATE_FAILED, again.code(), "still not shown");
        assertEquals(first, Files.readString(b.resolve("comparison/comparison.json")), "same seed, same output");
    }

    @Test
    void unknownBaselineNameIsBadInput(@TempDir Path tmp) {
        CliRun r = CliRun.of("compare", "no-such-baseline", CAPTURED.toString(), "--results", tmp.toString(), "--no-ledger");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
