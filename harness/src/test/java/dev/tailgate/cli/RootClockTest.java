package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The root clock honours the test hook that moves it, and refuses a malformed one. */
class RootClockTest {

    @Test
    void offsetPropertyMovesTheRootClock() {
        String before = System.getProperty(RootClock.OFFSET_PROPERTY);
        try {
            System.setProperty(RootClock.OFFSET_PROPERTY, "P400D");
            Instant moved = RootClock.system().instant();
            Duration ahead = Duration.between(Instant.now(), moved);
            assertTrue(ahead.compareTo(Duration.ofDays(399)) > 0 && ahead.compareTo(Duration.ofDays(401)) < 0,
                    "expected about 400 days ahead, was " + ahead);
        } finally {
            restore(before);
        }
    }

    @Test
    void malformedOffsetIsAUsageErrorNotAnUnmovedClock() {
        String before = System.getProperty(RootClock.OFFSET_PROPERTY);
        try {
            System.setProperty(RootClock.OFFSET_PROPERTY, "a year");
            StringWriter err = new StringWriter();
            int code = TailgateCommand.execute(new String[] {"prune", "--keep", "1"}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
            assertEquals(ExitCode.USAGE, code, err.toString());
            assertTrue(err.toString().contains("not an ISO-8601 duration"), err.toString());
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(RootClock.OFFSET_PROPERTY);
        } else {
            System.setProperty(RootClock.OFFSET_PROPERTY, before);
        }
    }
}
