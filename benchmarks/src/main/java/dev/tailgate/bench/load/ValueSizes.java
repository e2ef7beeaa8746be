package dev.tailgate.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sizes of the values a mix writes and preloads: {@code N} (fixed), {@code uniform:A-B}
 * or {@code choice:A,B,C} (each equally likely). Payloads are built once at setup, one per
 * distinct size of {@link #table()}; a draw picks a table entry uniformly, so nothing is
 * allocated per call. A uniform range wider than {@link #MAX_TABLE} sizes is represented by
 * {@link #MAX_TABLE} sizes spread evenly over it, both ends included (a payload per byte of a
 * 16-4096 range would cost megabytes per thread for no measurable difference).
 *
 * @param table the sizes a draw picks from, each equally likely (repeats allowed in a choice)
 */
public record ValueSizes(List<Integer> table) {
    public static final String PARAM = "values";
    public static final int MAX_TABLE = 256;
    /** Largest value: well past any latency-critical payload, and bounded setup memory. */
    public static final int MAX_BYTES = 1 << 20;

    public ValueSizes {
        table = List.copyOf(table);
        if (table.isEmpty() || table.size() > MAX_TABLE) {
            throw new IllegalArgumentException(PARAM + ": expected 1 to " + MAX_TABLE + " sizes, got " + table.size());
        }
    }

    /** Parses {@code N}, {@code uniform:A-B} or {@code choice:A,B,...}; sizes are 1 to 1 MiB. */
    public static ValueSizes parse(String value) {
        String expected = PARAM + ": expected N, uniform:A-B (A <= B) or choice:A,B,... with sizes in bytes from 1 to "
                + MAX_BYTES + ", got \"" + value + "\"";
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("uniform:")) {
                String[] ab = v.substring("uniform:".length()).split("-", -1);
                if (ab.length != 2) {
                    throw new IllegalArgumentException(expected);
                }
                return uniform(size(ab[0], expected), size(ab[1], expected), expected);
            }
            if (v.startsWith("choice:")) {
                List<Integer> sizes = new ArrayList<>();
                for (String s : v.substring("choice:".length()).split(",", -1)) {
                    sizes.add(size(s, expected));
                }
                if (sizes.size() > MAX_TABLE) {
                    throw new IllegalArgumentException(expected);
                }
                return new ValueSizes(sizes);
            }
            return new ValueSizes(List.of(size(v, expected)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    private static ValueSizes uniform(int a, int b, String expected) {
        if (a > b) {
            throw new IllegalArgumentException(expected);
        }
        long span = (long) b - a;
        int n = (int) Math.min(MAX_TABLE, span + 1);
        List<Integer> sizes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sizes.add(n == 1 ? a : (int) (a + span * i / (n - 1)));
        }
        return new ValueSizes(sizes);
    }

    private static int size(String s, String expected) {
        int n = Integer.parseInt(s.strip());
        if (n < 1 || n > MAX_BYTES) {
            throw new IllegalArgumentException(expected);
        }
        return n;
    }

    /** A seeded draw of table indices (one per thread). */
    public Picker picker(long seed) {
        return new Picker(table.size(), new SplittableRandom(seed));
    }

    /** Draws indices into {@link #table()}; not thread-safe, no allocation per draw. */
    public static final class Picker {
        private final int n;
        private final SplittableRandom random;

        Picker(int n, SplittableRandom random) {
            this.n = n;
            this.random = random;
        }

        public int next() {
            return n == 1 ? 0 : random.nextInt(n);
        }
    }
}
