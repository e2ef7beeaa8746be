package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.ingest.HistogramBuilder;
import dev.tailgate.ingest.JsonSource;
import dev.tailgate.model.IterationHistogram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JMH result of one shard: the result as JSON, except that the primary metric's
 * {@code rawDataHistogram} (almost all of a sample-mode result's bytes) is held as primitive
 * histograms per fork and iteration, which add up without a JSON node per (value, count) pair.
 *
 * @param result     the result object, without {@code primaryMetric.rawDataHistogram}
 * @param histograms per fork, per iteration; empty when the result has none
 */
record ShardResult(ObjectNode result, List<List<IterationHistogram>> histograms) {
    ShardResult {
        histograms = histograms.stream().map(List::copyOf).toList();
    }

    /** From a result already parsed as a tree (tests, small files). */
    static ShardResult of(JsonNode r) {
        ObjectNode copy = r.deepCopy();
        List<List<IterationHistogram>> forks = new ArrayList<>();
        if (copy.get("primaryMetric") instanceof ObjectNode pm && pm.has("rawDataHistogram")) {
            HistogramBuilder b = new HistogramBuilder();
            for (JsonNode fork : pm.remove("rawDataHistogram")) {
                List<IterationHistogram> its = new ArrayList<>();
                for (JsonNode it : fork) {
                    b.reset();
                    it.forEach(pair -> b.add(pair.get(0).asDouble(), pair.get(1).asLong()));
                    its.add(b.build());
                }
                forks.add(its);
            }
        }
        return new ShardResult(copy, forks);
    }

    /**
     * Reads one result object from {@code p}, positioned on its START_OBJECT: every field as a
     * tree except {@code primaryMetric.rawDataHistogram}, which is streamed into histograms (by
     * the source's pair loop where it has one).
     */
    static ShardResult read(JsonSource p, HistogramBuilder b) throws IOException {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        List<List<IterationHistogram>> forks = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT || !"primaryMetric".equals(field)) {
                put(result, field, p.readValueAsTree());
                continue;
            }
            ObjectNode pm = JsonNodeFactory.instance.objectNode();
            put(result, field, pm);
            boolean streamed = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && "rawDataHistogram".equals(name) && !pm.has(name)) {
                    readHistograms(p, b, forks);
                    pm.putNull(name); // held until the end, so that a second one is a duplicate
                    streamed = true;
                } else {
                    put(pm, name, p.readValueAsTree());
                }
            }
            if (streamed) {
                pm.remove("rawDataHistogram");
            }
        }
        return new ShardResult(result, forks);
    }

    /** Jackson's reader refuses a duplicate field (the project's mapper is strict): so does this. */
    private static void put(ObjectNode into, String field, JsonNode value) throws IOException {
        if (into.replace(field, value) != null) {
            throw new IOException("duplicate field " + field + " in a JMH result");
        }
    }

    /** [[[[v, c], ...] per iteration] per fork], the source on its outer START_ARRAY. */
    private static void readHistograms(JsonSource p, HistogramBuilder b, List<List<IterationHistogram>> forks)
            throws IOException {
        while (p.nextToken() == JsonToken.START_ARRAY) {
            List<IterationHistogram> its = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                b.reset();
                if (!p.pairs(b)) {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        p.nextToken();
                        double v = p.getDoubleValue();
                        p.nextToken();
                        long c = p.getLongValue();
                        p.nextToken(); // END_ARRAY of the pair
                        b.add(v, c);
                    }
                }
                its.add(b.build());
            }
            forks.add(its);
        }
    }
}
