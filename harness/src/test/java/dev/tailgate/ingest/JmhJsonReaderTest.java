package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonReaderTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve("jmh.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void keepsForkAndIterationStructureOfSampleHistograms() throws IOException {
        JmhJsonFixture fx = new JmhJsonFixture();
        fx.samples("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip", "us/op", 3, 2, 500,
                JmhJsonFixture.lognormal(1, 17, 0.3), 0.01).param("payloadBytes", "16");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fx.write(out);
        BenchmarkResult r = JmhJsonReader.read(write(out.toString())).get(0);
        assertEquals(Mode.SAMPLE_TIME, r.mode());
        assertEquals("16", r.id().params().get("payloadBytes"));
        assertEquals("TcpPingPongBenchmark.roundTrip", r.id().simpleName());
        assertEquals(3, r.histograms().size());
        assertEquals(2, r.histograms().get(0).size());
        assertEquals(500, r.histograms().get(2).get(1).totalCount());
        assertEquals(3000, r.mergedHistogram().totalCount());
        assertTrue(r.iterationScores().isEmpty(), "JMH writes no rawData in sample mode");
    }

    @Test
    void readsNonFiniteStringsParamsAndSecondaryMetrics() throws IOException {
        BenchmarkResult r = JmhJsonReader.read(write("""
                [ { "benchmark" : "a.B.c", "mode" : "avgt", "threads" : 2, "forks" : 1,
                    "params" : { "z" : "1", "a" : "x" },
                    "primaryMetric" : { "score" : "NaN", "scoreError" : "NaN",
                      "scoreConfidence" : [ "NaN", "NaN" ],
                      "scorePercentiles" : { "0.0" : "-INF", "100.0" : "+INF" },
                      "scoreUnit" : "ns/op", "rawData" : [ [ 1.5, "NaN" ], [ 2.0, 2.5 ] ] },
                    "secondaryMetrics" : { "gc.alloc.rate" : { "score" : 3.0, "scoreUnit" : "MB/sec",
                      "rawData" : [ [ 3.0 ] ] } } } ]
                """)).get(0);
        assertTrue(Double.isNaN(r.score()));
        assertEquals(Double.POSITIVE_INFINITY, r.scorePercentiles().get("100.0"));
        assertEquals(Double.NEGATIVE_INFINITY, r.scorePercentiles().get("0.0"));
        assertEquals(List.of("a", "z"), List.copyOf(r.id().params().keySet()));
        assertEquals("a=x,z=1", r.id().paramsText());
        assertTrue(Double.isNaN(r.iterationScores().get(0).get(1)));
        assertEquals(2, r.threads());
        assertEquals(3.0, r.secondaryMetrics().get("gc.alloc.rate").score());
    }

    @Test
    void foldsUnsortedAndRepeatedPairsByAddingCounts() throws IOException {
        BenchmarkResult r = JmhJsonReader.read(write("""
                [ { "benchmark" : "a.B.c", "mode" : "sample", "primaryMetric" : { "score" : 2, "scoreUnit" : "us/op",
                    "rawDataHistogram" : [ [ [ [ 3.0, 1 ], [ 1.0, 2 ], [ 3.0, 4 ] ] ], [ [ [ 1.0, 5 ] ] ] ] } } ]
                """)).get(0);
        IterationHistogram h = r.mergedHistogram();
        assertEquals(2, h.size());
        assertEquals(1.0, h.value(0));
        assertEquals(7, h.count(0));
        assertEquals(5, h.count(1));
    }

    @Test
    void namesTheItemOfAMalformedHistogramPair() throws IOException {
        Path f = write("""
                [ { "benchmark" : "a.B.c", "mode" : "sample", "primaryMetric" : { "score" : 2, "scoreUnit" : "us/op",
                    "rawDataHistogram" : [ [ [ [ 1.0, 1 ] ], [ "oops" ] ] ] } } ]
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> JmhJsonReader.read(f));
        assertEquals(f + ": results[0].primaryMetric.rawDataHistogram[0][1][0]: expected array of [value,count], found string",
                e.getMessage());
    }

    @Test
    void truncatedFileIsBadInputWithPosition() throws IOException {
        Path f = write("[ { \"benchmark\" : \"a.B.c\", \"mode\" : \"sample\", \"primaryMetric\" : { \"score\" : ");
        BadInputException e = assertThrows(BadInputException.class, () -> JmhJsonReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": malformed JSON at line 1"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
