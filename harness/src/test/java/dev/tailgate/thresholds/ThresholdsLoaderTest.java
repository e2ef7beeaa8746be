package dev.tailgate.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsLoaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void childRulesReplaceParentRulesByIdAndPolicyKeysOverride() throws IOException {
        file("defaults.yaml", """
                schema: 1
                policy: { inconclusive: fail, minTailSamples: 500 }
                rules:
                  - id: a
                    match: "A.*"
                    limits: { p99: 1 ms, mean: { fail: 200 us, warn: 100 us } }
                  - id: b
                    match: "B.*"
                    limits: { throughput: { fail: 1000 ops/s, warn: 2000 ops/s } }
                """);
        Path child = file("env/smoke.yaml", """
                schema: 1
                extends: ../defaults.yaml
                policy: { inconclusive: warn }
                rules:
                  - id: a
                    match: "A.x"
                    params: { size: "1*" }
                    limits: { p50: 2.5ms }
                  - id: c
                    match: "C.*"
                    limits: { max: 1 s }
                waivers:
                  - rule: b
                    reason: known slow
                    expires: 2026-12-31
                """);
        Thresholds t = ThresholdsLoader.load(child);
        assertEquals(2, t.files().size());
        assertEquals(InconclusivePolicy.WARN, t.policy().inconclusive());
        assertEquals(500, t.policy().minTailSamples().getAsLong(), "unset keys are inherited");
        assertEquals(List.of("a", "b", "c"), t.rules().stream().map(Rule::id).toList());
        Rule a = t.rules().get(0);
        assertEquals(1, a.limits().size(), "a replaced entirely, parent limits gone");
        assertEquals(new Quantity(2.5, MetricUnit.MS), a.limits().get(0).fail());
        assertTrue(a.matches(BenchmarkId.of("pkg.A.x", Map.of("size", "16"))));
        assertTrue(!a.matches(BenchmarkId.of("pkg.A.x", Map.of("size", "64"))));
        assertTrue(!a.matches(BenchmarkId.of("pkg.A.x")));
        assertEquals(1, t.waivers().size());
        String shown = ThresholdsRenderer.yaml(t);
        assertTrue(shown.contains("fail: 2.5 ms"), shown);
        assertTrue(shown.contains("inconclusive: warn"), shown);
    }

    @Test
    void shownThresholdsLoadBackAsTheSameRules() throws IOException {
        Path root = Path.of(System.getProperty("tailgate.test.root", "..")).resolve("thresholds/nightly.yaml");
        Thresholds merged = ThresholdsLoader.load(root);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode shown = (ObjectNode) yaml.readTree(ThresholdsRenderer.yaml(merged));
        shown.remove("files");
        shown.withArray("rules").forEach(r -> ((ObjectNode) r).remove("from"));
        Path flat = dir.resolve("flat.yaml");
        yaml.writeValue(flat.toFile(), shown);
        Thresholds reloaded = ThresholdsLoader.load(flat);
        assertEquals(merged.policy(), reloaded.policy());
        assertEquals(merged.rules().stream().map(r -> List.of(r.id(), r.match(), r.params(), r.limits(), r.histogram())).toList(),
                reloaded.rules().stream().map(r -> List.of(r.id(), r.match(), r.params(), r.limits(), r.histogram())).toList());
        assertEquals(merged.counterLimits().stream().map(c -> List.of(c.name(), c.fail(), c.warn())).toList(),
                reloaded.counterLimits().stream().map(c -> List.of(c.name(), c.fail(), c.warn())).toList());
        assertTrue(merged.counterLimits().size() >= 3, merged.counterLimits().toString());
    }

    @Test
    void redisLimitsMergeByCounterAndRulesMayPickTheirHistogram() throws IOException {
        file("base.yaml", """
                schema: 1
                rules:
                  - id: open-loop
                    match: "*FixedRateBenchmark.*"
                    histogram: service
                    limits: { p99: 5 ms }
                redis:
                  evicted_keys: 0
                  new_slowlog_entries: { fail: 100, warn: 10 }
                """);
        Path child = file("child.yaml", """
                schema: 1
                extends: base.yaml
                redis:
                  new_slowlog_entries: 0
                  rejected_connections: 0
                """);
        Thresholds t = ThresholdsLoader.load(child);
        assertEquals(List.of("redis.evicted_keys 0 OptionalLong.empty", "redis.new_slowlog_entries 0 OptionalLong.empty",
                        "redis.rejected_connections 0 OptionalLong.empty"),
                t.counterLimits().stream().map(c -> c.name() + " " + c.fail() + " " + c.warn()).toList());
        assertEquals("service", t.rules().get(0).histogramTag());
        Thresholds base = ThresholdsLoader.load(dir.resolve("base.yaml"));
        assertEquals(java.util.OptionalLong.of(10), base.counterLimits().get(1).warn());
        BadInputException e = assertThrows(BadInputException.class, () -> ThresholdsLoader.load(
                file("bad.yaml", "schema: 1\nredis:\n  evicted_keys: { fail: 1, warn: 2 }\n")));
        assertTrue(e.getMessage().contains("redis.evicted_keys: warn 2 is looser than fail 1"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> ThresholdsLoader.load(
                file("neg.yaml", "schema: 1\nredis:\n  evicted_keys: -1\n")));
        assertTrue(e.getMessage().contains("expected a count"), e.getMessage());
    }

    @Test
    void aRuleMayJudgeOneCommandOfAMix() throws IOException {
        Thresholds t = ThresholdsLoader.load(file("mix.yaml", """
                schema: 1
                rules:
                  - id: mix-set
                    match: "*MixBenchmark.mix"
                    histogram: SET
                    limits: { p99: 5 ms }
                """));
        assertEquals("SET", t.rules().get(0).histogramTag());
        BadInputException e = assertThrows(BadInputException.class, () -> ThresholdsLoader.load(file("typo.yaml", """
                schema: 1
                rules:
                  - id: mix-set
                    match: "*MixBenchmark.mix"
                    histogram: set
                    limits: { p99: 5 ms }
                """)));
        assertTrue(e.getMessage().contains("unknown histogram \"set\", expected response|service|GET|SET"), e.getMessage());
    }

    @Test
    void defaultMinimumIsAHundredSamplesAboveThePercentile() {
        assertEquals(10_000, Policy.DEFAULT.minSamples(Statistic.P99));
        assertEquals(100_000, Policy.DEFAULT.minSamples(Statistic.P999));
        assertEquals(200, Policy.DEFAULT.minSamples(Statistic.P50));
    }

    @Test
    void cyclicExtendsIsBadInput() throws IOException {
        file("a.yaml", "schema: 1\nextends: b.yaml\n");
        Path b = file("b.yaml", "schema: 1\nextends: a.yaml\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ThresholdsLoader.load(b));
        assertTrue(e.getMessage().contains("cyclic extends"), e.getMessage());
    }

    @Test
    void shippedFilesLoad() {
        Path root = Path.of(System.getProperty("tailgate.test.root", "..")).resolve("thresholds");
        for (String f : List.of("defaults.yaml", "smoke.yaml", "nightly.yaml")) {
            Thresholds t = ThresholdsLoader.load(root.resolve(f));
            assertTrue(t.rules().size() >= 5, f);
        }
        assertEquals(InconclusivePolicy.WARN, ThresholdsLoader.load(root.resolve("smoke.yaml")).policy().inconclusive());
    }
}
