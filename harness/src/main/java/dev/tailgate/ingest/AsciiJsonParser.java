package dev.tailgate.ingest;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict, fast pull parser for the JSON JMH writes, with a tight loop for the
 * {@code rawDataHistogram} pairs that make up almost all of a sample-mode file.
 *
 * <p>Why: under the C1-only compilation the short-lived commands run with, Jackson's general
 * tokenizer is the largest cost of a gate on millions of {@code [value, count]} pairs (five
 * tokens each, every number copied into a text buffer before it is converted). A loop over the
 * bytes that converts each number in place does the same in a fraction of that.
 *
 * <p>What it takes: a subset of JSON whose meaning is never in doubt — ASCII only, strings
 * without escapes or control characters (names up to {@value #MAX_NAME} bytes, values up to
 * {@value #MAX_STRING}), numbers in JSON's grammar of at most {@value #MAX_NUMBER} characters,
 * integers of at most 18 digits, nesting at most {@value #MAX_DEPTH} deep, and nothing after the
 * root value but whitespace. Everything else —
 * malformed JSON, but also valid JSON outside the subset — is {@link Declined}, and the caller
 * reads the input again with Jackson, which accepts it or names the line and column where it is
 * wrong. So the results are the ones a Jackson read gives, and so is every error message; the
 * parser itself never reports anything to a user. The subset is also strictly inside what
 * Jackson accepts, so nothing Jackson refuses is taken here.
 *
 * <p>Tokens mean what Jackson's tokens mean: the same {@link JsonToken} sequence, the same
 * {@code getText()}, the same doubles ({@link ExactDecimal}, else {@link Double#parseDouble},
 * both correctly rounded as Jackson's parser is) and token byte offsets.
 */
final class AsciiJsonParser implements JsonSource {

    /** The input is outside what this parser takes: read it with Jackson. */
    static final class Declined extends IOException {
        private static final long serialVersionUID = 1L;

        Declined(String why) {
            super(why);
        }
    }

    static final int MAX_NUMBER = 64;
    static final int MAX_DEPTH = 256;
    private static final int MAX_INT_DIGITS = 18; // below Long.MAX_VALUE whatever the digits
    /** Integers below 2^53 and powers of ten up to 10^22 are exact doubles ({@link ExactDecimal}). */
    private static final long EXACT_MANTISSA = ExactDecimal.EXACT_LIMIT;
    private static final double[] POW10 = ExactDecimal.POW10;
    private static final int INITIAL_BUFFER = 256 << 10;
    /** Jackson refuses longer names (50,000) and strings (20 M): stay well inside its limits. */
    private static final int MAX_NAME = 1_000;
    private static final int MAX_STRING = 1_000_000;
    /** The pair loop parses a pair in one go when this many bytes are buffered (or the input ends). */
    private static final int PAIR_ROOM = 256;

    private static final byte ROOT = 0;
    private static final byte ARRAY = 1;
    private static final byte OBJECT = 2;

    private final InputStream in;
    /** Input bytes; {@code buf[limit]} is always 0, a sentinel no scan goes past. */
    private byte[] buf = new byte[INITIAL_BUFFER + 1];
    private int pos;
    private int limit;
    /** Input offset of {@code buf[0]}. */
    private long base;
    private boolean eof;

    private final byte[] context = new byte[MAX_DEPTH + 1];
    private final int[] entries = new int[MAX_DEPTH + 1];
    private int depth;
    private boolean afterName;
    private boolean rootStarted;

    private JsonToken current;
    private int tokenStart;
    private int tokenEnd;
    private String name;
    private String text;
    /** Set by {@link #scanNumber}: whether the number had a fraction or an exponent. */
    private boolean scannedFloat;

    AsciiJsonParser(InputStream in) {
        this.in = in;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        int c = peek();
        tokenStart = pos;
        byte kind = context[depth];
        if (kind == OBJECT) {
            if (afterName) {
                afterName = false;
                return current = value(c);
            }
            if (c == '}') {
                return current = close(JsonToken.END_OBJECT);
            }
            c = afterSeparator(c);
            if (c != '"') {
                throw decline("expected a field name");
            }
            name = readString(MAX_NAME);
            if (peek() != ':') {
                throw decline("expected ':'");
            }
            pos++;
            afterName = true;
            entries[depth]++;
            return current = JsonToken.FIELD_NAME;
        }
        if (kind == ARRAY) {
            if (c == ']') {
                return current = close(JsonToken.END_ARRAY);
            }
            c = afterSeparator(c);
            entries[depth]++;
            return current = value(c);
        }
        if (rootStarted) {
            if (c < 0) {
                return current = null;
            }
            throw decline("content after the root value");
        }
        if (c < 0) {
            throw decline("no JSON value");
        }
        rootStarted = true;
        return current = value(c);
    }

    @Override
    public String currentName() {
        return name;
    }

    @Override
    public String getText() {
        if (current == null) {
            return null;
        }
        return switch (current) {
            case FIELD_NAME -> name;
            case VALUE_STRING -> text;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new String(buf, tokenStart, tokenEnd - tokenStart, StandardCharsets.ISO_8859_1);
            default -> current.asString();
        };
    }

    @Override
    public double getDoubleValue() throws IOException {
        if (current == JsonToken.VALUE_NUMBER_INT || current == JsonToken.VALUE_NUMBER_FLOAT) {
            return number(tokenStart, tokenEnd, current == JsonToken.VALUE_NUMBER_FLOAT);
        }
        throw decline("not a number");
    }

    @Override
    public long getLongValue() throws IOException {
        if (current != JsonToken.VALUE_NUMBER_INT) {
            throw decline("not an integer");
        }
        return integer(tokenStart, tokenEnd);
    }

    @Override
    public void skipChildren() throws IOException {
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return;
        }
        int open = 1;
        while (open > 0) {
            JsonToken t = nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                open++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                open--;
            } else if (t == null) {
                throw decline("end of input inside a value");
            }
        }
    }

    @Override
    public long tokenByteOffset() {
        return base + tokenStart;
    }

    /**
     * The pair loop. Anything but {@code [number, non-negative integer]} pairs with a finite
     * value — a string, a third element, a negative or fractional count — is declined: those
     * are bad input, and Jackson's read names them.
     */
    @Override
    public boolean pairs(HistogramBuilder into) throws IOException {
        if (current != JsonToken.START_ARRAY || context[depth] != ARRAY || entries[depth] != 0) {
            throw decline("pairs asked for outside an iteration's array");
        }
        byte[] b = buf;
        boolean first = true;
        while (true) {
            if (limit - pos < PAIR_ROOM && !eof) {
                tokenStart = pos;
                while (limit - pos < PAIR_ROOM && more(pos)) {
                    // fill until a whole pair fits or the input ends
                }
                b = buf;
            }
            int i = skipWhitespace(b, pos);
            if (b[i] == ']') {
                tokenStart = i;
                pos = i + 1;
                depth--;
                current = JsonToken.END_ARRAY;
                return true;
            }
            if (!first) {
                if (b[i] != ',') {
                    throw decline("expected ',' or ']' between pairs");
                }
                i = skipWhitespace(b, i + 1);
            }
            if (b[i] != '[') {
                throw decline("expected a [value, count] pair");
            }
            int end = simplePair(b, i + 1, into);
            if (end >= 0) {
                pos = end;
                first = false;
                continue;
            }
            int from = skipWhitespace(b, i + 1);
            int to = scanNumber(b, from);
            double value = number(from, to, scannedFloat);
            if (!Double.isFinite(value)) {
                throw decline("non-finite sample value");
            }
            i = skipWhitespace(b, to);
            if (b[i] != ',') {
                throw decline("expected ',' in a pair");
            }
            from = skipWhitespace(b, i + 1);
            to = scanNumber(b, from);
            if (scannedFloat || b[from] == '-') {
                throw decline("count is not a non-negative integer");
            }
            long count = integer(from, to);
            i = skipWhitespace(b, to);
            if (b[i] != ']') {
                throw decline("expected ']' after a pair");
            }
            into.add(value, count);
            pos = i + 1;
            first = false;
        }
    }

    /**
     * The pair JMH writes, {@code [ 11840.0, 1 ]}, read in one pass without calls: from just
     * after its {@code [}, an unsigned decimal without exponent whose digits fit the exact range
     * of {@link ExactDecimal} (so the same double, computed the same way), then a count of at
     * most 18 digits, single spaces around. Returns the index after the closing {@code ]}, or
     * -1 (having added nothing) for any other shape, which the general path then reads.
     */
    private static int simplePair(byte[] b, int i, HistogramBuilder into) {
        if (b[i] == ' ') {
            i++;
        }
        int from = i;
        long mantissa = 0;
        int d;
        while ((d = b[i] - '0') >= 0 && d <= 9) {
            mantissa = mantissa * 10 + d;
            i++;
        }
        int intDigits = i - from;
        if (intDigits == 0 || (intDigits > 1 && b[from] == '0')) {
            return -1;
        }
        int fraction = 0;
        if (b[i] == '.') {
            int fractionFrom = ++i;
            while ((d = b[i] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                i++;
            }
            fraction = i - fractionFrom;
            if (fraction == 0) {
                return -1;
            }
        }
        if (intDigits + fraction > MAX_INT_DIGITS || mantissa >= EXACT_MANTISSA
                || fraction >= POW10.length || b[i] == 'e' || b[i] == 'E') {
            return -1;
        }
        double value = fraction == 0 ? (double) mantissa : mantissa / POW10[fraction];
        if (b[i] == ' ') {
            i++;
        }
        if (b[i] != ',') {
            return -1;
        }
        i++;
        if (b[i] == ' ') {
            i++;
        }
        from = i;
        long count = 0;
        while ((d = b[i] - '0') >= 0 && d <= 9) {
            count = count * 10 + d;
            i++;
        }
        int countDigits = i - from;
        if (countDigits == 0 || countDigits > MAX_INT_DIGITS || (countDigits > 1 && b[from] == '0')) {
            return -1;
        }
        if (b[i] == ' ') {
            i++;
        }
        if (b[i] != ']') {
            return -1;
        }
        into.add(value, count);
        return i + 1;
    }

    /**
     * A duplicate field name is declined: Jackson's reader (strict duplicate detection, as the
     * project's mapper has it) then names it, where a tree would silently keep the last.
     */
    @Override
    public JsonNode readValueAsTree() throws IOException {
        return tree(current);
    }

    private JsonNode tree(JsonToken t) throws IOException {
        if (t == null) {
            throw decline("end of input inside a value");
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                JsonToken k;
                while ((k = nextToken()) == JsonToken.FIELD_NAME) {
                    String field = name;
                    if (o.replace(field, tree(nextToken())) != null) {
                        throw decline("duplicate field " + field);
                    }
                }
                if (k != JsonToken.END_OBJECT) {
                    throw decline("expected a field name or '}'");
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                JsonToken k;
                while ((k = nextToken()) != JsonToken.END_ARRAY) {
                    a.add(tree(k));
                }
                return a;
            }
            case VALUE_STRING:
                return TextNode.valueOf(text);
            case VALUE_NUMBER_INT: {
                long v = getLongValue();
                return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
            }
            case VALUE_NUMBER_FLOAT:
                return DoubleNode.valueOf(getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            default:
                throw decline("no value at " + t);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private JsonToken value(int c) throws IOException {
        switch (c) {
            case '{':
                push(OBJECT);
                return JsonToken.START_OBJECT;
            case '[':
                push(ARRAY);
                return JsonToken.START_ARRAY;
            case '"':
                text = readString(MAX_STRING);
                return JsonToken.VALUE_STRING;
            case 't':
                literal("true");
                return JsonToken.VALUE_TRUE;
            case 'f':
                literal("false");
                return JsonToken.VALUE_FALSE;
            case 'n':
                literal("null");
                return JsonToken.VALUE_NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    while (limit - pos <= MAX_NUMBER && more(tokenStart)) {
                        // the whole number in the buffer (numbers longer than MAX_NUMBER are declined)
                    }
                    tokenEnd = scanNumber(buf, pos);
                    pos = tokenEnd;
                    return scannedFloat ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_NUMBER_INT;
                }
                throw decline("unexpected character");
        }
    }

    private void push(byte kind) throws Declined {
        if (depth == MAX_DEPTH) {
            throw decline("nested too deep");
        }
        pos++;
        depth++;
        context[depth] = kind;
        entries[depth] = 0;
        afterName = false;
    }

    private JsonToken close(JsonToken end) {
        pos++;
        depth--;
        return end;
    }

    /** Past the {@code ,} that must come before every entry of a container but its first. */
    private int afterSeparator(int c) throws IOException {
        if (entries[depth] == 0) {
            return c;
        }
        if (c != ',') {
            throw decline("expected ','");
        }
        pos++;
        int next = peek();
        tokenStart = pos;
        return next;
    }

    private void literal(String word) throws IOException {
        int n = word.length();
        while (limit - pos < n && more(tokenStart)) {
            // the whole word in the buffer
        }
        for (int k = 0; k < n; k++) {
            if (buf[pos + k] != word.charAt(k)) {
                throw decline("unexpected literal");
            }
        }
        pos += n;
    }

    /** A string without escapes, from its opening quote at {@code tokenStart} (also for field names). */
    private String readString(int maxLength) throws IOException {
        int i = pos + 1;
        while (true) {
            byte c = buf[i];
            if (c == '"') {
                if (i - pos - 1 > maxLength) {
                    throw decline("string longer than " + maxLength + " bytes");
                }
                String s = new String(buf, pos + 1, i - pos - 1, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
            if (c >= 0x20 && c != '\\') {
                i++;
                continue;
            }
            if (i == limit) {
                int done = i - pos;
                if (done > maxLength + 1 || !more(pos)) {
                    throw decline("end of input inside a string");
                }
                i = pos + done;
                continue;
            }
            throw decline(c == '\\' ? "escape in a string" : "control or non-ASCII byte in a string");
        }
    }

    /** The next byte that is not whitespace, unread; -1 at the end of the input. */
    private int peek() throws IOException {
        while (true) {
            pos = skipWhitespace(buf, pos);
            if (pos < limit) {
                return buf[pos] & 0xff;
            }
            tokenStart = pos;
            if (!more(pos)) {
                return -1;
            }
        }
    }

    private static int skipWhitespace(byte[] b, int i) {
        while (true) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
    }

    /**
     * The end of the JSON number starting at {@code i}; sets {@link #scannedFloat}. Declines what
     * is not a number by JSON's grammar, and numbers longer than {@value #MAX_NUMBER}.
     */
    private int scanNumber(byte[] b, int i) throws Declined {
        int start = i;
        boolean fraction = false;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (isDigit(b[i])) {
            while (isDigit(b[i])) {
                i++;
            }
        } else {
            throw decline("not a number");
        }
        if (b[i] == '.') {
            fraction = true;
            i++;
            if (!isDigit(b[i])) {
                throw decline("no digit after the decimal point");
            }
            while (isDigit(b[i])) {
                i++;
            }
        }
        if (b[i] == 'e' || b[i] == 'E') {
            fraction = true;
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            if (!isDigit(b[i])) {
                throw decline("no digit in the exponent");
            }
            while (isDigit(b[i])) {
                i++;
            }
        }
        if (i - start > MAX_NUMBER || isDigit(b[i])) {
            // a leading zero followed by digits ("01") also ends up here: not JSON
            throw decline("number too long or malformed");
        }
        scannedFloat = fraction;
        return i;
    }

    private double number(int from, int to, boolean fraction) throws Declined {
        if (!fraction) {
            return integer(from, to);
        }
        double v = ExactDecimal.parse(buf, from, to - from);
        return Double.isNaN(v) ? Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1)) : v;
    }

    /** An integer token's value: at most 18 digits, so it cannot overflow. */
    private long integer(int from, int to) throws Declined {
        boolean negative = buf[from] == '-';
        int i = negative ? from + 1 : from;
        if (to - i > MAX_INT_DIGITS) {
            throw decline("integer with more than 18 digits");
        }
        long v = 0;
        for (; i < to; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return negative ? -v : v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Reads more input, first moving {@code buf[keepFrom, limit)} to the front (the token being
     * read); false at the end of the input.
     */
    private boolean more(int keepFrom) throws IOException {
        if (eof) {
            return false;
        }
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, limit - keepFrom);
            base += keepFrom;
            pos -= keepFrom;
            limit -= keepFrom;
            tokenStart -= keepFrom;
            tokenEnd -= keepFrom;
        }
        if (limit == buf.length - 1) {
            // one token fills the buffer: only a long string does, and strings are bounded
            buf = Arrays.copyOf(buf, (buf.length - 1) * 2 + 1);
        }
        int n = in.read(buf, limit, buf.length - 1 - limit);
        if (n < 0) {
            eof = true;
            buf[limit] = 0;
            return false;
        }
        limit += n;
        buf[limit] = 0;
        return true;
    }

    private Declined decline(String why) {
        return new Declined(why + " at byte " + (base + pos));
    }
}
