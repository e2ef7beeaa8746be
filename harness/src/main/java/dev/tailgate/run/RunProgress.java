package dev.tailgate.run;

/**
 * What a run tells the person watching it while JMH works: which trial (one benchmark with one
 * set of parameters, all its forks) is running, how far the whole run is, one line per finished
 * trial, and the error lines of a failing benchmark. How it is shown (a live line on a terminal,
 * plain lines in a log) is the CLI's business; the engines only report.
 */
public interface RunProgress {

    /** A trial starts. {@code index} counts from 1 up to {@code total} within one JMH invocation. */
    void trialStarted(int index, int total, String label);

    /**
     * Planned iteration time done so far and in all, in milliseconds, over the whole run (every
     * JMH invocation of it), and what is running now ("fork 1/1, measurement 3/5").
     */
    void advanced(long doneMillis, long totalMillis, String detail);

    /** A trial finished; {@code line} is its one-line summary. */
    void trialFinished(String line);

    /** A line of its own, between trials (an A/B's "round 2/5: B"). */
    void note(String line);

    /** A line of JMH's error output for a failing benchmark: shown even without --verbose. */
    void jmhError(String line);

    /** Reports nothing. */
    RunProgress NONE = new RunProgress() {
        @Override
        public void trialStarted(int index, int total, String label) {
        }

        @Override
        public void advanced(long doneMillis, long totalMillis, String detail) {
        }

        @Override
        public void trialFinished(String line) {
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void jmhError(String line) {
        }
    };
}
