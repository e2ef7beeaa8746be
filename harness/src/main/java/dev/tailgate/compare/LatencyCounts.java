package dev.tailgate.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Latency observations of one iteration as sparse counts: strictly increasing bucket values in
 * nanoseconds, each with a positive count. This is what JMH's {@code rawDataHistogram} holds and
 * what an HdrHistogram reduces to; keeping it sparse and immutable lets ingest build it straight
 * from JMH JSON, and spares the engine from walking every (mostly empty) bucket of a Histogram.
 *
 * <p>Merging is adding counts of equal values; a percentile is the value of the first bucket
 * whose cumulative count reaches the rank HdrHistogram uses, so counts taken from a Histogram
 * with {@link #of(Histogram)} give exactly {@link Histogram#getValueAtPercentile} on merge.
 */
public final class LatencyCounts {
    private final long[] valuesNs;
    private final long[] counts;
    private final long total;

    /** Copies the arrays and checks them: values >= 0 and strictly increasing, counts > 0. */
    public LatencyCounts(long[] valuesNs, long[] counts) {
        this(Objects.requireNonNull(valuesNs, "valuesNs").clone(), Objects.requireNonNull(counts, "counts").clone(),
                checkedTotal(valuesNs, counts));
    }

    /**
     * Like the constructor, checked the same way, but takes fresh arrays over instead of copying
     * them, for code of this package that builds them and never touches them again: 2,000
     * sample-mode results are ~10^7 pairs, and each copy was another 200 MB to allocate.
     */
    static LatencyCounts adopt(long[] valuesNs, long[] counts) {
        return new LatencyCounts(valuesNs, counts, checkedTotal(valuesNs, counts));
    }

    /** Trusted: arrays checked, owned by this instance. */
    private LatencyCounts(long[] valuesNs, long[] counts, long total) {
        this.valuesNs = valuesNs;
        this.counts = counts;
        this.total = total;
    }

    /** The sum of the counts, after checking both arrays. */
    private static long checkedTotal(long[] valuesNs, long[] counts) {
        if (valuesNs.length != counts.length) {
            throw new IllegalArgumentException(valuesNs.length + " values but " + counts.length + " counts");
        }
        long total = 0;
        for (int i = 0; i < valuesNs.length; i++) {
            if (valuesNs[i] < 0 || (i > 0 && valuesNs[i] <= valuesNs[i - 1])) {
                throw new IllegalArgumentException("values must be >= 0 and strictly increasing; at " + i + ": " + valuesNs[i]);
            }
            if (counts[i] <= 0) {
                throw new IllegalArgumentException("count at value " + valuesNs[i] + " must be > 0, was " + counts[i]);
            }
            total += counts[i];
        }
        return total;
    }

    /**
     * The non-empty buckets of {@code h}, each at its highest equivalent value (the value
     * HdrHistogram reports for percentiles). Steps bucket by bucket with the public value-mapping
     * methods: Histogram's own iterators do per-index bookkeeping that costs about ten times more.
     */
    public static LatencyCounts of(Histogram h) {
        long total = h.getTotalCount();
        long[] v = new long[64];
        long[] c = new long[64];
        int n = 0;
        long seen = 0;
        long max = h.getMaxValue();
        for (long value = h.lowestEquivalentValue(h.getMinValue()); total > 0 && value <= max && seen < total;
                value = h.nextNonEquivalentValue(value)) {
            long count = h.getCountAtValue(value);
            if (count == 0) {
                continue;
            }
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
                c = Arrays.copyOf(c, n * 2);
            }
            v[n] = h.highestEquivalentValue(value);
            c[n] = count;
            n++;
            seen += count;
        }
        if (seen != total) {
            throw new IllegalStateException("histogram walk found " + seen + " samples, the histogram holds " + total);
        }
        return adopt(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    public long[] valuesNs() {
        return valuesNs.clone();
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return total;
    }

    /**
     * The values at {@code ranks} (ascending, 1-based) of all {@code parts} merged, without
     * merging them: a k-way walk in value order over a heap of the parts' next values, adding
     * counts until each rank is reached. Equal values of different parts are walked one after
     * the other, so a rank lands on the same value as in the merged counts. Every rank must be
     * at most the parts' total. The report draws 14 percentiles per arm; merging 9 to 25
     * iterations of thousands of distinct values for that allocated and copied every level.
     */
    static long[] valuesAtRanks(List<LatencyCounts> parts, long[] ranks) {
        int k = parts.size();
        // The heap holds each part's next value next to the part's index, so a comparison reads
        // one array, not three (this runs in the C1-only CLI, which does not hoist loads).
        long[] heapValue = new long[k];
        int[] heapPart = new int[k];
        int[] pos = new int[k];
        int size = 0;
        for (int h = 0; h < k; h++) {
            if (parts.get(h).valuesNs.length > 0) {
                heapValue[size] = parts.get(h).valuesNs[0];
                heapPart[size++] = h;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heapValue, heapPart, size, i);
        }
        long[] out = new long[ranks.length];
        int next = 0;
        long seen = 0;
        while (size > 0 && next < ranks.length) {
            int h = heapPart[0];
            long v = heapValue[0];
            LatencyCounts part = parts.get(h);
            int at = pos[h];
            seen += part.counts[at];
            while (next < ranks.length && seen >= ranks[next]) {
                out[next++] = v;
            }
            pos[h] = ++at;
            if (at == part.valuesNs.length) {
                size--;
                heapValue[0] = heapValue[size];
                heapPart[0] = heapPart[size];
            } else {
                heapValue[0] = part.valuesNs[at];
            }
            siftDown(heapValue, heapPart, size, 0);
        }
        if (next < ranks.length) {
            throw new IllegalArgumentException("rank " + ranks[next] + " beyond the " + seen + " samples");
        }
        return out;
    }

    private static void siftDown(long[] value, int[] part, int size, int i) {
        if (size == 0) {
            return;
        }
        long v = value[i];
        int p = part[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && value[child + 1] < value[child]) {
                child++;
            }
            if (value[child] >= v) {
                break;
            }
            value[i] = value[child];
            part[i] = part[child];
            i = child;
        }
        value[i] = v;
        part[i] = p;
    }

    int size() {
        return valuesNs.length;
    }

    long valueAt(int i) {
        return valuesNs[i];
    }

    long countAt(int i) {
        return counts[i];
    }

    /** Index of the first value >= {@code value} ({@link #size()} if none). */
    int indexFrom(long value) {
        int i = Arrays.binarySearch(valuesNs, value);
        return i >= 0 ? i : -i - 1;
    }

    /** Index of the first value > {@code value} ({@link #size()} if none). */
    int indexAfter(long value) {
        int i = Arrays.binarySearch(valuesNs, value);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyCounts other && Arrays.equals(valuesNs, other.valuesNs) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(valuesNs) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyCounts[" + valuesNs.length + " buckets, " + total() + " samples]";
    }
}
