package dev.tailgate.cli;

import dev.tailgate.model.DurationGrammar;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The CLI's side of the duration grammar ({@link DurationGrammar}): {@link Converter} is
 * registered for {@link Duration} at the root command, and the root's parameter-exception handler
 * turns an {@link Invalid} into one line naming the option.
 */
public final class Durations {
    static final String EXPECTED = DurationGrammar.EXPECTED;

    private Durations() {
    }

    /** {@code text} as a positive duration; a usage error naming {@code option} if it is not one. */
    public static Duration parse(String text, String option) {
        return DurationGrammar.parse(text, option);
    }

    /** {@code text} as a positive duration, or {@link Invalid} saying what is wrong with it. */
    static Duration parse(String text) {
        try {
            return DurationGrammar.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** An argument as an error line shows it (control characters escaped). */
    static String shown(String text) {
        return DurationGrammar.shown(text);
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
