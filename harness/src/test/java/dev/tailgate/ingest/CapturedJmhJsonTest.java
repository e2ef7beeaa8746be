package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real JMH 1.37 output of this suite's benchmarks, one file per mode (jmh-captured/README.md). */
class CapturedJmhJsonTest {
    static final Path CAPTURED = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/jmh-captured");

    @ParameterizedTest
    @CsvSource({"sample, SAMPLE_TIME, ns/op", "thrpt, THROUGHPUT, ops/ns", "avgt, AVERAGE_TIME, ns/op", "ss, SINGLE_SHOT, ns/op"})
    void readsEveryModeKeepingForksAndIterations(String file, Mode mode, String unit) {
        List<BenchmarkResult> results = JmhJsonReader.read(CAPTURED.resolve(file + ".json"));
        assertEquals(2, results.size());
        BenchmarkResult tcp = results.get(0);
        assertEquals("TcpPingPongBenchmark.roundTrip", tcp.id().simpleName());
        assertEquals("16", tcp.id().params().get("payloadBytes"));
        assertEquals("JedisGetBenchmark.get", results.get(1).id().simpleName());
        for (BenchmarkResult r : results) {
            assertEquals(mode, r.mode());
            assertEquals(unit, r.scoreUnit());
            assertEquals(2, r.forkCount());
            assertTrue(Double.isFinite(r.score()));
            if (mode == Mode.SAMPLE_TIME) {
                assertTrue(r.iterationScores().isEmpty());
                r.histograms().forEach(fork -> assertEquals(2, fork.size()));
                assertTrue(r.mergedHistogram().totalCount() > 500);
                assertFalse(r.secondaryMetrics().isEmpty(), "sample mode writes p0.00 ... as secondary metrics");
            } else {
                assertTrue(r.histograms().isEmpty());
                r.iterationScores().forEach(fork -> assertEquals(2, fork.size()));
            }
        }
    }
}
