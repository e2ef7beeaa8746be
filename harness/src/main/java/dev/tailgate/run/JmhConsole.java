package dev.tailgate.run;

import dev.tailgate.bench.support.BenchId;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH's output, split the way a person wants it: JMH's whole console output goes to the run's
 * {@code jmh.log} (and to the console too with {@code --verbose}); the console gets one line per
 * finished trial, a progress report per iteration, and the error lines of a failing benchmark.
 * JMH calls an output format from its runner thread only, so no state here is shared.
 */
public final class JmhConsole implements OutputFormat {

    /** Planned iteration time of a whole run, possibly spread over several JMH invocations. */
    public static final class Work {
        private final long totalMillis;
        private long doneMillis;

        public Work(long totalMillis) {
            this.totalMillis = Math.max(1, totalMillis);
        }

        long add(long millis) {
            doneMillis = Math.min(totalMillis, doneMillis + millis);
            return doneMillis;
        }

        long total() {
            return totalMillis;
        }
    }

    /** Lines of a failure shown on the console before the rest is left to jmh.log. */
    static final int MAX_ERROR_LINES = 40;

    private final PrintStream logStream;
    private final Optional<PrintStream> consoleStream;
    private final OutputFormat log;
    private final Optional<OutputFormat> verbose;
    private final RunProgress progress;
    private final Work work;
    private final int trials;
    private final Path pinDir;
    private final CorePlan plan;
    private final StringBuilder partial = new StringBuilder();
    private int trial;
    private boolean inFailure;
    private int errorLines;

    /**
     * @param log     jmh.log
     * @param verbose the console, with --verbose: JMH's whole output goes there too
     * @param trials  trials this invocation runs (benchmarks times their parameter combinations)
     */
    public JmhConsole(PrintStream log, Optional<PrintStream> verbose, RunProgress progress, Work work, int trials,
                      Path pinDir, CorePlan plan) {
        this.logStream = log;
        this.consoleStream = verbose;
        this.log = jmhFormat(log);
        this.verbose = verbose.map(JmhConsole::jmhFormat);
        this.progress = progress;
        this.work = work;
        this.trials = trials;
        this.pinDir = pinDir;
        this.plan = plan;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        trial++;
        inFailure = false;
        errorLines = 0;
        progress.trialStarted(trial, trials, label(params));
        progress.advanced(work.add(0), work.total(), label(params) + ", starting");
        log.startBenchmark(params);
        verbose.ifPresent(v -> v.startBenchmark(params));
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
        verbose.ifPresent(v -> v.iteration(benchParams, params, iteration));
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        long done = work.add(params.getTime().convertTo(TimeUnit.MILLISECONDS));
        boolean warmup = params.getType() == IterationType.WARMUP;
        progress.advanced(done, work.total(), label(benchParams) + ", " + (warmup ? "warmup " : "measurement ")
                + iteration + "/" + params.getCount());
        log.iterationResult(benchParams, params, iteration, data);
        verbose.ifPresent(v -> v.iterationResult(benchParams, params, iteration, data));
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        verbose.ifPresent(v -> v.endBenchmark(result));
        if (result != null) {
            progress.trialFinished(line(result).render());
        }
    }

    /** The finished trial's line: samples, p50 and p99 from JMH's own statistics, pinning from the records. */
    TrialLine line(BenchmarkResult result) {
        BenchmarkParams p = result.getParams();
        Statistics s = result.getPrimaryResult().getStatistics();
        boolean perOp = p.getMode() == Mode.SampleTime;
        double toMicros = p.getTimeUnit().toNanos(1) / 1000.0;
        OptionalDouble p50 = perOp && s.getN() > 0 ? OptionalDouble.of(s.getPercentile(50) * toMicros) : OptionalDouble.empty();
        // the summary table's rule: a tail percentile only with about 100 samples beyond it
        OptionalDouble p99 = perOp && s.getN() >= SummaryRow.minSamplesFor(99)
                ? OptionalDouble.of(s.getPercentile(99) * toMicros) : OptionalDouble.empty();
        return new TrialLine(trial, trials, shortName(p), params(p), s.getN(), p50, p99, pinning(p));
    }

    /** The pinning outcome of this trial's threads (and the embedded server's). */
    private String pinning(BenchmarkParams p) {
        Map<String, String> params = params(p);
        List<Manifest.PinningRecord> mine = PinningCheck.read(pinDir).stream()
                .filter(r -> PinningCheck.SERVER_BENCHMARK.equals(r.benchmark())
                        || (p.getBenchmark().equals(r.benchmark())
                                && params.equals(r.params() == null ? Map.of() : r.params())))
                .toList();
        return PinningCheck.decide(mine, plan).outcome();
    }

    private static String label(BenchmarkParams p) {
        Map<String, String> params = params(p);
        return shortName(p) + (params.isEmpty() ? "" : " " + params.toString().replaceAll("[{}]", "").replace(", ", " "));
    }

    private static String shortName(BenchmarkParams p) {
        return new BenchId(p.getBenchmark(), Map.of()).shortName();
    }

    private static Map<String, String> params(BenchmarkParams p) {
        Map<String, String> m = new TreeMap<>();
        for (String k : p.getParamsKeys()) {
            m.put(k, p.getParam(k));
        }
        return m;
    }

    @Override
    public void startRun() {
        log.startRun();
        verbose.ifPresent(OutputFormat::startRun);
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
        verbose.ifPresent(v -> v.endRun(result));
    }

    @Override
    public void print(String s) {
        log.print(s);
        verbose.ifPresent(v -> v.print(s));
        scan(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
        verbose.ifPresent(v -> v.println(s));
        scan(s + "\n");
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
        verbose.ifPresent(v -> v.verbosePrintln(s));
    }

    @Override
    public void write(int b) {
        log.write(b);
        verbose.ifPresent(v -> v.write(b));
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
        if (verbose.isPresent()) {
            verbose.get().write(b);
        }
    }

    @Override
    public void flush() {
        log.flush();
        verbose.ifPresent(OutputFormat::flush);
    }

    @Override
    public void close() {
        log.close();
        verbose.ifPresent(OutputFormat::close);
    }

    /**
     * Finds JMH's failure blocks in its printed text ({@code <failure>}, a forked VM that died,
     * a broken binary link) and hands their lines to the console: without --verbose they would
     * otherwise be only in jmh.log. Skipped when verbose, where the console has them already.
     */
    private void scan(String text) {
        if (verbose.isPresent()) {
            return;
        }
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            if (line.startsWith("<failure") || line.startsWith("<forked VM failed") || line.startsWith("<binary link had failed")) {
                inFailure = true;
            }
            if (inFailure && !line.isBlank()) {
                errorLines++;
                if (errorLines <= MAX_ERROR_LINES) {
                    progress.jmhError(line);
                } else if (errorLines == MAX_ERROR_LINES + 1) {
                    progress.jmhError("... (the rest is in jmh.log)");
                }
            }
        }
    }

    /**
     * Where the forks' own stdout and stderr belong (a benchmark's diagnostic lines, a client
     * library's log lines): JMH's binary link writes them to this JVM's {@code System.out} and
     * {@code System.err}, past any output format, so {@link RunEngine#runJmh} points those here
     * while JMH runs. jmh.log, and the console too with --verbose.
     */
    PrintStream forkOutput() {
        if (consoleStream.isEmpty()) {
            return logStream;
        }
        PrintStream console = consoleStream.get();
        return new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                logStream.write(b);
                console.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                logStream.write(b, off, len);
                console.write(b, off, len);
            }

            @Override
            public void flush() {
                logStream.flush();
                console.flush();
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** JMH's own console format over {@code stream}, at JMH's normal verbosity. */
    public static OutputFormat jmhFormat(PrintStream stream) {
        return org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(stream,
                org.openjdk.jmh.runner.options.VerboseMode.NORMAL);
    }
}
