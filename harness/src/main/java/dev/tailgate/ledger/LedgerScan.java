package dev.tailgate.ledger;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads a ledger in segments and checks every line ({@link LineCheck}), segments in parallel.
 *
 * <p>Why segments: a 100,000-entry ledger is a few hundred MB and grows; reading it whole
 * needs one array as large as the file (and refused files over 2 GB), while a few MB per
 * worker are enough, and each segment is checked while it is still in the CPU cache. A
 * segment owns the lines that <em>start</em> in it; it reads on past its end for its last
 * line, so a line is never cut. Lines longer than a segment grow the worker's buffer.
 */
final class LedgerScan {

    /** Positional reads, as {@code FileChannel.read(ByteBuffer, long)}: bytes read, -1 at EOF. */
    @FunctionalInterface
    interface Source {
        int read(long position, byte[] dst, int off, int len) throws IOException;
    }

    /**
     * Large enough that a segment outweighs a task; small enough that a busy neighbour on a
     * shared machine cannot leave one worker with most of the file, and that the Latin-1 view
     * of a segment ({@link CanonicalLine}) is not a humongous object for G1 (half a region or
     * more) once regions are 4 MB, which G1 picks for heaps of 8 GB and up.
     */
    static final int SEGMENT_BYTES = 1 << 20;
    /**
     * Read past a segment's end, for the last line that starts in it (longer lines are read on
     * demand); capped by the segment size so that tiny test segments stay cheap.
     */
    private static final int READ_AHEAD_BYTES = 64 << 10;
    private static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 16;

    /** Each worker's read buffer and digest, reused across its segments. */
    private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    /**
     * @param lines          every complete line's check, in file order
     * @param tornTailOffset where the bytes after the last newline start, or -1 if none
     */
    record Result(LineCheck[] lines, long tornTailOffset) {
    }

    /** One segment's share of {@link Result}. */
    private record Segment(List<LineCheck> lines, long tornTailOffset) {
    }

    private LedgerScan() {
    }

    /**
     * Checks the {@code size} bytes of {@code source}; {@code name} is for messages.
     *
     * @throws BadInputException if one line is too long to hold in an array
     */
    static Result scan(Source source, long size, int segmentBytes, String name)
            throws IOException {
        int count = (int) Math.max(1, (size + segmentBytes - 1) / segmentBytes);
        Segment[] segments;
        try {
            segments = IntStream.range(0, count).parallel()
                    .mapToObj(k -> segment(source, size, size * k / count,
                            size * (k + 1) / count, name))
                    .toArray(Segment[]::new);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<LineCheck> lines = new ArrayList<>();
        long torn = -1;
        for (Segment s : segments) {
            lines.addAll(s.lines);
            torn = Math.max(torn, s.tornTailOffset);
        }
        return new Result(lines.toArray(LineCheck[]::new), torn);
    }

    /** Checks the lines that start in {@code [from, to)}. */
    private static Segment segment(Source source, long size, long from, long to, String name) {
        try {
            return checkLines(source, size, from, to, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Segment checkLines(Source source, long size, long from, long to,
            String name) throws IOException {
        List<LineCheck> lines = new ArrayList<>();
        // A line starts at p when p is 0 or byte p - 1 is a newline: read from there.
        long base = from == 0 ? 0 : from - 1;
        int want = (int) Math.min(to - base + Math.min(READ_AHEAD_BYTES, to - from),
                size - base);
        byte[] buf = buffer(want);
        int filled = readFully(source, base, buf, 0, want);
        MessageDigest sha256 = SHA256.get();
        CanonicalLine reader = new CanonicalLine(buf, filled, sha256);
        int start = 0;
        if (from > 0) {
            int nl = reader.newline(0);
            if (nl < 0 || nl >= to - from) {
                return new Segment(lines, -1); // one long line spans this segment
            }
            start = nl + 1;
        }
        while (base + start < to) {
            int nl = reader.newline(start);
            while (nl < 0) {
                if (base + filled >= size) {
                    return new Segment(lines, base + start);
                }
                // The line runs past the buffer: move it to the front, growing the buffer if
                // it fills more than half of it, and read on.
                int keep = filled - start;
                if (keep > buf.length / 2) {
                    if (buf.length >= MAX_LINE_BYTES) {
                        throw new BadInputException(name + ": the line starting at byte offset "
                                + (base + start) + " is longer than " + MAX_LINE_BYTES
                                + " bytes: not a ledger entry");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_LINE_BYTES, 2L * buf.length));
                }
                System.arraycopy(buf, start, buf, 0, keep);
                base += start;
                start = 0;
                filled = keep;
                int scanFrom = filled;
                filled += readFully(source, base + filled, buf, filled,
                        (int) Math.min(buf.length - filled, size - base - filled));
                reader = new CanonicalLine(buf, filled, sha256);
                nl = reader.newline(scanFrom);
            }
            lines.add(LineCheck.of(reader, buf, start, nl - start));
            start = nl + 1;
        }
        return new Segment(lines, -1);
    }

    /**
     * This worker's buffer, at least {@code bytes} long; reused across its segments. Buffers
     * grown for a long line are not kept: pool threads outlive the verify.
     */
    private static byte[] buffer(int bytes) {
        byte[] buf = BUFFERS.get();
        if (buf == null || buf.length < bytes) {
            buf = new byte[bytes];
            if (bytes <= 4 * SEGMENT_BYTES) {
                BUFFERS.set(buf);
            }
        }
        return buf;
    }

    private static int readFully(Source source, long position, byte[] dst, int off, int len)
            throws IOException {
        int done = 0;
        while (done < len) {
            int n = source.read(position + done, dst, off + done, len - done);
            if (n < 0) {
                throw new IOException("the ledger shrank while it was read under a shared lock,"
                        + " at byte " + (position + done));
            }
            done += n;
        }
        return done;
    }
}
