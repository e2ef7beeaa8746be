package dev.tailgate.ledger;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The lines of a ledger file as byte ranges. A ledger line ends with {@code '\n'}; bytes after
 * the last {@code '\n'} are a torn line: an append that did not finish (crash, full disk) or a
 * truncation. It is kept apart so that nobody parses or chains onto it by accident.
 */
final class LedgerLines {
    private final byte[] content;
    private final int[] starts;
    private final int[] ends;
    private final int count;
    private final boolean torn;

    private LedgerLines(byte[] content, int[] starts, int[] ends, int count, boolean torn) {
        this.content = content;
        this.starts = starts;
        this.ends = ends;
        this.count = count;
        this.torn = torn;
    }

    /** Chunk size for the parallel scan: large enough that a chunk outweighs a task. */
    private static final int CHUNK_BYTES = 1 << 20;

    static LedgerLines split(byte[] content) {
        return split(content, CHUNK_BYTES);
    }

    /**
     * Finds the line ends. The file is cut into chunks that each start right after a newline
     * and are scanned in parallel: a 100,000-entry ledger is a few hundred MB, and a
     * sequential scan would be the one part of verify that a second core cannot help.
     */
    static LedgerLines split(byte[] content, int chunkBytes) {
        int chunks = Math.max(1, content.length / chunkBytes);
        int[] bounds = new int[chunks + 1];
        bounds[chunks] = content.length;
        for (int k = 1; k < chunks; k++) {
            int i = Math.max((int) ((long) content.length * k / chunks), bounds[k - 1]);
            while (i < content.length && content[i] != '\n') {
                i++;
            }
            bounds[k] = Math.min(content.length, i + 1);
        }
        int[][] ends = IntStream.range(0, chunks).parallel()
                .mapToObj(k -> newlines(content, bounds[k], bounds[k + 1]))
                .toArray(int[][]::new);
        int n = Arrays.stream(ends).mapToInt(e -> e.length).sum();
        int[] allStarts = new int[n];
        int[] allEnds = new int[n];
        int at = 0;
        int start = 0;
        for (int[] chunk : ends) {
            for (int end : chunk) {
                allStarts[at] = start;
                allEnds[at++] = end;
                start = end + 1;
            }
        }
        return new LedgerLines(content, allStarts, allEnds, n, start < content.length);
    }

    /** Positions of {@code '\n'} in {@code content[from, to)}. */
    private static int[] newlines(byte[] content, int from, int to) {
        int[] found = new int[64];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (content[i] == '\n') {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
            }
        }
        return Arrays.copyOf(found, n);
    }

    byte[] content() {
        return content;
    }

    /** Complete (newline-terminated) lines. */
    int count() {
        return count;
    }

    /** Offset of complete line {@code i} (0-based). */
    int start(int i) {
        return starts[i];
    }

    /** Length of complete line {@code i} without its {@code '\n'}. */
    int length(int i) {
        return ends[i] - starts[i];
    }

    /** True when bytes follow the last newline. */
    boolean hasTornTail() {
        return torn;
    }

    /** 1-based line number of the torn tail, valid when {@link #hasTornTail()}. */
    int tornLineNumber() {
        return count + 1;
    }

    /** Byte offset where the torn tail starts (the size the file had before the append). */
    long tornTailOffset() {
        return count == 0 ? 0 : ends[count - 1] + 1L;
    }
}
