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

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Four significant digits, plain notation: {@code 17.52}, {@code 1234}, {@code 0.0001235}. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String fast = formatFast(v);
        return fast != null ? fast : round(v, 4).toPlainString();
    }

    /**
     * {@link #format} without BigDecimal (a gate of 10,000 checks formats ~100,000 numbers; the
     * BigDecimal path costs ~0.3 s of a cold 2 s budget). Scales |v| so that 4 significant
     * digits are the integer part and rounds; the result equals rounding v's shortest decimal
     * form unless v sits within 1e-9 of a rounding tie, where that form and the binary value
     * could round apart: those, and magnitudes outside 1e-18..1e18, return null for the exact
     * path. {@code NumbersTest} checks agreement on millions of values.
     */
    static String formatFast(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-18 || a >= 1e18) {
            return null;
        }
        int k = 3 - (int) Math.floor(Math.log10(a)); // decimal places that leave 4 significant digits
        double x = scaled(a, k);
        if (x >= 10_000) { // log10 rounded across a power of ten
            x = scaled(a, --k);
        } else if (x < 1_000) {
            x = scaled(a, ++k);
        }
        if (!(x >= 1_000 && x < 10_000)) {
            return null; // also NaN: k outside the table of powers
        }
        double floor = Math.floor(x);
        double frac = x - floor;
        if (Math.abs(frac - 0.5) < 1e-9) {
            return null; // at or next to a tie: only the exact decimal path can tell which way
        }
        long m = (long) floor + (frac > 0.5 ? 1 : 0);
        if (m == 10_000) {
            m = 1_000;
            k--;
        }
        while (k > 0 && m % 10 == 0) {
            m /= 10;
            k--;
        }
        StringBuilder b = new StringBuilder(24);
        if (v < 0) {
            b.append('-');
        }
        if (k <= 0) {
            b.append(m);
            for (int i = 0; i < -k; i++) {
                b.append('0');
            }
            return b.toString();
        }
        String digits = Long.toString(m);
        if (digits.length() > k) {
            b.append(digits, 0, digits.length() - k).append('.').append(digits, digits.length() - k, digits.length());
        } else {
            b.append("0.");
            for (int i = digits.length(); i < k; i++) {
                b.append('0');
            }
            b.append(digits);
        }
        return b.toString();
    }

    private static double scaled(double a, int k) {
        if (k >= 0) {
            return k < POW10.length ? a * POW10[k] : Double.NaN;
        }
        return -k < POW10.length ? a / POW10[-k] : Double.NaN;
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
