package dev.tailgate.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Locale-independent number text for reasons and reports: a German default locale must not
 * turn {@code 17.5 us} into {@code 17,5 us} in a file a CI job parses.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Four significant digits, plain notation: {@code 17.52}, {@code 1234}, {@code 0.0001235}. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return round(v, 4).toPlainString();
    }

    /** {@code v} rounded to {@code digits} significant digits, trailing zeros dropped. */
    public static BigDecimal round(double v, int digits) {
        // valueOf: the shortest decimal that reads back as v, so rounding sees the digits a person
        // would (0.12355 rounds to 0.1236), not the binary expansion (0.123549999...).
        BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** Integer with no grouping separators. */
    public static String count(long n) {
        return Long.toString(n);
    }
}
