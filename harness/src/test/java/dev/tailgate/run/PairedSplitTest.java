package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.ingest.JmhJsonReader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The splitter on real JMH JSON captured from this suite (2 forks x 2 measurement iterations,
 * read as if the forks had alternated): each arm gets exactly its iterations, in order, as a
 * result the gate's own reader accepts, and the rounds pair iterations that were adjacent.
 */
class PairedSplitTest {
    private static final Path CAPTURED = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/jmh-captured");

    @TempDir
    Path tmp;

    private static JsonNode captured(String file) throws Exception {
        return JsonFiles.json().readTree(CAPTURED.resolve(file).toFile());
    }

    private static long samples(JsonNode iteration) {
        long n = 0;
        for (JsonNode pair : iteration) {
            n += pair.get(1).asLong();
        }
        return n;
    }

    @Test
    void eachArmGetsItsOwnIterationsOfEveryFork() throws Exception {
        JsonNode in = captured("sample.json");
        for (String pattern : List.of("AB", "ABBA", "BA")) {
            PairedSplit.Result r = PairedSplit.split("sample.json", in, pattern);
            int aAt = pattern.charAt(0) == 'A' ? 0 : 1;
            for (int k = 0; k < in.size(); k++) {
                JsonNode raw = in.get(k).at("/primaryMetric/rawDataHistogram");
                for (int f = 0; f < raw.size(); f++) {
                    JsonNode a = r.armA().get(k).at("/primaryMetric/rawDataHistogram").get(f);
                    JsonNode b = r.armB().get(k).at("/primaryMetric/rawDataHistogram").get(f);
                    assertEquals(List.of(raw.get(f).get(aAt)), List.of(a.get(0)), pattern + " A fork " + f);
                    assertEquals(List.of(raw.get(f).get(1 - aAt)), List.of(b.get(0)), pattern + " B fork " + f);
                    assertEquals(1, a.size());
                }
                assertEquals(1, r.armA().get(k).get("measurementIterations").asInt());
                // the secondary percentile metrics are split the same way
                JsonNode p50 = in.get(k).at("/secondaryMetrics/p0.50/rawData/0/" + aAt);
                assertEquals(p50, r.armA().get(k).at("/secondaryMetrics/p0.50/rawData/0/0"));
            }
        }
    }

    /**
     * Counterbalanced forks: fork 0 ran AB(BA), fork 1 its mirror, so arm A's iteration is the
     * first of fork 0 and the second of fork 1, and each fork's first round is led by the arm
     * that went first in it.
     */
    @Test
    void mirroredForksGiveEachArmTheFirstIterationInTurn() throws Exception {
        JsonNode in = captured("sample.json");
        PairedSplit.Result r = PairedSplit.split("sample.json", in, "AB", true);
        for (int k = 0; k < in.size(); k++) {
            JsonNode raw = in.get(k).at("/primaryMetric/rawDataHistogram");
            assertTrue(raw.size() >= 2, "the capture has two forks");
            for (int f = 0; f < raw.size(); f++) {
                int aAt = f % 2 == 0 ? 0 : 1;
                assertEquals(raw.get(f).get(aAt), r.armA().get(k).at("/primaryMetric/rawDataHistogram").get(f).get(0),
                        "A in fork " + f);
                assertEquals(raw.get(f).get(1 - aAt), r.armB().get(k).at("/primaryMetric/rawDataHistogram").get(f).get(0),
                        "B in fork " + f);
            }
        }
        assertEquals("AB", PairedFork.forFork(0).substring(0, 2));
        assertEquals("BAAB", PairedFork.forFork(1));
        assertEquals(PairedFork.DEFAULT_PATTERN, PairedFork.forFork(2));
    }

    @Test
    void summaryFieldsAreRecomputedFromTheKeptIterations() throws Exception {
        PairedSplit.Result r = PairedSplit.split("sample.json", captured("sample.json"), "AB");
        JsonNode aGet = r.armA().get(1).get("primaryMetric");
        long n = samples(aGet.at("/rawDataHistogram/0/0")) + samples(aGet.at("/rawDataHistogram/1/0"));
        double sum = 0;
        for (JsonNode fork : aGet.get("rawDataHistogram")) {
            for (JsonNode pair : fork.get(0)) {
                sum += pair.get(0).asDouble() * pair.get(1).asLong();
            }
        }
        assertEquals(sum / n, aGet.get("score").asDouble(), 1e-6 * sum / n);

        PairedSplit.Result avgt = PairedSplit.split("avgt.json", captured("avgt.json"), "BA");
        JsonNode raw = captured("avgt.json").get(1).at("/primaryMetric/rawData");
        double meanOfA = (raw.get(0).get(1).asDouble() + raw.get(1).get(1).asDouble()) / 2;
        assertEquals(meanOfA, avgt.armA().get(1).at("/primaryMetric/score").asDouble(), 1e-6);
    }

    @Test
    void eachArmIsAResultTheGateReads() throws Exception {
        PairedSplit.Result r = PairedSplit.split("sample.json", captured("sample.json"), "ABBA");
        for (ArrayNode arm : List.of(r.armA(), r.armB())) {
            Path file = tmp.resolve("arm.json");
            JsonFiles.json().writeValue(file.toFile(), arm);
            List<BenchmarkResult> read = JmhJsonReader.read(file);
            assertEquals(2, read.size());
            for (BenchmarkResult b : read) {
                assertEquals(2, b.forkCount());
                b.histograms().forEach(fork -> assertEquals(1, fork.size()));
            }
        }
    }

    @Test
    void roundsPairAdjacentIterationsAndSayWhoWentFirst() throws Exception {
        List<PairedSplit.BenchmarkRounds> rounds = PairedSplit.split("sample.json", captured("sample.json"), "BA").rounds();
        assertEquals(2, rounds.size());
        assertEquals("dev.tailgate.bench.redis.JedisGetBenchmark.get", rounds.get(1).benchmark());
        assertEquals(List.of(new PairedSplit.Round(0, 0, 1, 0, "B"), new PairedSplit.Round(1, 0, 1, 0, "B")),
                rounds.get(1).rounds());
    }

    @Test
    void anOddIterationCountIsRefusedNamingTheBenchmarkAndFork() throws Exception {
        ArrayNode in = (ArrayNode) captured("sample.json");
        ((ArrayNode) in.get(1).at("/primaryMetric/rawDataHistogram/1")).remove(1);
        BadInputException e = assertThrows(BadInputException.class, () -> PairedSplit.split("x.json", in, "ABBA"));
        assertEquals("x.json: dev.tailgate.bench.redis.JedisGetBenchmark.get: fork 2 has 1 measurement iterations: "
                + "alternated forks need whole rounds (an even number)", e.getMessage());
        ((ObjectNode) in.get(0)).remove("primaryMetric");
        assertThrows(BadInputException.class, () -> PairedSplit.split("x.json", in, "ABBA"));
        String bad = assertThrows(BadInputException.class,
                () -> PairedSplit.split("x.json", captured("sample.json"), "AABB")).getMessage();
        assertTrue(bad.startsWith("x.json: tailgate.alternate: expected pairs"), bad);
    }
}
