package dev.tailgate.ingest;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads the second half of a large JMH file on another core while {@link JmhJsonReader} reads
 * the first: tokenizing is most of a cold gate's time, and the machines it runs on have two
 * cores or more.
 *
 * <p>Where to cut: JMH's array holds only result objects, and inside a result no object is an
 * array element ({@code params}, {@code primaryMetric}, {@code scorePercentiles},
 * {@code secondaryMetrics} are all keyed), so {@code }} {@code ,} <code>{</code> with only
 * whitespace between is the seam between two results — unless it sits inside a string, which
 * a byte search cannot tell. So the seam found from the middle of the file is a candidate only.
 * It is trusted when the first reader, parsing the file from its start with Jackson, closes a
 * top-level result exactly at the candidate's <code>}</code>: then the bytes after the comma,
 * with a {@code [} in front, are exactly the remaining results. Otherwise the first reader
 * carries on through the whole file and the second half is discarded.
 *
 * <p>Errors: when the second half is bad input, the first reader also carries on as if there
 * had been no split, so every message (item index, line, column) is the one a sequential read
 * gives. The cost of a bad file is at most one extra half read.
 */
final class ResultSplit {
    /** Below this, starting a thread and the JIT work of a second parser cost more than they save. */
    static final long MIN_BYTES = 8L << 20;
    private static final int CHUNK = 64 << 10;
    private static final long SCAN_LIMIT = 8L << 20;

    private final long closeOffset;
    private final FutureTask<List<BenchmarkResult>> rest;
    private volatile boolean cancelled;

    private ResultSplit(Path path, String name, long closeOffset, long restStart) {
        this.closeOffset = closeOffset;
        this.rest = new FutureTask<>(() -> readRest(path, name, restStart));
    }

    /**
     * Starts reading the second half of {@code path} when the file is at least
     * {@code minBytes} long, there is a second core, and a seam is found after the middle;
     * null otherwise (the caller reads sequentially).
     */
    static ResultSplit start(Path path, String name, long minBytes) throws IOException {
        long size = Files.size(path);
        if (size < minBytes || Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        long[] seam = findSeam(path, size / 2, Math.min(size, size / 2 + SCAN_LIMIT));
        if (seam == null) {
            return null;
        }
        ResultSplit split = new ResultSplit(path, name, seam[0], seam[1] + 1);
        Thread t = new Thread(split.rest, "tailgate-jmh-json-second-half");
        t.setDaemon(true);
        t.start();
        return split;
    }

    /** Byte offset of the candidate seam's closing brace. */
    long closeOffset() {
        return closeOffset;
    }

    /**
     * Called by the first reader when it has closed a top-level result at {@code offset}, the
     * first such offset at or past {@link #closeOffset()}. The remaining results when the seam
     * is real and the second half read cleanly; null when the first reader must carry on.
     */
    List<BenchmarkResult> restAfter(long offset) {
        if (offset != closeOffset) {
            cancel();
            return null;
        }
        try {
            return rest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException || cause instanceof IOException) {
                return null;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("reading the second half of the file failed", cause);
        }
    }

    /** Stops the second reader at its next result; harmless after it finished. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    private List<BenchmarkResult> readRest(Path path, String name, long start) throws IOException {
        try (InputStream file = Files.newInputStream(path)) {
            file.skipNBytes(start);
            InputStream array = new SequenceInputStream(new ByteArrayInputStream(new byte[] {'['}), file);
            return JmhJsonReader.results(name, array, null, this::cancelled);
        } catch (CancellationException e) {
            return List.of();
        }
    }

    /**
     * The first <code>} , {</code> (whitespace allowed between) in {@code [from, to)}: the
     * offsets of its brace and its comma, or null.
     */
    static long[] findSeam(Path path, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(path)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long close = -1;
            long comma = -1;
            for (long pos = from; pos < to; ) {
                buf.clear().limit((int) Math.min(CHUNK, to - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    return null;
                }
                for (int i = 0; i < n; i++, pos++) {
                    byte b = buf.get(i);
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                        continue;
                    }
                    if (b == '}') {
                        close = pos;
                        comma = -1;
                    } else if (b == ',' && close >= 0 && comma < 0) {
                        comma = pos;
                    } else if (b == '{' && comma >= 0) {
                        return new long[] {close, comma};
                    } else {
                        close = -1;
                        comma = -1;
                    }
                }
            }
            return null;
        }
    }
}
