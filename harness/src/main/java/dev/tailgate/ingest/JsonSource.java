package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The pull-parser operations {@link JmhJsonReader} uses, so that one reader runs over either
 * parser: {@link AsciiJsonParser}, fast and strict, for the files JMH writes, and Jackson for
 * everything that one declines (its error messages, with line and column, are the ones users
 * see). The methods mean what Jackson's {@link JsonParser} methods of the same name mean.
 * {@code merge} reads the shards' files through it too ({@link #fast}, falling back to Jackson
 * when {@link #declined}).
 */
public interface JsonSource extends Closeable {
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

    /**
     * The value whose first token is the current one, as a tree: {@code DoubleNode} for a
     * number with a fraction or exponent, {@code IntNode} or {@code LongNode} for an integer, as
     * Jackson's {@code readValueAsTree} gives them; on return the current token is the value's last.
     */
    JsonNode readValueAsTree() throws IOException;

    /** The fast parser over {@code in}: it declines ({@link #declined}) anything outside the JSON JMH writes. */
    static JsonSource fast(InputStream in) {
        return new AsciiJsonParser(in);
    }

    /** Whether {@code e} is the fast parser declining its input: read it again with Jackson, which accepts it or says why not. */
    static boolean declined(Throwable e) {
        return e instanceof AsciiJsonParser.Declined;
    }

    /** Jackson's parser as a source ({@link #readValueAsTree} needs a parser made by an ObjectMapper's factory). */
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
            public JsonNode readValueAsTree() throws IOException {
                return p.readValueAsTree();
            }

            @Override
            public void close() throws IOException {
                p.close();
            }
        };
    }
}
