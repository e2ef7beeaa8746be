package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Numbers#fixed} and {@link Numbers#general} replace {@code String.format} in reports
 * whose bytes must not change, so they are checked against the Formatter itself: random
 * values of every magnitude, short decimals, exact decimal ties at every place and the
 * doubles one ulp either side of them (where the binary value and the decimal form round
 * apart), and the special values.
 */
class NumbersFormatterTest {
    private static final String[] FIXED = {"%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f"};
    private static final String[] GENERAL = {null, "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g"};

    private static void fixed(double v, int d) {
        String expected = String.format(Locale.ROOT, FIXED[d], v);
        assertEquals(expected, Numbers.fixed(v, d), () -> FIXED[d] + " of " + Double.toString(v));
    }

    private static void general(double v, int p) {
        String expected = String.format(Locale.ROOT, GENERAL[p], v);
        assertEquals(expected, Numbers.general(v, p), () -> GENERAL[p] + " of " + Double.toString(v));
    }

    /** Each value under one fixed and one general pattern, cycling, to keep the Formatter's cost in bounds. */
    private static void both(double v, int i) {
        fixed(v, i % 7);
        general(v, 1 + i % 6);
    }

    @Test
    void agreeWithTheFormatterOnRandomValuesOfEveryMagnitudeAndSign() {
        SplittableRandom r = new SplittableRandom(20_261_126L);
        for (int i = 0; i < 400_000; i++) {
            both(Math.pow(10, r.nextDouble(-12, 15)) * (r.nextBoolean() ? 1 : -1), i);
        }
    }

    @Test
    void agreeOnShortDecimalsTiesAndTheirNeighbours() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // n.5 at a random decimal place, as parsed: the shortest form is the exact tie
            long digits = r.nextLong(0, 10_000_000L) * 10 + 5;
            int exp = r.nextInt(-14, 12);
            double tie = Double.parseDouble(digits + "e" + exp) * (r.nextBoolean() ? 1 : -1);
            both(tie, i);
            both(Math.nextUp(tie), i + 1);
            both(Math.nextDown(tie), i + 2);
            // short decimals such as 17.52 or 0.5, computed rather than parsed
            both(r.nextLong(1, 100_000_000L) / Math.pow(10, r.nextInt(-3, 9)), i + 3);
        }
    }

    @Test
    void agreeOnEveryPatternForEdgeValues() {
        double[] edges = {0.0, 1, 0.5, 1.5, 2.5, 0.15, 0.25, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 0.0000005,
            9.5, 99.5, 999.5, 9999.5, 99999.5, 999999.5, 9999995, 0.99995, 0.999995, 0.9999995, 1e-4, 9.9995e-5,
            0.000099995, 0.00009999995, 1e-5, 1.2345e-5, 123456.5, 1234567.5, 1e6, 1e7, 1e15, 1e17, 1e22, 1e23,
            1.7976931348623157e308, Double.MIN_VALUE, Double.MIN_NORMAL, 0.1 + 0.2, 1.005, 2.675, 1.0005, 1e-300,
            4.35, 4.45, 1.25e-7, 1e9, 999999999.5, 1e9 + 0.5, 2.82879384806159e17};
        for (double e : edges) {
            for (double v : new double[] {e, -e, Math.nextUp(e), Math.nextDown(e), -Math.nextUp(e)}) {
                for (int d = 0; d <= 6; d++) {
                    fixed(v, d);
                }
                for (int p = 1; p <= 6; p++) {
                    general(v, p);
                }
            }
        }
        for (double v : new double[] {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int d = 0; d <= 6; d++) {
                fixed(v, d);
            }
            for (int p = 1; p <= 6; p++) {
                general(v, p);
            }
        }
        // the examples the Javadoc promises, spelled out
        assertEquals("0.2", Numbers.fixed(0.15, 1));
        assertEquals("-0.0", Numbers.fixed(-0.04, 1));
        assertEquals("1.20e-05", Numbers.general(0.000012, 3));
        assertEquals("1.2e+07", Numbers.general(12_000_000, 2));
        assertEquals("1.0e+06", Numbers.general(999_999.5, 2));
    }

    @Test
    void appendersAppendAndBadPrecisionsAreRefused() {
        StringBuilder b = new StringBuilder("x=");
        assertTrue(Numbers.appendGeneral(Numbers.appendFixed(b, 1.25, 1).append(' '), 0.5, 2) == b);
        assertEquals("x=1.3 0.50", b.toString());
        assertThrows(IllegalArgumentException.class, () -> Numbers.fixed(1, 7));
        assertThrows(IllegalArgumentException.class, () -> Numbers.general(1, 0));
    }
}
