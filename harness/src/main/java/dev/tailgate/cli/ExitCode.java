package dev.tailgate.cli;

/**
 * Exit codes shared by every command that decides. Documented in the README; never change a
 * number once released, a nightly job's shell script depends on it.
 */
public final class ExitCode {
    /** Passed (warnings allowed), or the command did its job. */
    public static final int OK = 0;
    /** The gate failed (a FAIL, a REGRESSION, or INCONCLUSIVE under a strict policy). */
    public static final int GATE_FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** An input (file, target, password, metric) is wrong or missing. */
    public static final int BAD_INPUT = 3;
    /** A bug or an unexpected environment failure inside tailgate. */
    public static final int INTERNAL = 4;
    /** Interrupted by SIGINT (128 + 2), the shell convention. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
