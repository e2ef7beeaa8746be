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
     * {@link #format} without BigDecimal (a gate of 10,000 checks formats ~100,000 numbers, and
     * a BigDecimal per number is a visible share of a cold gate's time budget). Scales |v| so that 4 significant
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

    /**
     * Exactly {@code String.format(Locale.ROOT, "%.<decimals>f", v)} for decimals 0..6, without
     * the Formatter (a pattern parse, a locale lookup and a BigDecimal per call: reports of
     * 2,000 results format ~500,000 numbers). Formatter rounds HALF_UP on the shortest decimal
     * form {@link Double#toString} gives, so 0.15 prints 0.2 though its binary value is below
     * the tie; the fast path rounds the scaled binary value, which agrees except within a few
     * ulps of a tie: those, and scaled values of 1e9 or more, take the exact decimal path.
     * Negative values keep their sign even when they round to zero ({@code -0.0}), as Formatter does.
     */
    public static String fixed(double v, int decimals) {
        return appendFixed(new StringBuilder(24), v, decimals).toString();
    }

    /** {@link #fixed} appended to {@code b}; returns {@code b}. */
    public static StringBuilder appendFixed(StringBuilder b, double v, int decimals) {
        if (decimals < 0 || decimals > MAX_PRECISION) {
            throw new IllegalArgumentException("decimals must be 0.." + MAX_PRECISION + ", got " + decimals);
        }
        if (signOrNonFinite(b, v)) {
            return b;
        }
        double a = Math.abs(v);
        double x = a * POW10[decimals];
        if (x < FAST_LIMIT) {
            long m = roundedOrTie(x);
            if (m >= 0) {
                return appendScaled(b, m, decimals);
            }
        }
        return b.append(new BigDecimal(Double.toString(a)).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
    }

    /**
     * Exactly {@code String.format(Locale.ROOT, "%.<precision>g", v)} for precision 1..6: v
     * rounded HALF_UP to that many significant digits (on the shortest decimal form, as in
     * {@link #fixed}), trailing zeros kept; scientific ({@code 1.20e-05}, {@code 1.2e+07})
     * when the rounded magnitude is below 1e-4 or at least 10^precision, plain otherwise.
     */
    public static String general(double v, int precision) {
        return appendGeneral(new StringBuilder(24), v, precision).toString();
    }

    /** {@link #general} appended to {@code b}; returns {@code b}. */
    public static StringBuilder appendGeneral(StringBuilder b, double v, int precision) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("precision must be 1.." + MAX_PRECISION + ", got " + precision);
        }
        if (signOrNonFinite(b, v)) {
            return b;
        }
        double a = Math.abs(v);
        if (a == 0) {
            return appendScaled(b, 0, precision - 1);
        }
        long m = -1;
        int k = 0; // m / 10^k is a rounded to `precision` significant digits
        if (a >= 1e-18 && a < 1e18) {
            k = precision - 1 - (int) Math.floor(Math.log10(a));
            double x = scaled(a, k);
            double low = POW10[precision - 1];
            if (x >= low * 10) { // log10 rounded across a power of ten
                x = scaled(a, --k);
            } else if (x < low) {
                x = scaled(a, ++k);
            }
            if (x >= low && x < low * 10) {
                m = roundedOrTie(x);
            }
        }
        if (m < 0) {
            BigDecimal d = new BigDecimal(Double.toString(a)).round(new MathContext(precision, RoundingMode.HALF_UP));
            k = precision - d.precision() + d.scale();
            m = d.setScale(k, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        }
        if (m == (long) POW10[precision]) { // rounded up to the next power of ten
            m /= 10;
            k--;
        }
        int exponent = precision - 1 - k;
        if (exponent >= -4 && exponent < precision) {
            return appendScaled(b, m, k);
        }
        appendScaled(b, m, precision - 1).append(exponent < 0 ? "e-" : "e+");
        int e = Math.abs(exponent);
        return b.append(e < 10 ? "0" : "").append(e);
    }

    private static final int MAX_PRECISION = 6;
    /** Scaled values below this have an ulp under 2e-7, far inside {@link #TIE_GUARD}. */
    private static final double FAST_LIMIT = 1e9;
    /**
     * How close to a rounding tie the scaled binary value may come before the fast path steps
     * aside: the shortest decimal form and the binary value differ by at most half an ulp, the
     * scaling adds another half, so only values this close to x.5 can round differently.
     */
    private static final double TIE_GUARD = 1e-5;

    /** x rounded half up, or -1 when x is so close to a tie that the decimal form must decide. */
    private static long roundedOrTie(double x) {
        double floor = Math.floor(x);
        double frac = x - floor;
        if (Math.abs(frac - 0.5) < TIE_GUARD) {
            return -1;
        }
        return (long) floor + (frac > 0.5 ? 1 : 0);
    }

    /**
     * Appends Formatter's text of a NaN or infinite v and returns true; otherwise appends the
     * minus sign of a negative v (-0.0 too, as Formatter does) and returns false.
     */
    private static boolean signOrNonFinite(StringBuilder b, double v) {
        if (!Double.isFinite(v)) {
            b.append(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
            return true;
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            b.append('-');
        }
        return false;
    }

    /** Appends m / 10^decimals with exactly {@code decimals} digits after the point. */
    private static StringBuilder appendScaled(StringBuilder b, long m, int decimals) {
        if (decimals == 0) {
            return b.append(m);
        }
        long p = (long) POW10[decimals];
        b.append(m / p).append('.');
        long frac = m % p;
        for (long t = p / 10; t > frac && t > 1; t /= 10) {
            b.append('0');
        }
        return b.append(frac);
    }

    /** Integer with no grouping separators. */
    public static String count(long n) {
        return Long.toString(n);
    }
}
