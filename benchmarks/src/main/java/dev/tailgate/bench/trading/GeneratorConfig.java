package dev.tailgate.bench.trading;

/**
 * Everything that shapes a synthetic session. Two configs that are equal give byte-identical
 * event sequences.
 *
 * @param symbols                  number of instruments, &gt;= 1, named SYM0001 ... by popularity rank
 * @param events                   number of events to generate, &gt;= 0
 * @param seed                     SplittableRandom seed
 * @param zipfExponent             popularity exponent s: symbol of rank k gets weight 1/k^s
 * @param sessionStartNanos        exchange time of the session open, ns since the Unix epoch
 * @param sessionNanos             planned session length, ns (the last events may run a little past it)
 */
public record GeneratorConfig(int symbols, long events, long seed, double zipfExponent, long sessionStartNanos,
                              long sessionNanos) {

    /**
     * s = 1.1: between the classic Zipf s = 1 and the steeper concentration measured on US
     * equity message counts, where the top few percent of names carry most of the traffic.
     */
    public static final double DEFAULT_ZIPF_EXPONENT = 1.1;
    /** 2026-01-02T14:30:00Z, a NYSE open; a constant so no clock enters the data. */
    public static final long DEFAULT_SESSION_START_NANOS = 1_767_364_200_000_000_000L;
    /** 6.5 hours, the NYSE regular session. */
    public static final long DEFAULT_SESSION_NANOS = 23_400L * 1_000_000_000L;

    public GeneratorConfig {
        if (symbols < 1) {
            throw new IllegalArgumentException("symbols must be >= 1, got " + symbols);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (!(zipfExponent > 0.0) || zipfExponent > 5.0) {
            throw new IllegalArgumentException("zipfExponent must be in (0, 5], got " + zipfExponent);
        }
        if (sessionNanos <= 0 || sessionStartNanos < 0) {
            throw new IllegalArgumentException("session start must be >= 0 and length > 0");
        }
    }

    public static GeneratorConfig of(int symbols, long events, long seed) {
        return new GeneratorConfig(symbols, events, seed, DEFAULT_ZIPF_EXPONENT, DEFAULT_SESSION_START_NANOS,
                DEFAULT_SESSION_NANOS);
    }

    /** Symbol name of a popularity rank (1 = most popular): SYM0001, zero-padded to at least 4 digits. */
    public String symbolName(int rank) {
        if (rank < 1 || rank > symbols) {
            throw new IllegalArgumentException("rank " + rank + " outside 1.." + symbols);
        }
        int width = Math.max(4, Integer.toString(symbols).length());
        String digits = Integer.toString(rank);
        return "SYM" + "0".repeat(width - digits.length()) + digits;
    }
}
