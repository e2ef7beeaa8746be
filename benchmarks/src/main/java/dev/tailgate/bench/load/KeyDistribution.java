package dev.tailgate.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which key of a key space of {@code n} keys each command touches: {@code uniform},
 * {@code zipf:S} (key i, counted from 0, drawn with probability proportional to
 * 1/(i+1)^S: key 0 is the hottest) or {@code sequential} (0, 1, ..., n-1, 0, ...).
 *
 * <p>Zipf draws invert a cumulative table built once per thread at setup (n doubles), with a
 * binary search per draw: exact for every S &gt; 0, no allocation per draw, and the same keys
 * for the same seed. The table is why the key space is bounded ({@link LoadShape#MAX_KEYSPACE}).
 *
 * @param kind     the distribution
 * @param exponent Zipf's S; 0 for the others
 */
public record KeyDistribution(Kind kind, double exponent) {
    public static final String PARAM = "keys";

    public enum Kind { UNIFORM, ZIPF, SEQUENTIAL }

    public KeyDistribution {
        if (kind == Kind.ZIPF ? !(exponent > 0 && exponent <= 10) : exponent != 0) {
            throw new IllegalArgumentException(PARAM + ": Zipf exponent must be in (0, 10], got " + exponent);
        }
    }

    /** Parses {@code uniform}, {@code sequential} or {@code zipf:S}. */
    public static KeyDistribution parse(String value) {
        String expected = PARAM + ": expected uniform, sequential or zipf:S with S a number in (0, 10], got \""
                + value + "\"";
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("uniform")) {
            return new KeyDistribution(Kind.UNIFORM, 0);
        }
        if (v.equals("sequential")) {
            return new KeyDistribution(Kind.SEQUENTIAL, 0);
        }
        if (v.startsWith("zipf:")) {
            try {
                double s = Double.parseDouble(v.substring("zipf:".length()));
                if (s > 0 && s <= 10) {
                    return new KeyDistribution(Kind.ZIPF, s);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected);
            }
        }
        throw new IllegalArgumentException(expected);
    }

    /** A seeded chooser over keys 0..n-1 (one per thread). */
    public Chooser chooser(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException(LoadShape.KEYSPACE + ": expected at least 1 key, got " + n);
        }
        return new Chooser(kind, n, kind == Kind.ZIPF ? zipfCdf(n, exponent) : null, new SplittableRandom(seed));
    }

    /** cdf[i] = P(key &lt;= i); the last entry is exactly 1 so every draw lands. */
    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(i + 1, -s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        cdf[n - 1] = 1.0;
        return cdf;
    }

    /** Draws key indices; not thread-safe, no allocation per draw. */
    public static final class Chooser {
        private final Kind kind;
        private final int n;
        private final double[] cdf;
        private final SplittableRandom random;
        private int next;

        Chooser(Kind kind, int n, double[] cdf, SplittableRandom random) {
            this.kind = kind;
            this.n = n;
            this.cdf = cdf;
            this.random = random;
        }

        public int next() {
            return switch (kind) {
                case UNIFORM -> random.nextInt(n);
                case SEQUENTIAL -> {
                    int k = next;
                    next = k + 1 == n ? 0 : k + 1;
                    yield k;
                }
                case ZIPF -> {
                    int i = Arrays.binarySearch(cdf, random.nextDouble());
                    yield i >= 0 ? i : -i - 1;
                }
            };
        }
    }
}
