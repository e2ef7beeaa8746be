package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path must give bit for bit the double {@link Double#parseDouble} gives, or NaN (the
 * reader then parses the text in full). A wrong last bit would move a sample between histogram buckets
 * and make a gate disagree with a slower reader.
 */
class ExactDecimalTest {
    private static double parse(String s) {
        byte[] padded = ("xx" + s + "yy").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ExactDecimal.parse(padded, 2, s.length());
    }

    private static void assertExact(String s) {
        double v = parse(s);
        assertTrue(!Double.isNaN(v), s + " should take the fast path");
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s);
    }

    @Test
    void jmhShapedValuesAreExact() {
        for (String s : new String[] {"11840.0", "0.0", "-0.0", "1.114112E7", "8.0871424E7", "4.079812608000011E7",
            "21534.86857142857", "17.52", "0.001", "3.0E-4", "1e22", "9007199254740991",
            "2.5e+3", "1E0", "-7.25", "12345678901234.5e-3"}) {
            assertExact(s);
        }
    }

    @Test
    void outsideTheFastPathIsNaN() {
        for (String s : new String[] {"23408.948571428573", "9007199254740993", "1e23", "1.5e-23", "1234567890123456789",
            "", "-", ".5", "5.", "1e", "1e+", "1.0x", "NaN", "Infinity", "1.0.0", "0x10", "1e99999"}) {
            assertTrue(Double.isNaN(parse(s)), s);
        }
    }

    @Test
    void randomDecimalsAgreeWithParseDoubleOrDeclineOverManySeeds() {
        int exact = 0;
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int k = 0; k < 500; k++) {
                String s = randomDecimal(rnd);
                double v = parse(s);
                if (!Double.isNaN(v)) {
                    exact++;
                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v),
                            "seed " + seed + ": " + s);
                }
            }
        }
        assertTrue(exact > 50_000, "most generated values should take the fast path: " + exact);
    }

    /** Integer part, optional fraction, optional exponent, in the ranges JSON allows. */
    private static String randomDecimal(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        if (rnd.nextInt(4) == 0) {
            s.append('-');
        }
        int intDigits = 1 + rnd.nextInt(12);
        s.append(intDigits == 1 ? rnd.nextInt(10) : 1 + rnd.nextInt(9));
        for (int i = 1; i < intDigits; i++) {
            s.append(rnd.nextInt(10));
        }
        if (rnd.nextBoolean()) {
            s.append('.');
            int fraction = 1 + rnd.nextInt(9);
            for (int i = 0; i < fraction; i++) {
                s.append(rnd.nextInt(10));
            }
        }
        if (rnd.nextInt(3) == 0) {
            s.append(rnd.nextBoolean() ? 'E' : 'e').append(rnd.nextBoolean() ? "-" : rnd.nextBoolean() ? "+" : "")
                    .append(rnd.nextInt(30));
        }
        return s.toString();
    }
}
