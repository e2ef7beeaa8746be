package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tailgate suites list|show|check}, and every kind of bad suite file: one line naming file and line, exit 3. */
class SuitesCommandTest {
    @TempDir
    Path dir;

    /** A valid suite: trading one-way latency at two producer rates. */
    static final String FEED = String.join("\n",
            "schema: 1",
            "description: Stream one-way latency at 5,000 and 50,000 msg/s",
            "benchmarks:",
            "  include: ['StreamOneWayLatencyBenchmark']",
            "params:",
            "  ratePerSecond: [5000, 50000]",
            "  mode: [xread]",
            "forks: 1",
            "warmup: {iterations: 1, time: 1s}",
            "measurement: {iterations: 3, time: 2s}",
            "mode: sample",
            "");

    @Test
    void listNamesTheBundledSuitesWithTheirSources() {
        CliRun r = CliRun.of("suites", "list");
        assertEquals(0, r.code(), r.toString());
        for (String name : List.of("smoke", "nightly", "tails")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + "\t") && l.endsWith("\tbundled:suites/" + name + ".yaml")),
                    r.out());
        }
    }

    @Test
    void aSuitesDirComesFirstInListShowAndCheck() throws IOException {
        Files.writeString(dir.resolve("feed.yaml"), FEED);
        CliRun list = CliRun.of("suites", "list", "--suites-dir", dir.toString());
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().startsWith("feed\tStream one-way latency at 5,000 and 50,000 msg/s\t" + dir.resolve("feed.yaml")),
                list.out());
        CliRun show = CliRun.of("suites", "show", "feed", "--suites-dir", dir.toString());
        assertEquals(0, show.code(), show.toString());
        assertTrue(show.out().contains("params: {mode=[xread], ratePerSecond=[5000, 50000]}"), show.out());
        assertTrue(show.out().contains("benchmarks: 1 (2 trials per fork)"), show.out());
        assertTrue(show.out().contains("  dev.tailgate.bench.trading.StreamOneWayLatencyBenchmark."), show.out());
        CliRun check = CliRun.of("suites", "check", dir.resolve("feed.yaml").toString());
        assertEquals(0, check.code(), check.toString());
        assertTrue(check.out().startsWith("ok: " + dir.resolve("feed.yaml") + ": suite feed, 1 benchmarks, 2 trials x 1 forks"),
                check.out());
    }

    /** The custom suite docs/suites.md shows is valid as written, its threshold file included. */
    @Test
    void theDocumentedExampleSuiteIsValid() throws IOException {
        Path root = Path.of(System.getProperty("tailgate.test.root", ".."));
        String doc = Files.readString(root.resolve("docs/suites.md"));
        String section = doc.substring(doc.indexOf("## Example: a custom suite"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = section.substring(start, section.indexOf("```", start));
        dev.tailgate.store.Trees.copy(root.resolve("thresholds"), dir.resolve("thresholds"));
        Path file = Files.createDirectories(dir.resolve("suites")).resolve("feed.yaml");
        Files.writeString(file, yaml);
        CliRun r = CliRun.of("suites", "check", file.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("ok: " + file + ": suite feed, 2 benchmarks, 3 trials x 3 forks"), r.out());
    }

    @Test
    void showResolvesTheBundledSmokeSuite() {
        CliRun r = CliRun.of("suites", "show", "smoke");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("source: bundled:suites/smoke.yaml"), r.out());
        assertTrue(r.out().contains("forks: 1\nwarmup: 1 x 1s\nmeasurement: 3 x 2s\nmode: sample\n"), r.out());
        assertTrue(r.out().contains("  dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip"), r.out());
    }

    @Test
    void anUnknownSuiteNameIsAUsageErrorListingTheKnownOnes() {
        CliRun r = CliRun.of("suites", "show", "smoek");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--suite smoek: unknown suite, expected one of cluster|nightly|smoke|tails"), r.err());
    }

    @Test
    void anUnknownNameIsAUsageErrorEvenBesideABrokenSuiteFile() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "froks: 1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a suite");
        CliRun r = CliRun.of("suites", "show", "smoek", "--suites-dir", dir.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("error: --suite smoek: unknown suite, expected one of broken|cluster|nightly|smoke|tails or a .yaml file",
                r.err().strip());
    }

    /** Each row: what replaces a line of {@link #FEED} (line number, new text), then the expected error after "feed.yaml:". */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "8|froks: 1|8: froks: unknown key, expected one of",
        "8|forks: 0|8: forks: expected an integer >= 1, found number 0",
        "8|forks: '2'|8: forks: expected an integer >= 1, found string \"2\"",
        "10|measurement: {iterations: -1, time: 2s}|10: measurement.iterations: expected an integer >= 1, found number -1",
        "9|warmup: {iterations: 1, time: 0s}|9: warmup.time: \"0s\": ",
        "9|warmup: {iterations: 1, time: 2}|9: warmup.time: expected a duration with a unit",
        "9|warmup: {iterations: 1}|9: warmup: time: missing",
        "6|  ratePerSecnd: [5000]|6: params.ratePerSecnd: no selected benchmark has this @Param, expected one of",
        "4|  include: ['NoSuchBenchmark']|4: benchmarks.include.0: \"NoSuchBenchmark\" matches no benchmark",
        "4|  include: ['Stream(']|4: benchmarks.include.0: \"Stream(\" is not a regular expression",
        "11|mode: thrpt|11: mode: thrpt, but dev.tailgate.bench.trading.StreamOneWayLatencyBenchmark",
        "11|mode: fast|11: mode: unknown JMH mode \"fast\"",
        "1|schema: 2|1: schema: expected 1, found 2",
        "7|  mode: [xread, {a: b}]|7: params.mode.1: expected a value, found object",
        "11|mode: sample\\nthresholds: ../none.yaml|12: thresholds: ../none.yaml: no such file",
        "10|measurement: [3, 2s]|10: measurement: expected a mapping with iterations: and time:, found array",
        "5|params: {a: [1}|5: malformed YAML",
        "8|forks: 1\\nforks: 2|9: malformed YAML: Duplicate field 'forks'",
    })
    void aBadSuiteFileIsOneLineNamingFileAndLineAndExit3(int line, String replacement, String expected) throws IOException {
        List<String> lines = new java.util.ArrayList<>(FEED.lines().toList());
        lines.set(line - 1, replacement.replace("\\n", "\n"));
        Path file = dir.resolve("feed.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        for (String[] args : List.of(new String[] {"suites", "check", file.toString()},
                new String[] {"run", "--suite", file.toString(), "--results", dir.resolve("results").toString()})) {
            CliRun r = CliRun.of(args);
            assertEquals(3, r.code(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().startsWith("error: " + file + ":" + expected), r.toString());
            assertEquals("", r.out(), r.toString());
        }
        assertTrue(Files.notExists(dir.resolve("results")), "a bad suite must fail before a run directory exists");
    }

    @Test
    void aSuiteArgumentThatIsNeitherANameNorAFileIsRefusedInOneLine() {
        CliRun name = CliRun.of("suites", "show", "smoke\nnightly");
        assertEquals(2, name.code(), name.toString());
        assertEquals("error: --suite smoke\\nnightly: not a suite name (letters, digits, '-', '_', '.') nor a .yaml file",
                name.err().strip());
        Path missing = dir.resolve("missing.yaml");
        CliRun file = CliRun.of("run", "--suite", missing.toString(), "--results", dir.resolve("results").toString());
        assertEquals(3, file.code(), file.toString());
        assertEquals("error: --suite " + missing + ": no such file", file.err().strip());
    }

    @Test
    void gateAloneNeedsASuiteThatNamesThresholds() throws IOException {
        Path file = dir.resolve("feed.yaml");
        Files.writeString(file, FEED);
        CliRun r = CliRun.of("run", "--suite", file.toString(), "--gate", "--results", dir.resolve("results").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("error: --gate: suite feed names no thresholds (docs/suites.md), give --gate FILE", r.err().strip());
        assertTrue(Files.notExists(dir.resolve("results")));
    }

    @Test
    void aSuiteFileLargerThanTheLimitIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, FEED + "#" + "x".repeat(70_000) + "\n");
        CliRun r = CliRun.of("suites", "check", file.toString());
        assertEquals(3, r.code(), r.toString());
        assertEquals("error: " + file + ": larger than the 65536-byte limit for a suite file", r.err().strip());
    }
}
