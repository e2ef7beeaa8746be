package dev.tailgate.cli;

import dev.tailgate.dataset.DatasetProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with carriage returns at most every 200 ms.
 * Only used when stderr is a terminal or {@code --progress} asks for it: redirected logs get
 * the final summary line, not thousands of redraws.
 */
final class ProgressBar implements DatasetProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintWriter err;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        if (done < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double frac = total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        double secs = (now - startNanos) / 1e9;
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %d/%d events %.0f events/s", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), frac * 100, done, total, secs > 0 ? done / secs : 0.0));
        err.flush();
    }

    /** Ends the bar's line so following output starts on a fresh line. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
