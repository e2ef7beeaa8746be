package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one duration grammar of the CLI, for every option that takes a span of time: a whole number
 * and a unit ({@code 500us}, {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d},
 * {@code 2w}; the unit in any case), or ISO-8601 ({@code PT36H}, {@code P365D}). It is the union
 * of what the commands accepted when each had its own parser, so no command line that worked
 * stops working. Every option wants a span that ends, so zero and negative are refused here.
 *
 * <p>{@link Converter} is registered for {@link Duration} at the root command; the root's
 * parameter-exception handler turns an {@link Invalid} into one line naming the option.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(us|ms|s|m|h|d|w)");
    static final String EXPECTED = "expected a duration like 500ms, 10s, 5m, 1h, 7d, 2w or PT36H";

    private Durations() {
    }

    /** {@code text} as a positive duration; a {@link UsageException} naming {@code option} if it is not one. */
    public static Duration parse(String text, String option) {
        try {
            return parse(text);
        } catch (Invalid e) {
            throw new UsageException(option + " \"" + shown(text) + "\": " + e.getMessage());
        }
    }

    /** {@code text} as a positive duration, or {@link Invalid} saying what is wrong with it. */
    static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        Duration d;
        try {
            d = m.matches() ? ofUnit(Long.parseLong(m.group(1)), m.group(2)) : Duration.parse(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Invalid("too long a duration");
        } catch (DateTimeParseException e) {
            // a cause is a number that does not fit; without one the text is not a duration at all
            throw new Invalid(e.getCause() != null ? "too long a duration" : EXPECTED);
        }
        if (d.isZero() || d.isNegative()) {
            throw new Invalid("must be positive");
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

    /** Why a text is not a duration; the message is the reason only, the handler adds option and value. */
    static final class Invalid extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason);
        }
    }

    /** The picocli converter for every {@link Duration} option. */
    static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
