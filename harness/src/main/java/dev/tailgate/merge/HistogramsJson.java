package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.tailgate.model.IterationHistogram;
import java.io.IOException;
import java.util.List;

/**
 * A merged result's {@code rawDataHistogram} ({@code [[[[value, count], ...] per iteration] per
 * fork]}, JMH's layout) that writes itself from the primitive histograms. Most of a nightly's
 * merged bytes are these pairs; a JSON node per pair, built only to be written once, cost as
 * much as the writing. The numbers are written as the tree's nodes would write them (a double
 * value, a long count), so the file is the same byte for byte.
 */
record HistogramsJson(List<List<IterationHistogram>> forks) implements JsonSerializable {
    HistogramsJson {
        forks = forks.stream().map(List::copyOf).toList();
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartArray();
        for (List<IterationHistogram> its : forks) {
            g.writeStartArray();
            for (IterationHistogram h : its) {
                g.writeStartArray();
                for (int i = 0; i < h.size(); i++) {
                    g.writeStartArray();
                    g.writeNumber(h.value(i));
                    g.writeNumber(h.count(i));
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type) throws IOException {
        serialize(g, provider);
    }
}
