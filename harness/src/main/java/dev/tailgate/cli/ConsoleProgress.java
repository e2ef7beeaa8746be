package dev.tailgate.cli;

import dev.tailgate.dataset.DatasetProgress;
import dev.tailgate.run.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr. On a terminal: a live line (progressbar's renderer, redrawn in place) with
 * what runs now and the ETA, and finished trials as plain lines above it. Elsewhere (a log, a
 * pipe, CI): the plain lines only, so that a redirected run stays a short file.
 *
 * <p>The bar's own refresh thread and the plain lines write to the same stream; both go through
 * {@link #write}, which holds the writer's lock, so a line never lands in the middle of a redraw.
 */
final class ConsoleProgress implements RunProgress, DatasetProgress, AutoCloseable {
    /** Width of the live line when the terminal does not say ($COLUMNS). */
    private static final int DEFAULT_WIDTH = 100;
    private final PrintWriter err;
    private final boolean live;
    private final String task;
    private final String unit;
    private ProgressBar bar;
    private boolean drawn;

    private ConsoleProgress(PrintWriter err, boolean live, String task, String unit) {
        this.err = err;
        this.live = live;
        this.task = task;
        this.unit = unit;
    }

    /** Progress of a run or an A/B: planned iteration time as the unit, so the ETA is in time. */
    static ConsoleProgress forRun(PrintWriter err, boolean live) {
        return new ConsoleProgress(err, live, "run", "s");
    }

    /** Progress of the dataset generator, in events. */
    static ConsoleProgress forDataset(PrintWriter err, boolean live) {
        return new ConsoleProgress(err, live, "dataset", " events");
    }

    /**
     * Whether stderr is an interactive terminal. The launcher knows it for sure ({@code [ -t 2 ]}
     * into {@code TAILGATE_STDERR_TTY}); without it, Java 17 can only tell whether the process
     * has a console at all.
     */
    static boolean stderrIsTerminal() {
        String tty = System.getenv("TAILGATE_STDERR_TTY");
        if (tty != null) {
            return Boolean.parseBoolean(tty);
        }
        return System.console() != null;
    }

    @Override
    public void trialStarted(int index, int total, String label) {
        // the live line names the trial; plain output waits for the trial's result line
    }

    @Override
    public void advanced(long doneMillis, long totalMillis, String detail) {
        if (!live) {
            return;
        }
        ProgressBar b = bar(totalMillis, 1000);
        b.maxHint(totalMillis);
        b.setExtraMessage(detail);
        b.stepTo(doneMillis);
        // drawn now, not on the refresh thread's next tick: a trial line that follows must find it
        b.refresh();
    }

    @Override
    public void trialFinished(String line) {
        println(line);
    }

    @Override
    public void note(String line) {
        println("== " + line);
    }

    @Override
    public void jmhError(String line) {
        println("jmh: " + line);
    }

    @Override
    public void update(long done, long total) {
        if (!live) {
            return;
        }
        ProgressBar b = bar(total, 1);
        b.maxHint(total);
        b.stepTo(done);
        b.refresh();
    }

    /** A plain line: on a terminal, the live line is wiped first and redrawn by the next update. */
    void println(String line) {
        write(live && drawn ? "\r" + " ".repeat(width()) + "\r" + line + "\n" : line + "\n");
    }

    private ProgressBar bar(long max, long unitSize) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, max))
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(unit, unitSize)
                    .setConsumer(new DelegatingProgressBarConsumer(this::redraw, width()))
                    .setEtaFunction(ConsoleProgress::eta).build();
        }
        return bar;
    }

    /** Linear ETA on planned time: fork start-up and teardown are spread over what is left. */
    private static Optional<Duration> eta(me.tongfei.progressbar.ProgressState s) {
        long done = s.getCurrent() - s.getStart();
        if (done <= 0 || s.getMax() <= 0) {
            return Optional.empty();
        }
        double perUnit = (double) s.getElapsedAfterStart().toMillis() / done;
        return Optional.of(Duration.ofMillis((long) (perUnit * Math.max(0, s.getMax() - s.getCurrent()))));
    }

    private void redraw(String rendered) {
        drawn = true;
        write("\r" + rendered);
    }

    private void write(String s) {
        synchronized (err) {
            err.print(s);
            err.flush();
        }
    }

    private static int width() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return Math.max(40, c - 1);
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Stops the live line and leaves the cursor on a fresh line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (drawn) {
            write("\r" + " ".repeat(width()) + "\r");
            drawn = false;
        }
    }
}
