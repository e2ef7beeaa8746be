package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the time options of prune and ledger show. */
final class TimeArgs {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([smhdw])");

    private TimeArgs() {
    }

    /**
     * An age: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, or ISO-8601
     * ({@code PT36H}). Must be positive.
     */
    static Duration duration(String option, String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(Math.multiplyExact(7, n));
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException(option + " \"" + Durations.shown(text) + "\": too long a duration");
            }
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new UsageException(option + " \"" + Durations.shown(text)
                        + "\": expected a duration such as 12h, 7d, 2w or PT36H");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new UsageException(option + " \"" + Durations.shown(text) + "\": expected a positive duration");
        }
        return d;
    }

    /**
     * A point in time: an ISO-8601 instant ({@code 2026-11-25T22:00:00Z}), a date (midnight
     * UTC), or an age back from {@code now} as in {@link #duration}.
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
            age = duration(option, text);
        } catch (UsageException e) {
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
