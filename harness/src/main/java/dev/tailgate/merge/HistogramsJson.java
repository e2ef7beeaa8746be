package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.tailgate.model.IterationHistogram;
import java.io.IOException;
import java.util.List;

/**
 * A merged result's {@code rawDataHistogram} ({@code [[[[value, count], ...] per iteration] per
 * fork]}, JMH's layout) that writes itself from the primitive histograms. Most of a nightly's
 * merged bytes are these pairs; a JSON node per pair, built only to be written once, cost as
 * much as the writing. The numbers are written as the tree's nodes would write them (a double
 * value as {@link Double#toString}, a long count), so the file is the same byte for byte; an
 * iteration's pairs go out as one raw run of text, as the compact printer would space them,
 * without the generator's per-token bookkeeping (four calls a pair, most of the write).
 */
record HistogramsJson(List<List<IterationHistogram>> forks) implements JsonSerializable {
    HistogramsJson {
        forks = forks.stream().map(List::copyOf).toList();
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        if (!compactText(g)) {
            serializeTokens(g);
            return;
        }
        StringBuilder text = new StringBuilder(1 << 16);
        g.writeStartArray();
        for (List<IterationHistogram> its : forks) {
            g.writeStartArray();
            for (IterationHistogram h : its) {
                g.writeStartArray();
                text.setLength(0);
                for (int i = 0; i < h.size(); i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    text.append('[');
                    appendDouble(text, h.value(i));
                    text.append(',').append(h.count(i)).append(']');
                }
                g.writeRaw(text.toString());
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** Raw text is written only where it reads as the tokens would: compact text, not a token buffer or an indented file. */
    private static boolean compactText(JsonGenerator g) {
        PrettyPrinter pp = g.getPrettyPrinter();
        return !(g instanceof TokenBuffer) && (pp == null || pp.getClass() == MinimalPrettyPrinter.class);
    }

    void serializeTokens(JsonGenerator g) throws IOException {
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

    /**
     * {@link Double#toString}'s text, which is what the generator writes for a double: a whole
     * number below 10^7 (JMH's sample values in ns, almost every pair) is its digits and
     * {@code .0}, written without the general conversion; anything else goes through it.
     */
    static void appendDouble(StringBuilder text, double v) {
        if (v >= 0 && v < 1e7 && v == Math.rint(v) && !(v == 0 && 1 / v < 0)) {
            text.append((long) v).append(".0");
        } else {
            text.append(Double.toString(v));
        }
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type) throws IOException {
        serialize(g, provider);
    }
}
