package dev.tailgate.ingest;

import dev.tailgate.model.BadInputException;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads HdrHistogram interval logs ({@code histograms/*.hlog}) and merges intervals by adding
 * counts — the only correct way to combine percentiles (docs/foundations.md). Logs written by the fixed-rate
 * benchmarks and the sampler carry tags: {@code response}, {@code service}, {@code slip}
 * (nanoseconds) and {@code hiccup}; an untagged interval is filed under {@link #UNTAGGED}.
 *
 * <p>The merged histograms auto-resize, so logs recorded with different ranges still add up.
 * A file that is missing, empty of intervals, or not a histogram log is bad input (one line).
 */
public final class HlogReader {
    public static final String UNTAGGED = "";

    /**
     * One log, every interval merged per tag.
     *
     * @param file      where it came from
     * @param byTag     tag -> merged histogram (sorted by tag)
     * @param intervals number of interval histograms read (all tags)
     */
    public record HlogFile(Path file, Map<String, Histogram> byTag, long intervals) {
        public HlogFile {
            Objects.requireNonNull(file);
            byTag = Collections.unmodifiableMap(new TreeMap<>(byTag));
        }

        public Optional<Histogram> tag(String tag) {
            return Optional.ofNullable(byTag.get(tag));
        }
    }

    private HlogReader() {
    }

    public static HlogFile read(Path file) {
        Map<String, Histogram> byTag = new TreeMap<>();
        long intervals = forEachInterval(file, h -> byTag.computeIfAbsent(tag(h), t -> newMerged(h)).add(h));
        if (intervals == 0) {
            throw new BadInputException(file + ": no interval histograms, expected at least one");
        }
        return new HlogFile(file, byTag, intervals);
    }

    /**
     * The intervals of one tag in one log, each on its own and in file order: one per
     * measurement iteration for the fixed-rate benchmarks, which the comparison resamples as
     * the iterations of that log's fork. Empty when the log has none of that tag.
     */
    public static List<Histogram> intervals(Path file, String tag) {
        List<Histogram> out = new ArrayList<>();
        forEachInterval(file, h -> {
            if (tag.equals(tag(h))) {
                out.add(h);
            }
        });
        return out;
    }

    /** Every interval of one log, all tags, in file order (the merge of distributed runs adds them up index by index). */
    public static List<Histogram> intervals(Path file) {
        List<Histogram> out = new ArrayList<>();
        forEachInterval(file, out::add);
        return out;
    }

    private static String tag(Histogram h) {
        return h.getTag() == null ? UNTAGGED : h.getTag();
    }

    /** Hands every interval of a log to {@code sink}, in file order; returns how many there were. */
    private static long forEachInterval(Path file, Consumer<Histogram> sink) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such histogram log, expected an HdrHistogram .hlog file");
        }
        long intervals = 0;
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h)) {
                    throw new BadInputException(file + ": interval " + (intervals + 1)
                            + " is a " + e.getClass().getSimpleName() + ", expected an integer Histogram (nanoseconds)");
                }
                sink.accept(h);
                intervals++;
            }
        } catch (FileNotFoundException ex) {
            throw new BadInputException(file + ": cannot open histogram log");
        } catch (BadInputException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new BadInputException(file + ": not a readable HdrHistogram log after " + intervals
                    + " interval(s) (" + ex.getClass().getSimpleName() + ")");
        }
        return intervals;
    }

    /**
     * A window of one log: per tag, the first {@code intervals} intervals starting at or after
     * {@code fromMillis} (epoch ms, as the sampler's state file gives its window start), merged
     * by adding counts. Taking a count rather than an end time keeps an interval the writer
     * appended after the state file was written out of the window. Start times come back from
     * the log's text with millisecond rounding, hence the 2 ms of slack.
     */
    public static Map<String, Histogram> windowByTag(Path file, long fromMillis, int intervals) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such histogram log, expected an HdrHistogram .hlog file");
        }
        Map<String, Histogram> merged = new TreeMap<>();
        Map<String, Integer> taken = new TreeMap<>();
        long read = 0;
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                read++;
                if (!(e instanceof Histogram h) || h.getStartTimeStamp() < fromMillis - 2) {
                    continue;
                }
                String tag = h.getTag() == null ? UNTAGGED : h.getTag();
                if (taken.merge(tag, 1, Integer::sum) <= intervals) {
                    merged.computeIfAbsent(tag, t -> newMerged(h)).add(h);
                }
            }
        } catch (FileNotFoundException ex) {
            throw new BadInputException(file + ": cannot open histogram log");
        } catch (RuntimeException ex) {
            throw new BadInputException(file + ": not a readable HdrHistogram log after " + read
                    + " interval(s) (" + ex.getClass().getSimpleName() + ")");
        }
        return Collections.unmodifiableMap(merged);
    }

    private static Histogram newMerged(Histogram like) {
        Histogram m = new Histogram(like.getLowestDiscernibleValue(), Math.max(like.getHighestTrackableValue(),
                2 * like.getLowestDiscernibleValue()), like.getNumberOfSignificantValueDigits());
        m.setAutoResize(true);
        return m;
    }

    /** Every file read, in the given order. */
    public static List<HlogFile> readAll(Collection<Path> files) {
        List<HlogFile> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f));
        }
        return out;
    }

    /** All intervals of all files merged per tag (e.g. every fork of one benchmark). */
    public static Map<String, Histogram> mergeByTag(Collection<Path> files) {
        Map<String, Histogram> merged = new TreeMap<>();
        for (HlogFile f : readAll(files)) {
            f.byTag().forEach((tag, h) -> merged.computeIfAbsent(tag, t -> newMerged(h)).add(h));
        }
        return Collections.unmodifiableMap(merged);
    }

    /** One tag over all files; empty if no file has it. */
    public static Optional<Histogram> merge(Collection<Path> files, String tag) {
        return Optional.ofNullable(mergeByTag(files).get(tag));
    }
}
