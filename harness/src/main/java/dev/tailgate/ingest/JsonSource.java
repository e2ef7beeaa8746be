package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;

/**
 * The pull-parser operations {@link JmhJsonReader} uses, so that one reader runs over either
 * parser: {@link AsciiJsonParser}, fast and strict, for the files JMH writes, and Jackson for
 * everything that one declines (its error messages, with line and column, are the ones users
 * see). The methods mean what Jackson's {@link JsonParser} methods of the same name mean.
 */
interface JsonSource extends Closeable {
    JsonToken nextToken() throws IOException;

    /** The field name, when the current token is {@link JsonToken#FIELD_NAME}. */
    String currentName() throws IOException;

    String getText() throws IOException;

    double getDoubleValue() throws IOException;

    long getLongValue() throws IOException;

    /** Skips the current array or object to its end; does nothing on any other token. */
    void skipChildren() throws IOException;

    /** Byte offset in the input of the current token's first byte. */
    long tokenByteOffset();

    /**
     * Reads an iteration's {@code [value, count]} pairs into {@code into} in one tight loop, the
     * current token being the iteration's {@link JsonToken#START_ARRAY}; on return the current
     * token is its {@link JsonToken#END_ARRAY}. False when this source has no such loop (the
     * reader then walks the tokens).
     */
    boolean pairs(HistogramBuilder into) throws IOException;

    /** Jackson's parser as a source. */
    static JsonSource of(JsonParser p) {
        return new JsonSource() {
            @Override
            public JsonToken nextToken() throws IOException {
                return p.nextToken();
            }

            @Override
            public String currentName() throws IOException {
                return p.currentName();
            }

            @Override
            public String getText() throws IOException {
                return p.getText();
            }

            @Override
            public double getDoubleValue() throws IOException {
                return p.getDoubleValue();
            }

            @Override
            public long getLongValue() throws IOException {
                return p.getLongValue();
            }

            @Override
            public void skipChildren() throws IOException {
                p.skipChildren();
            }

            @Override
            public long tokenByteOffset() {
                return p.currentTokenLocation().getByteOffset();
            }

            @Override
            public boolean pairs(HistogramBuilder into) {
                return false;
            }

            @Override
            public void close() throws IOException {
                p.close();
            }
        };
    }
}
