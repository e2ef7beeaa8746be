package dev.tailgate.bench.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads one measurement switch (an enum-valued system property such as {@code tailgate.io}).
 * A switch that silently fell back to its default on a typo would measure something other than
 * asked, so an unknown value fails the trial at setup with one line naming the property, the
 * accepted values and the value found. Names are the enum constants in lower case.
 */
public final class SwitchProperty {
    private SwitchProperty() {
    }

    /** The value of {@code property} in {@code props}; unset or blank = {@code dflt}. */
    public static <E extends Enum<E>> E read(UnaryOperator<String> props, String property, E dflt) {
        return parse(property, props.apply(property), dflt);
    }

    /** Parses {@code value}; null or blank = {@code dflt}. */
    public static <E extends Enum<E>> E parse(String property, String value, E dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        for (E e : dflt.getDeclaringClass().getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(property + ": expected one of " + names(dflt.getDeclaringClass())
                + ", got \"" + value + "\"");
    }

    /** {@code a|b|c}: the accepted values, in declaration order. */
    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SwitchProperty::name).collect(Collectors.joining("|"));
    }

    /** The property value that selects {@code e}. */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
