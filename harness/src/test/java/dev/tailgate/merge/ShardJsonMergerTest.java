package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tailgate.io.JsonFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merged histograms written straight from the primitive counts read back as JMH's layout. */
class ShardJsonMergerTest {
    private static final long[][][] SHARD_1 = {{{100, 100, 300}, {100}}, {{200}}};
    private static final long[][][] SHARD_2 = {{{100, 200}, {300, 300}}, {{200, 400}}};

    @Test
    void theTreeHoldsTheCountsAddedPerForkAndIteration() throws Exception {
        ArrayNode merged = ShardJsonMerger.merge(List.of(shard(SHARD_1), shard(SHARD_2)));
        JsonNode raw = merged.get(0).path("primaryMetric").path("rawDataHistogram");
        assertTrue(raw.isArray(), raw.getNodeType().toString());
        assertEquals("[[[[100.0,3],[200.0,1],[300.0,1]],[[100.0,1],[300.0,2]]],[[[200.0,2],[400.0,1]]]]", raw.toString());
    }

    @Test
    void theStreamedResultIsTheTreeByteForByte() throws Exception {
        List<ShardResult> parts = List.of(ShardResult.of(shard(SHARD_1).get(0)), ShardResult.of(shard(SHARD_2).get(0)));
        String streamed = JsonFiles.json().writeValueAsString(ShardJsonMerger.mergeResult(parts));
        JsonNode tree = ShardJsonMerger.merge(List.of(shard(SHARD_1), shard(SHARD_2))).get(0);
        assertEquals(JsonFiles.json().writeValueAsString(tree), streamed);
    }

    private static ArrayNode shard(long[][][] samples) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(ShardRuns.sampleResult(ShardRuns.SAMPLE, Map.of("valueBytes", "16"), samples));
        return a;
    }
}
