package dev.tailgate.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of tailgate, for every option and file key that takes a span of time:
 * a whole number and a unit ({@code 500us}, {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h},
 * {@code 7d}, {@code 2w}; the unit in any case), or ISO-8601 ({@code PT36H}, {@code P365D}). It is
 * the union of what the commands accepted when each had its own parser, so no command line that
 * worked stops working. Every use wants a span that ends, so zero and negative are refused here.
 * Pure; the CLI's picocli converter and the suite files both read durations through it.
 */
public final class DurationGrammar {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(us|ms|s|m|h|d|w)");
    public static final String EXPECTED = "expected a duration like 500ms, 10s, 5m, 1h, 7d, 2w or PT36H";

    private DurationGrammar() {
    }

    /** {@code text} as a positive duration; a {@link UsageException} naming {@code option} if it is not one. */
    public static Duration parse(String text, String option) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " \"" + shown(text) + "\": " + e.getMessage());
        }
    }

    /** {@code text} as a positive duration, or an {@link IllegalArgumentException} whose message is the reason only. */
    public static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        Duration d;
        try {
            d = m.matches() ? ofUnit(Long.parseLong(m.group(1)), m.group(2)) : Duration.parse(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("too long a duration");
        } catch (DateTimeParseException e) {
            // a cause is a number that does not fit; without one the text is not a duration at all
            throw new IllegalArgumentException(e.getCause() != null ? "too long a duration" : EXPECTED);
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    private static Duration ofUnit(long n, String unit) {
        return switch (unit) {
            case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1_000L));
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(Math.multiplyExact(7, n));
        };
    }

    /** An argument as an error line shows it: control characters (a pasted newline) escaped, so it stays one line. */
    public static String shown(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
