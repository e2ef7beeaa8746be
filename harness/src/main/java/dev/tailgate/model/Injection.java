package dev.tailgate.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A known delay injected inside every measured call (or a fraction of them), to check that an
 * A/B finds a difference whose size is known: {@code spin:5us} spins 5 µs on every call,
 * {@code spin:1ms@0.01} spins 1 ms on 1% of calls (a shift in the tail only). A run with an
 * injection is not a real measurement: it is never a baseline and never passes a gate.
 *
 * <p>Grammar: {@code spin:DURATION[@FRACTION]}, DURATION a positive integer or decimal with
 * unit {@code ns}, {@code us} (or {@code µs}) or {@code ms}, at least 1 ns and at most 1 s;
 * FRACTION in (0, 1].
 *
 * @param spinNanos busy spin per chosen call, in nanoseconds
 * @param fraction  share of calls that spin, in (0, 1]
 */
public record Injection(long spinNanos, double fraction) {
    private static final Pattern SPEC = Pattern.compile("spin:([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms)(?:@([0-9.eE+-]+))?");
    /** The longest spin an injection may ask for: 1000 ms. */
    public static final long MAX_NANOS = 1_000_000_000L;

    public Injection {
        if (spinNanos < 1 || spinNanos > MAX_NANOS) {
            throw new IllegalArgumentException("spin of " + spinNanos + " ns: expected 1 ns to 1 s");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction " + fraction + ": expected (0, 1]");
        }
    }

    /**
     * Parses {@code text}; a bad spec is one line naming {@code option} and the expected form.
     *
     * @throws BadInputException on anything but the grammar above
     */
    public static Injection parse(String option, String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = SPEC.matcher(t);
        if (!m.matches()) {
            throw bad(option, t, "expected spin:DURATION[@FRACTION] such as spin:5us or spin:1ms@0.01");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(switch (m.group(2)) {
            case "ns" -> 1L;
            case "ms" -> 1_000_000L;
            default -> 1_000L;
        }));
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw bad(option, t, "the spin must be a whole number of nanoseconds");
        }
        if (nanos.compareTo(BigDecimal.ONE) < 0 || nanos.compareTo(BigDecimal.valueOf(MAX_NANOS)) > 0) {
            throw bad(option, t, "the spin must be between 1ns and 1000ms");
        }
        double fraction = 1;
        if (m.group(3) != null) {
            try {
                fraction = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                throw bad(option, t, "fraction \"" + m.group(3) + "\" is not a number");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw bad(option, t, "the fraction after @ must be in (0, 1], e.g. @0.01 for 1% of calls");
            }
        }
        return new Injection(nanos.longValueExact(), fraction);
    }

    private static BadInputException bad(String option, String text, String why) {
        return new BadInputException(option + " " + text + ": " + why);
    }

    /** The canonical spec, which {@link #parse} reads back to an equal value. */
    public String spec() {
        String d = spinNanos % 1_000_000 == 0 ? spinNanos / 1_000_000 + "ms"
                : spinNanos % 1_000 == 0 ? spinNanos / 1_000 + "us" : spinNanos + "ns";
        return "spin:" + d + (fraction == 1 ? "" : "@" + BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString());
    }

    /** For people: "spin 5 µs on every call", "spin 1000 µs on 1% of calls". */
    public String describe() {
        String d = spinNanos % 1_000 == 0 ? spinNanos / 1_000 + " µs" : spinNanos + " ns";
        String share = fraction == 1 ? "every call"
                : BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "% of calls";
        return String.format(Locale.ROOT, "spin %s on %s", d, share);
    }
}
