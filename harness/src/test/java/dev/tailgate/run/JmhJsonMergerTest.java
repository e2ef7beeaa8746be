package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splitting a real 2-fork JMH result into two 1-fork files and merging them back must give the
 * original raw data and the score JMH itself computed.
 */
class JmhJsonMergerTest {

    @ParameterizedTest
    @ValueSource(strings = {"sample", "avgt", "thrpt", "ss"})
    void splitThenMergeRestoresJmhsOwnResult(String mode) throws Exception {
        JsonNode original;
        try (InputStream in = getClass().getResourceAsStream("/jmh-captured/" + mode + ".json")) {
            original = JsonFiles.json().readTree(in);
        }
        JsonNode fork0 = fork(original, 0);
        JsonNode fork1 = fork(original, 1);
        ArrayNode merged = JmhJsonMerger.merge(List.of(fork0, fork1));
        assertEquals(original.size(), merged.size());
        for (int i = 0; i < original.size(); i++) {
            JsonNode o = original.get(i);
            JsonNode m = merged.get(i);
            assertEquals(o.get("benchmark"), m.get("benchmark"));
            assertEquals(2, m.get("forks").asInt());
            String raw = "sample".equals(mode) ? "rawDataHistogram" : "rawData";
            assertEquals(o.at("/primaryMetric/" + raw), m.at("/primaryMetric/" + raw));
            double expected = o.at("/primaryMetric/score").asDouble();
            assertEquals(expected, m.at("/primaryMetric/score").asDouble(), Math.abs(expected) * 1e-9,
                    "score of " + o.get("benchmark") + " " + mode);
            if (!"sample".equals(mode)) {
                double err = o.at("/primaryMetric/scoreError").asDouble();
                assertEquals(err, m.at("/primaryMetric/scoreError").asDouble(), Math.abs(err) * 1e-6);
            }
        }
    }

    /** The same result file with only fork {@code k} kept, as a 1-fork JMH invocation writes it. */
    private static JsonNode fork(JsonNode file, int k) {
        ArrayNode out = file.deepCopy();
        for (JsonNode r : out) {
            ((ObjectNode) r).put("forks", 1);
            keepFork((ObjectNode) r.get("primaryMetric"), k);
            r.path("secondaryMetrics").forEach(m -> keepFork((ObjectNode) m, k));
        }
        return out;
    }

    private static void keepFork(ObjectNode metric, int k) {
        for (String f : List.of("rawData", "rawDataHistogram")) {
            if (metric.has(f)) {
                ArrayNode one = metric.arrayNode();
                one.add(metric.get(f).get(k));
                metric.set(f, one);
            }
        }
    }
}
