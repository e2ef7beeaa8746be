package dev.tailgate.bench.openloop;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One HdrHistogram interval log per benchmark and fork:
 * {@code <dir>/<BenchmarkSimpleName>-<k>=<v>-...-fork<N>.hlog}. Each interval is written once
 * per stream, tagged {@code response}, {@code service}, {@code slip} (nanoseconds) and
 * {@code hiccup} (nanoseconds, from the {@link HiccupMeter} beside it); HdrHistogram's own
 * {@code HistogramLogReader}/{@code HistogramLogProcessor -tag response} read it. JMH does not tell a fork its number,
 * and forks of one benchmark run one after another, so N is the first number whose file does
 * not exist yet (claimed atomically with {@code createFile}).
 */
public final class HlogOutput implements AutoCloseable {
    public static final String RESPONSE = "response";
    public static final String SERVICE = "service";
    public static final String SLIP = "slip";
    public static final String HICCUP = "hiccup";

    private final Path file;
    private final PrintStream stream;
    private final HistogramLogWriter writer;

    private HlogOutput(Path file, PrintStream stream, String comment) {
        this.file = file;
        this.stream = stream;
        this.writer = new HistogramLogWriter(stream);
        long now = System.currentTimeMillis();
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputBaseTime(now);
        writer.outputLegend();
        stream.flush();
    }

    /** Claims the next fork file for {@code stem} in {@code dir}. */
    public static HlogOutput create(Path dir, String stem, String comment) throws IOException {
        return create(dir, stem, "", comment);
    }

    /**
     * Claims the next fork file {@code <stem>-fork<N><suffix>.hlog}; forks are counted per
     * suffix, so the hiccup log of a fork ({@code -hiccup}) never takes another log's number.
     */
    public static HlogOutput create(Path dir, String stem, String suffix, String comment) throws IOException {
        Files.createDirectories(dir);
        for (int fork = 1; ; fork++) {
            Path f = dir.resolve(stem + "-fork" + fork + suffix + ".hlog");
            try {
                Files.createFile(f);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            return new HlogOutput(f, new PrintStream(new FileOutputStream(f.toFile()), false, StandardCharsets.UTF_8),
                    comment);
        }
    }

    /** Opens (creates or truncates) exactly this file, for the sampler. */
    public static HlogOutput at(Path file, String comment) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new HlogOutput(file, new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8),
                comment);
    }

    /** Writes one interval histogram under a tag; flushed so a killed process keeps what it wrote. */
    public synchronized void write(String tag, Histogram interval) {
        interval.setTag(tag);
        writer.outputIntervalHistogram(interval);
        stream.flush();
    }

    public synchronized void write(LatencySnapshot s) {
        write(RESPONSE, s.response());
        write(SERVICE, s.service());
        write(SLIP, s.slip());
    }

    /** A comment line ({@code #...}); HdrHistogram's reader skips it. */
    public synchronized void comment(String text) {
        writer.outputComment(text);
        stream.flush();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        stream.close();
    }
}
