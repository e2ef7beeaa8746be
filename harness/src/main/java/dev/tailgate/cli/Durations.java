package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses "500ms", "2s", "10m", "12h", "7d" as a positive duration. */
public final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text, String option) {
        Matcher m = P.matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException(option + " " + shown(text) + ": expected a duration like 500ms, 2s, 10m, 12h, 7d");
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(option + " " + shown(text) + ": too long a duration");
        }
        if (d.isZero()) {
            throw new UsageException(option + " " + shown(text) + ": must be positive");
        }
        return d;
    }

    /** An argument as an error line shows it: control characters (a pasted newline) escaped, so it stays one line. */
    static String shown(String text) {
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
