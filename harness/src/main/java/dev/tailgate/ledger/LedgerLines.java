package dev.tailgate.ledger;

import java.util.Arrays;

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

    static LedgerLines split(byte[] content) {
        int[] starts = new int[64];
        int[] ends = new int[64];
        int n = 0;
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                starts[n] = start;
                ends[n] = i;
                n++;
                start = i + 1;
            }
        }
        return new LedgerLines(content, starts, ends, n, start < content.length);
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
