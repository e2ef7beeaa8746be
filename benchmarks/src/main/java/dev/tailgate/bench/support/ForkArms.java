package dev.tailgate.bench.support;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The arms one benchmark JVM measures: one (a normal fork), or two whose iterations alternate
 * (an A/B inside one fork: same JVM, same JIT state, same CPU pins; only the server and the
 * injected delay differ between arms).
 *
 * <table>
 * <caption>System properties (beside {@link BenchConfig}'s)</caption>
 * <tr><th>property</th><th>meaning</th></tr>
 * <tr><td>{@code tailgate.alternate}</td><td>the alternation pattern, repeated over the
 *     iterations, e.g. {@code ABBA}: warm-up iteration i and measurement iteration i (each
 *     counted from 0) belong to arm {@code pattern[i % length]}. Every aligned pair of letters
 *     holds one A and one B, so measurement iterations 2r and 2r+1 are round r of a paired
 *     design. Absent: one arm.</td></tr>
 * <tr><td>{@code tailgate.redis.alt.host|port|db|user|passwordFile}</td><td>arm B's server, read
 *     like {@code tailgate.redis.*} (host default 127.0.0.1, port required); nothing is
 *     inherited from arm A's, so arm A's password never reaches arm B's server</td></tr>
 * <tr><td>{@code tailgate.inject.spinNanos|fraction}</td><td>arm A's {@link InjectedDelay}</td></tr>
 * <tr><td>{@code tailgate.inject.alt.spinNanos|fraction}</td><td>arm B's</td></tr>
 * </table>
 *
 * @param arms    arm A, then arm B when alternating
 * @param pattern the alternation pattern; empty when there is one arm
 */
public record ForkArms(List<Arm> arms, String pattern) {
    public static final String ALTERNATE = "tailgate.alternate";
    public static final String ALT_PREFIX = "tailgate.redis.alt.";
    /** The connection properties arm B takes from {@code tailgate.redis.alt.*}. */
    static final Set<String> CONNECTION = Set.of(BenchConfig.HOST, BenchConfig.PORT, BenchConfig.DB,
            BenchConfig.USER, BenchConfig.PASSWORD_FILE, BenchConfig.SOCKET, BenchConfig.TLS, BenchConfig.TLS_CA,
            BenchConfig.TLS_CERT, BenchConfig.TLS_KEY, BenchConfig.TLS_SERVER_NAME, BenchConfig.TLS_INSECURE);

    /**
     * @param letter    "A" or "B"
     * @param config    where this arm's server is (the rest is shared by both arms)
     * @param spinNanos injected spin per chosen call, 0 = none
     * @param fraction  share of calls that spin
     */
    public record Arm(String letter, BenchConfig config, long spinNanos, double fraction) {
        public Arm {
            Objects.requireNonNull(config, "config");
        }

        /** This arm's delay for one benchmark thread, seeded per thread and arm. */
        public InjectedDelay delay(long seed) {
            return InjectedDelay.of(spinNanos, fraction, seed);
        }
    }

    public ForkArms {
        arms = List.copyOf(arms);
        if (arms.size() != (pattern.isEmpty() ? 1 : 2)) {
            throw new IllegalArgumentException(ALTERNATE + ": " + arms.size() + " arms for pattern \"" + pattern + "\"");
        }
        checkPattern(pattern);
    }

    /** A normal fork: one arm, no injection (what tests that drive a state by hand use). */
    public static ForkArms single(BenchConfig cfg) {
        return new ForkArms(List.of(new Arm("A", cfg, 0, 1)), "");
    }

    public static ForkArms fromSystemProperties() {
        return from(System::getProperty);
    }

    /** Reads the arms; a malformed or half-given alternation fails with one line naming the property. */
    public static ForkArms from(UnaryOperator<String> props) {
        Arm a = new Arm("A", BenchConfig.from(props), spin(props, InjectedDelay.SPIN_NANOS),
                fraction(props, InjectedDelay.FRACTION));
        String pattern = blank(props.apply(ALTERNATE)) ? "" : props.apply(ALTERNATE).strip();
        if (pattern.isEmpty()) {
            for (String k : List.of(InjectedDelay.ALT_SPIN_NANOS, InjectedDelay.ALT_FRACTION, ALT_PREFIX + "port",
                    ALT_PREFIX + "host")) {
                if (!blank(props.apply(k))) {
                    throw new IllegalArgumentException(k + " is set but " + ALTERNATE
                            + " is not: arm B is only measured in an alternated fork");
                }
            }
            return new ForkArms(List.of(a), "");
        }
        if (blank(props.apply(ALT_PREFIX + "port"))) {
            throw new IllegalArgumentException(ALTERNATE + "=" + pattern + " needs " + ALT_PREFIX + "port (arm B's server)");
        }
        UnaryOperator<String> armB = k -> CONNECTION.contains(k)
                ? props.apply(ALT_PREFIX + k.substring("tailgate.redis.".length())) : props.apply(k);
        Arm b = new Arm("B", BenchConfig.from(armB), spin(props, InjectedDelay.ALT_SPIN_NANOS),
                fraction(props, InjectedDelay.ALT_FRACTION));
        return new ForkArms(List.of(a, b), pattern);
    }

    /**
     * For benchmarks that measure one arm per fork (TcpPingPong, trading, fixed-rate): fails
     * when the fork asks for alternation, rather than measuring arm A alone while the harness
     * takes every iteration for a paired round.
     */
    public static void requireOneArm(String who) {
        String p = System.getProperty(ALTERNATE);
        if (!blank(p)) {
            throw new IllegalStateException(who + ": " + ALTERNATE + "=" + p.strip() + " is set, but this benchmark "
                    + "measures one arm per fork; only the closed-loop Redis and Redis Cluster benchmarks (Jedis*, "
                    + "Lettuce*, RawResp*, cluster.*Cluster*) alternate");
        }
    }

    public boolean alternating() {
        return arms.size() == 2;
    }

    /** The arm (index into {@link #arms}) of warm-up or measurement iteration {@code i}, counted from 0. */
    public int armOf(int i) {
        return alternating() ? pattern.charAt(i % pattern.length()) - 'A' : 0;
    }

    /**
     * A pattern is letters A and B of even length where each aligned pair is "AB" or "BA": then
     * every round (iterations 2r, 2r+1) measures both arms back to back.
     */
    public static void checkPattern(String pattern) {
        if (pattern.isEmpty()) {
            return;
        }
        boolean ok = pattern.length() % 2 == 0 && pattern.chars().allMatch(c -> c == 'A' || c == 'B');
        for (int i = 0; ok && i < pattern.length(); i += 2) {
            ok = pattern.charAt(i) != pattern.charAt(i + 1);
        }
        if (!ok) {
            throw new IllegalArgumentException(ALTERNATE + ": expected pairs of AB or BA such as ABBA, got \""
                    + pattern + "\"");
        }
    }

    private static long spin(UnaryOperator<String> props, String key) {
        return parsed(props, key, 0L, Long::parseLong, n -> n >= 0, "nanoseconds >= 0");
    }

    private static double fraction(UnaryOperator<String> props, String key) {
        return parsed(props, key, 1.0, Double::parseDouble, p -> p > 0 && p <= 1, "a fraction in (0, 1]");
    }

    /** The property's value, {@code dflt} when absent; one line naming it when not {@code expected}. */
    private static <T> T parsed(UnaryOperator<String> props, String key, T dflt, Function<String, T> parse,
                                Predicate<T> valid, String expected) {
        String v = props.apply(key);
        if (blank(v)) {
            return dflt;
        }
        try {
            T t = parse.apply(v.strip());
            if (valid.test(t)) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range value
        }
        throw new IllegalArgumentException(key + ": expected " + expected + ", got \"" + v + "\"");
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
