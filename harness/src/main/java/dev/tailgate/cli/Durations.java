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
            throw new UsageException(option + " " + text + ": expected a duration like 500ms, 2s, 10m, 12h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new UsageException(option + " " + text + ": must be positive");
        }
        return d;
    }
}
