package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses a point in time ({@code ledger show --since}); its ages are {@link Durations}. */
final class TimeArgs {

    private TimeArgs() {
    }

    /**
     * A point in time: an ISO-8601 instant ({@code 2026-11-25T22:00:00Z}), a date (midnight
     * UTC), or an age back from {@code now} in the {@link Durations} grammar.
     */
    static Instant since(String option, String text, Instant now) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // not an instant; try the other forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date either
        }
        Duration age;
        try {
            age = Durations.parse(text);
        } catch (Durations.Invalid e) {
            throw new UsageException(option + " \"" + Durations.shown(text) + "\": expected an instant"
                    + " (2026-11-25T22:00:00Z), a date (2026-11-25) or an age (12h, 7d)");
        }
        try {
            return now.minus(age);
        } catch (DateTimeException | ArithmeticException e) {
            throw new UsageException(option + " \"" + Durations.shown(text) + "\": too long an age");
        }
    }
}
