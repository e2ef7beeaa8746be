package dev.tailgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/** Runs the CLI in-process with captured streams, as Main would run it. */
record CliRun(int code, String out, String err) {

    /** With the root clock (the system's, shifted by {@link RootClock#OFFSET_PROPERTY} when set). */
    static CliRun of(String... args) {
        return at(RootClock.system(), args);
    }

    /** With a pinned clock: for every test whose outcome depends on the time. */
    static CliRun at(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out, true),
                new PrintWriter(err, true), clock);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * The arguments of the smallest real {@code run}: one fork, one 200 ms iteration, no warm-up,
     * no pinning, of the benchmarks {@code include} selects; {@code more} goes after them.
     */
    static String[] tinyRun(java.nio.file.Path results, String id, String include, String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("run", "--results", results.toString(),
                "--run-id", id, "--include", include, "--forks", "1", "--iterations", "1", "--time", "200ms",
                "--warmup-iterations", "0", "--no-pin"));
        a.addAll(java.util.List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * Asserts a refusal of bad input: exit 3, one line on stderr that says each of
     * {@code mustSay}, no PASS, no stack trace, and no run directory under {@code results}
     * ({@code null} for a command that writes none).
     */
    void assertBadInput(java.nio.file.Path results, String... mustSay) throws java.io.IOException {
        org.junit.jupiter.api.Assertions.assertEquals(ExitCode.BAD_INPUT, code, toString());
        org.junit.jupiter.api.Assertions.assertEquals(1, err.strip().lines().count(), toString());
        for (String s : mustSay) {
            org.junit.jupiter.api.Assertions.assertTrue(err.contains(s), "expected <" + s + "> in " + this);
        }
        org.junit.jupiter.api.Assertions.assertFalse(out.contains("PASS"), toString());
        org.junit.jupiter.api.Assertions.assertFalse(err.contains("\tat "), "no stack trace: " + this);
        if (results != null && java.nio.file.Files.exists(results)) {
            try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(results)) {
                org.junit.jupiter.api.Assertions.assertFalse(left.findAny().isPresent(), "no run directory: " + this);
            }
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
