package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.support.HiccupTrial;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The fork's one interval log of a mix benchmark,
 * {@code ${tailgate.histograms.dir}/<SimpleClassName>-<k>=<v>-...-fork<N>.hlog} (params sorted by
 * name: the name the harness ties to the JMH result, docs/thresholds.md). Every thread appends
 * its measurement iterations: tag {@code response} for the whole mix and one tag per command
 * ({@code GET}, {@code SET}, ...). Without {@code tailgate.histograms.dir} nothing is written.
 */
@State(Scope.Benchmark)
public class ForkLog {
    private Optional<HlogOutput> log = Optional.empty();

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException {
        String dir = System.getProperty(HiccupTrial.HISTOGRAMS_DIR, "");
        if (!dir.isBlank()) {
            String stem = stem(params);
            log = Optional.of(HlogOutput.create(Path.of(dir), stem, "tailgate " + stem + " threads=" + params.getThreads()
                    + "; tags: response (the mix) and one per command, nanoseconds; closed loop"));
        }
    }

    /** A fork log writing to {@code log}, without JMH (tests). */
    static ForkLog writingTo(HlogOutput log) {
        ForkLog f = new ForkLog();
        f.log = Optional.of(log);
        return f;
    }

    static String stem(BenchmarkParams params) {
        String bench = params.getBenchmark();
        String cls = bench.substring(0, bench.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1) + new TreeSet<>(params.getParamsKeys()).stream()
                .map(k -> "-" + k + "=" + params.getParam(k)).collect(Collectors.joining());
    }

    Optional<HlogOutput> log() {
        return log;
    }

    /** A line for the log's readers (the overload statement); HdrHistogram's reader skips it. */
    void comment(String text) {
        log.ifPresent(l -> l.comment(text));
    }

    @TearDown(Level.Trial)
    public void close() {
        log.ifPresent(HlogOutput::close);
    }
}
