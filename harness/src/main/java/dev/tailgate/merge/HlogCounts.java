package dev.tailgate.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The merge's fast reader of an HdrHistogram interval log: each interval's counts per bucket
 * index, decoded straight from its compressed form, without building a {@code Histogram} per
 * interval. HdrHistogram's own reader tokenises every line with a regular-expression
 * {@code Scanner} and allocates and zeroes a whole counts array for every interval (tens of
 * kilobytes for a latency histogram, most of it zeros), then {@code add} walks that whole array
 * again; a nightly merge reads tens of thousands of intervals, so those costs were most of the
 * time it spent on {@code .hlog} files (docs/distributed.md, "Performance").
 *
 * <p>It reads only what HdrHistogram's {@code HistogramLogWriter} writes: comment lines
 * ({@code #...}, with the {@code #[StartTime: ...} and {@code #[BaseTime: ...} that set the time
 * base), the legend line, and interval lines {@code [Tag=T,]start,length,max,payload} whose
 * payload is an integer histogram in the V2 compressed encoding (a ZigZag LEB128 run-length
 * form of the counts array) with no index offset and a value ratio of 1. Anything else (another
 * encoding, a DoubleHistogram, a line it does not recognise, a payload that does not decode)
 * makes {@link #read} return empty, and the caller reads that file with HdrHistogram's reader,
 * so a file this reader does not know is never read differently, only more slowly; bad input
 * then gets that reader's one-line error. Time stamps follow HdrHistogram's
 * {@code HistogramLogReader} exactly (start and base time, milliseconds truncated).
 */
final class HlogCounts implements AutoCloseable {
    /** HdrHistogram's V2 cookies, word-size bits {@code 0x10} set (what {@code Histogram} writes). */
    static final int V2_COMPRESSED_COOKIE = 0x1c849304 | 0x10;
    static final int V2_COOKIE = 0x1c849303 | 0x10;
    private static final int HEADER = 40;
    /** HistogramLogReader's rule: a first time stamp more than a year before the start time is relative to it. */
    private static final double YEAR_SECONDS = 365 * 24 * 3600.0;

    /**
     * A histogram's bucket layout, from its lowest discernible value and significant digits:
     * which value a counts index stands for. Computed as HdrHistogram computes it.
     */
    record Layout(long lowest, int digits, int unitMagnitude, int subBucketHalfCountMagnitude) {
        static Layout of(long lowest, int digits) {
            // the same floating-point expressions as AbstractHistogram.init, so the same results
            int unitMagnitude = (int) Math.floor(Math.log(lowest) / Math.log(2));
            long largestValueWithSingleUnitResolution = 2 * (long) Math.pow(10, digits);
            int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
            int half = (subBucketCountMagnitude > 1 ? subBucketCountMagnitude : 1) - 1;
            return new Layout(lowest, digits, unitMagnitude, half);
        }

        /**
         * How many counts a histogram of this layout up to {@code highest} has
         * (AbstractHistogram.determineArrayLengthNeeded): an index at or past it is not one
         * HdrHistogram would decode.
         */
        long countsLength(long highest) {
            long smallestUntrackable = (1L << (subBucketHalfCountMagnitude + 1)) << unitMagnitude;
            int buckets = 1;
            while (smallestUntrackable <= highest) {
                if (smallestUntrackable > Long.MAX_VALUE / 2) {
                    buckets++;
                    break;
                }
                smallestUntrackable <<= 1;
                buckets++;
            }
            return (long) (buckets + 1) * (1L << subBucketHalfCountMagnitude);
        }

        /** The lowest value of counts index {@code index} (AbstractHistogram.valueFromIndex). */
        long valueAt(int index) {
            int halfCount = 1 << subBucketHalfCountMagnitude;
            int bucket = (index >> subBucketHalfCountMagnitude) - 1;
            int sub = (index & (halfCount - 1)) + halfCount;
            if (bucket < 0) {
                sub -= halfCount;
                bucket = 0;
            }
            return ((long) sub) << (bucket + unitMagnitude);
        }
    }

    /**
     * One interval: its tag (null when untagged), start and end (epoch ms, as
     * HistogramLogReader sets them), bucket layout and highest trackable value, and its non-zero
     * counts as (index, count) pairs in index order.
     */
    record Interval(String tag, long startMs, long endMs, Layout layout, long highest, int[] indices, long[] counts) {
        int size() {
            return indices.length;
        }
    }

    private final Base64.Decoder base64 = Base64.getDecoder();
    private final Inflater inflater = new Inflater();
    private byte[] plain = new byte[1 << 12];
    private int[] indices = new int[1 << 10];
    private long[] counts = new long[1 << 10];
    private Layout lastLayout;

    /** Every interval of {@code file} in file order, or empty when the file is not in the form this reader knows. */
    Optional<List<Interval>> read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Interval> out = new ArrayList<>();
        double startTimeSec = 0;
        double baseTimeSec = 0;
        boolean observedStart = false;
        boolean observedBase = false;
        int pos = 0;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int lineEnd = end > pos && bytes[end - 1] == '\r' ? end - 1 : end;
            String line = new String(bytes, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            pos = end + 1;
            if (line.startsWith("#")) {
                if (line.startsWith("#[StartTime: ")) {
                    double t = leadingNumber(line, 13);
                    if (Double.isNaN(t)) {
                        return Optional.empty();
                    }
                    startTimeSec = t;
                    observedStart = true;
                } else if (line.startsWith("#[BaseTime: ")) {
                    double t = leadingNumber(line, 12);
                    if (Double.isNaN(t)) {
                        return Optional.empty();
                    }
                    baseTimeSec = t;
                    observedBase = true;
                } else if (line.startsWith("#[StartTime:") || line.startsWith("#[BaseTime:")) {
                    return Optional.empty(); // a spelling HdrHistogram's scanner may read otherwise
                }
                continue;
            }
            if (line.startsWith("\"StartTimestamp\"")) {
                continue;
            }
            if (line.isEmpty() || line.indexOf(' ') >= 0) {
                return Optional.empty();
            }
            String[] f = line.split(",", -1);
            int k = 0;
            String tag = null;
            if (f[0].startsWith("Tag=")) {
                tag = f[0].substring(4);
                k = 1;
            }
            if (f.length != k + 4) {
                return Optional.empty();
            }
            double logTimeSec = number(f[k]);
            double lengthSec = number(f[k + 1]);
            // the interval's max: HdrHistogram reads and ignores it
            if (Double.isNaN(logTimeSec) || Double.isNaN(lengthSec) || Double.isNaN(number(f[k + 2]))) {
                return Optional.empty();
            }
            if (!observedStart) {
                startTimeSec = logTimeSec;
                observedStart = true;
            }
            if (!observedBase) {
                baseTimeSec = logTimeSec < startTimeSec - YEAR_SECONDS ? startTimeSec : 0.0;
                observedBase = true;
            }
            double absoluteStartSec = logTimeSec + baseTimeSec;
            if (absoluteStartSec < 0) {
                continue; // before the epoch: HistogramLogReader's nextIntervalHistogram() skips it
            }
            Interval i = decode(f[k + 3], tag, (long) (absoluteStartSec * 1000.0),
                    (long) ((absoluteStartSec + lengthSec) * 1000.0));
            if (i == null) {
                return Optional.empty();
            }
            out.add(i);
        }
        return Optional.of(out);
    }

    /** The number that starts at {@code from}, up to the next space or comma; NaN when there is none. */
    private static double leadingNumber(String line, int from) {
        int to = from;
        while (to < line.length() && line.charAt(to) != ' ' && line.charAt(to) != ',') {
            to++;
        }
        return number(line.substring(from, to));
    }

    /**
     * A decimal number as the writer prints it ({@code %.3f}, or an exponent); NaN for anything
     * else, so a spelling that Double.parseDouble would take and HdrHistogram's scanner would not
     * ({@code 1d}, hex, surrounding blanks) sends the file to HdrHistogram's reader.
     */
    private static double number(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One compressed histogram's non-zero counts; null when it is not a V2 integer histogram this reader knows. */
    private Interval decode(String payload, String tag, long startMs, long endMs) {
        byte[] compressed;
        try {
            compressed = base64.decode(payload);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (compressed.length < 8 || getInt(compressed, 0) != V2_COMPRESSED_COOKIE) {
            return null;
        }
        int compressedLength = getInt(compressed, 4);
        if (compressedLength < 0 || compressedLength > compressed.length - 8) {
            return null;
        }
        try {
            inflater.reset();
            inflater.setInput(compressed, 8, compressedLength);
            if (inflate(0, HEADER) != HEADER) {
                return null;
            }
            int payloadLength = getInt(plain, 4);
            int normalizingIndexOffset = getInt(plain, 8);
            int digits = getInt(plain, 12);
            long lowest = getLong(plain, 16);
            long highest = getLong(plain, 24);
            double ratio = Double.longBitsToDouble(getLong(plain, 32));
            if (getInt(plain, 0) != V2_COOKIE || normalizingIndexOffset != 0 || ratio != 1.0 || payloadLength < 0
                    || digits < 0 || digits > 5 || lowest < 1 || highest < 2 * lowest) {
                return null;
            }
            if (plain.length < HEADER + payloadLength) {
                byte[] bigger = new byte[Math.max(HEADER + payloadLength, plain.length * 2)];
                System.arraycopy(plain, 0, bigger, 0, HEADER);
                plain = bigger;
            }
            if (inflate(HEADER, payloadLength) != payloadLength) {
                return null;
            }
            Layout layout = lastLayout != null && lastLayout.lowest() == lowest && lastLayout.digits() == digits
                    ? lastLayout : (lastLayout = Layout.of(lowest, digits));
            return counts(plain, HEADER, HEADER + payloadLength, tag, startMs, endMs, layout, highest,
                    layout.countsLength(highest));
        } catch (DataFormatException e) {
            return null;
        }
    }

    /** Inflates exactly {@code length} bytes into {@code plain} at {@code at}; returns how many came. */
    private int inflate(int at, int length) throws DataFormatException {
        int done = 0;
        while (done < length) {
            int n = inflater.inflate(plain, at + done, length - done);
            if (n == 0) {
                break; // finished, or needs input or a dictionary: the payload is shorter than its header says
            }
            done += n;
        }
        return done;
    }

    /**
     * The payload's counts: ZigZag LEB128 longs, a count {@code >= 0} for the next index, a
     * negative one for that many zero counts (AbstractHistogram.fillCountsArrayFromSourceBuffer).
     */
    private Interval counts(byte[] b, int from, int to, String tag, long startMs, long endMs, Layout layout,
                            long highest, long countsLength) {
        int n = 0;
        long index = 0;
        int p = from;
        while (p < to) {
            // ZigZagEncoding.getLong: 7 bits a byte, up to 8 bytes, then a ninth of 8 bits
            long v = b[p++];
            long value = v & 0x7F;
            int shift = 7;
            while ((v & 0x80) != 0 && shift < 56) {
                if (p >= to) {
                    return null;
                }
                v = b[p++];
                value |= (v & 0x7F) << shift;
                shift += 7;
            }
            if ((v & 0x80) != 0) {
                if (p >= to) {
                    return null;
                }
                v = b[p++];
                value |= v << 56;
            }
            long count = (value >>> 1) ^ (-(value & 1));
            if (count < 0) {
                index -= count;
            } else {
                if (count > 0) {
                    if (n == indices.length) {
                        indices = java.util.Arrays.copyOf(indices, n * 2);
                        counts = java.util.Arrays.copyOf(counts, n * 2);
                    }
                    indices[n] = (int) index;
                    counts[n] = count;
                    n++;
                }
                index++;
            }
            if (index > countsLength) {
                return null; // past the histogram's range: HdrHistogram's decode would refuse it
            }
        }
        return new Interval(tag, startMs, endMs, layout, highest, java.util.Arrays.copyOf(indices, n),
                java.util.Arrays.copyOf(counts, n));
    }

    /** Frees the inflater's native memory. */
    @Override
    public void close() {
        inflater.end();
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xFFFFFFFFL);
    }
}
