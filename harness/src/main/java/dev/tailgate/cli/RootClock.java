package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * The one clock of the CLI. Every command that reads the time (run ids, manifest times, waiver
 * expiry, prune ages, ledger and baseline timestamps) takes it from here, so a test can pin it
 * and nothing in tailgate depends on the day it runs.
 *
 * <p>{@value #OFFSET_PROPERTY} (an ISO-8601 duration such as {@code P365D}) moves the root
 * clock: the test suite is run once with the clock a year ahead to prove that no test depends on
 * today's date. It is a test hook, not a user option; a malformed value is a usage error rather
 * than a silently unmoved clock.
 */
public final class RootClock {
    /** System property that shifts the root clock; for tests. */
    public static final String OFFSET_PROPERTY = "tailgate.clock.offset";

    private RootClock() {
    }

    /** The system UTC clock, shifted by {@value #OFFSET_PROPERTY} when it is set. */
    public static Clock system() {
        Clock utc = Clock.systemUTC();
        String offset = System.getProperty(OFFSET_PROPERTY);
        if (offset == null || offset.isBlank()) {
            return utc;
        }
        try {
            return Clock.offset(utc, Duration.parse(offset.strip()));
        } catch (DateTimeParseException e) {
            throw new UsageException("-D" + OFFSET_PROPERTY + "=" + offset
                    + ": not an ISO-8601 duration (e.g. P365D)");
        }
    }

    /** The clock of the command tree {@code spec} belongs to. */
    static Clock of(CommandLine.Model.CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof TailgateCommand t) {
            return t.clock();
        }
        return system();
    }
}
