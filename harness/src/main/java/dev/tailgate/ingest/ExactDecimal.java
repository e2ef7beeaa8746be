package dev.tailgate.ingest;

/**
 * The double a JSON number token (ASCII bytes) stands for, for the tokens a JMH file is made of,
 * without the general-purpose conversion. A sample-mode file holds millions of values such as
 * {@code 11840.0} or {@code 1.114112E7}; converting each through a String costs more than
 * tokenizing it ({@link AsciiJsonParser} uses this).
 *
 * <p>Exact by construction (Clinger's fast path): when the decimal digits, read as an integer
 * m, stay below 2^53 and the power of ten p has |p| <= 22, both m and 10^|p| are exact doubles,
 * and one IEEE multiplication or division rounds correctly — the same double
 * {@link Double#parseDouble} returns. Anything else (more digits, larger exponents, text that is
 * not a plain decimal) returns NaN and the caller parses the text in full.
 */
final class ExactDecimal {
    static final long EXACT_LIMIT = 1L << 53;
    private static final int MAX_DIGITS = 18; // 10^18 < Long.MAX_VALUE: no overflow while reading
    /** 10^0 .. 10^22, all exact doubles. */
    static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10; // exact up to 10^22
        }
    }

    private ExactDecimal() {
    }

    /** The value of {@code text[offset, offset + length)}, or NaN when outside the fast path. */
    static double parse(byte[] text, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        for (; i < end && isDigit(text[i]); i++) {
            mantissa = mantissa * 10 + (text[i] - '0');
            digits++;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && text[i] == '.') {
            int fractionStart = ++i;
            for (; i < end && isDigit(text[i]); i++) {
                mantissa = mantissa * 10 + (text[i] - '0');
                digits++;
            }
            scale = fractionStart - i;
            if (scale == 0) {
                return Double.NaN;
            }
        }
        if (digits > MAX_DIGITS || mantissa >= EXACT_LIMIT) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negativeExponent = i < end && text[i] == '-';
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                i++;
            }
            int expDigits = 0;
            for (; i < end && isDigit(text[i]) && expDigits < 4; i++, expDigits++) {
                exponent = exponent * 10 + (text[i] - '0');
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        int power = exponent + scale;
        double value = mantissa;
        if (power > 0) {
            if (power >= POW10.length) {
                return Double.NaN;
            }
            value *= POW10[power];
        } else if (power < 0) {
            if (-power >= POW10.length) {
                return Double.NaN;
            }
            value /= POW10[-power];
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
