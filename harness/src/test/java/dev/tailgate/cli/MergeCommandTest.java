package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.merge.ShardRuns;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tailgate merge} on bad input: one line naming the shard and exit 3, nothing written;
 * a missing or incomplete shard gives a merged run that says INVALID and that no gate passes;
 * a complete merge is a run the gate and compare take like any other.
 */
class MergeCommandTest {
    @TempDir
    Path tmp;

    private Path shard(String name, String distributed, int i, int n, Manifest.Status status) throws IOException {
        return shard(name, ShardRuns.manifest(name, distributed, i, n, status));
    }

    private Path shard(String name, Manifest m) throws IOException {
        Path dir = tmp.resolve(name);
        long[] values = new long[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = 20_000 + 8L * i;
        }
        long[][][] samples = {{values}};
        ArrayNode jmh = JsonNodeFactory.instance.arrayNode();
        jmh.add(ShardRuns.sampleResult(ShardRuns.SAMPLE, Map.of("valueBytes", "16"), samples));
        ShardRuns.write(dir, m, jmh);
        return dir;
    }

    private CliRun merge(Path out, Path... shards) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
        for (Path s : shards) {
            args.add(s.toString());
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path thresholds() throws IOException {
        Path t = tmp.resolve("thresholds.yaml");
        Files.writeString(t, "schema: 1\nrules:\n  - id: get\n    match: \"JedisGetBenchmark.get\"\n    limits:\n      p50: 10 ms\n");
        return t;
    }

    private static void assertOneLine(CliRun r, String... contains) {
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        for (String c : contains) {
            assertTrue(r.err().contains(c), c + " in " + r);
        }
    }

    @Test
    void completeMergeIsARunTheGateAndCompareTake() throws IOException {
        Path a = shard("a", "d1", 1, 2, Manifest.Status.COMPLETE);
        Path b = shard("b", "d1", 2, 2, Manifest.Status.COMPLETE);
        Path out = tmp.resolve("results/merged");
        CliRun r = merge(out, b, a);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode m = JsonFiles.json().readTree(out.resolve("manifest.json").toFile());
        assertEquals("COMPLETE", m.path("status").asText());
        assertEquals(2, m.path("distributed").path("parts").size());
        assertEquals("host-1,host-2", m.path("host").path("hostname").asText());
        assertTrue(Files.isRegularFile(out.resolve("shards/shard-2/manifest.json")));
        // a merged run carries its summary.json like any finished run: export and history read that
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), "summary.json of the merged run");
        CliRun g = CliRun.of("gate", out.toString(), "--thresholds", thresholds().toString(), "--no-ledger");
        assertEquals(ExitCode.OK, g.code(), g.toString());
        Path again = tmp.resolve("results/merged-again");
        assertEquals(ExitCode.OK, merge(again, a, b).code());
        CliRun c = CliRun.of("compare", out.toString(), again.toString(), "--no-ledger", "--results", tmp.resolve("results").toString());
        assertNotEquals(ExitCode.BAD_INPUT, c.code(), c.toString());
        assertNotEquals(ExitCode.INTERNAL, c.code(), c.toString());
        Path metrics = tmp.resolve("merged.prom");
        CliRun e = CliRun.of("export", out.toString(), "--out", metrics.toString());
        assertEquals(ExitCode.OK, e.code(), e.toString());
        assertTrue(Files.readString(metrics).contains("JedisGetBenchmark"), e.toString());
    }

    @Test
    void missingShardMakesAnInvalidRunNoGatePasses() throws IOException {
        Path a = shard("a", "d1", 1, 3, Manifest.Status.COMPLETE);
        Path c = shard("c", "d1", 3, 3, Manifest.Status.COMPLETE);
        Path out = tmp.resolve("merged");
        assertOneLine(merge(out, a, c), "INVALID", "shard 2/3 missing");
        JsonNode m = JsonFiles.json().readTree(out.resolve("manifest.json").toFile());
        assertEquals("INVALID", m.path("status").asText());
        for (String[] more : new String[][] {{}, {"--allow-incomplete"}}) {
            List<String> args = new ArrayList<>(List.of("gate", out.toString(), "--thresholds", thresholds().toString(), "--no-ledger"));
            args.addAll(List.of(more));
            CliRun g = CliRun.of(args.toArray(String[]::new));
            assertNotEquals(ExitCode.OK, g.code(), g.toString());
            assertTrue(g.err().contains("invalid") && g.err().contains("shard 2/3 missing"), g.toString());
        }
    }

    @Test
    void abortedShardMakesAnInvalidRun() throws IOException {
        Path a = shard("a", "d1", 1, 2, Manifest.Status.COMPLETE);
        Path b = shard("b", "d1", 2, 2, Manifest.Status.ABORTED);
        assertOneLine(merge(tmp.resolve("merged"), a, b), "shard 2/2", "is ABORTED");
    }

    @Test
    void shardOfAnotherDistributedRunIsBadInputNamingIt() throws IOException {
        Path a = shard("a", "d1", 1, 2, Manifest.Status.COMPLETE);
        Path b = shard("b", "d2", 2, 2, Manifest.Status.COMPLETE);
        Path out = tmp.resolve("merged");
        assertOneLine(merge(out, a, b), b.toString(), "distributed run d2, not d1");
        assertFalse(Files.exists(out));
        assertNoTempLeft();
    }

    @Test
    void shardOfAnotherSuiteOrSettingsIsBadInputNamingIt() throws IOException {
        Path a = shard("a", "d1", 1, 2, Manifest.Status.COMPLETE);
        Manifest other = ShardRuns.manifest("b", "d1", 2, 2, Manifest.Status.COMPLETE);
        Manifest.JmhSettings j = other.jmh();
        Path b = shard("b", new Manifest(other.schema(), other.runId(), "smoke", other.status(), other.abortReason(),
                other.startedAt(), other.endedAt(), other.command(), j, other.suiteGitSha(), other.dependencies(),
                other.redis(), other.corePlan(), other.pinning(), other.host(), Optional.empty())
                .withDistributed(other.distributed()));
        assertOneLine(merge(tmp.resolve("m1"), a, b), b.toString(), "suite smoke, not nightly");
        Manifest.JmhSettings longer = new Manifest.JmhSettings(j.benchmarks(), j.params(), j.forks(), j.warmupIterations(),
                j.warmupTime(), j.iterations(), "PT5S", j.jvmArgsAppend(), j.jmhVersion());
        Path c = shard("c", new Manifest(other.schema(), "c", other.suite(), other.status(), other.abortReason(),
                other.startedAt(), other.endedAt(), other.command(), longer, other.suiteGitSha(), other.dependencies(),
                other.redis(), other.corePlan(), other.pinning(), other.host(), Optional.empty())
                .withDistributed(other.distributed()));
        assertOneLine(merge(tmp.resolve("m2"), a, c), c.toString(), "JMH measurement 3 x PT5S, not 3 x PT1S");
    }

    @Test
    void duplicateShardAndNonShardAreBadInput() throws IOException {
        Path a = shard("a", "d1", 1, 2, Manifest.Status.COMPLETE);
        Path a2 = shard("a2", "d1", 1, 2, Manifest.Status.COMPLETE);
        assertOneLine(merge(tmp.resolve("m1"), a, a2), "shard 1/2 given twice");
        Path plain = shard("plain", ShardRuns.manifest("plain", "d1", 2, 2, Manifest.Status.COMPLETE)
                .withDistributed(Optional.empty()));
        assertOneLine(merge(tmp.resolve("m2"), a, plain), plain.toString(), "not a shard");
    }

    @Test
    void existingOutIsNeverOverwritten() throws IOException {
        Path a = shard("a", "d1", 1, 1, Manifest.Status.COMPLETE);
        Path out = Files.createDirectories(tmp.resolve("merged"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertOneLine(merge(out, a), "exists");
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void badShardValuesAreUsageErrors() {
        for (String[] args : new String[][] {{"--shard", "0/2"}, {"--shard", "3/2"}, {"--shard", "two"},
            {"--shard-run", "x"}, {"--shard", "1/2", "--shard-run", "../x"}}) {
            List<String> a = new ArrayList<>(List.of("run", "--results", tmp.resolve("results").toString()));
            a.addAll(List.of(args));
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), r.toString());
            assertTrue(r.err().contains("--shard"), r.toString());
            assertEquals(1, r.err().strip().lines().count(), r.toString());
        }
    }

    private void assertNoTempLeft() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".merging-")), "temp dir left behind");
        }
    }
}
