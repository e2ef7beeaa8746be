package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.ingest.HistogramBuilder;
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
     * tree except {@code primaryMetric.rawDataHistogram}, which is streamed into histograms.
     */
    static ShardResult read(JsonParser p, HistogramBuilder b) throws IOException {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        List<List<IterationHistogram>> forks = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!"primaryMetric".equals(field) || p.currentToken() != JsonToken.START_OBJECT) {
                result.set(field, p.readValueAsTree());
                continue;
            }
            ObjectNode pm = result.putObject(field);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("rawDataHistogram".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                    readHistograms(p, b, forks);
                } else {
                    pm.set(name, p.readValueAsTree());
                }
            }
        }
        return new ShardResult(result, forks);
    }

    /** [[[[v, c], ...] per iteration] per fork], the parser on its outer START_ARRAY. */
    private static void readHistograms(JsonParser p, HistogramBuilder b, List<List<IterationHistogram>> forks)
            throws IOException {
        while (p.nextToken() == JsonToken.START_ARRAY) {
            List<IterationHistogram> its = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                b.reset();
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    double v = p.getDoubleValue();
                    p.nextToken();
                    long c = p.getLongValue();
                    p.nextToken(); // END_ARRAY of the pair
                    b.add(v, c);
                }
                its.add(b.build());
            }
            forks.add(its);
        }
    }
}
