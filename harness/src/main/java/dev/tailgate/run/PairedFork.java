package dev.tailgate.run;

import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.Injection;
import dev.tailgate.model.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JMH fork system properties for the two measurement designs that go beyond one plain arm
 * per fork: an injected delay ({@link Injection}) and an A/B whose iterations alternate inside
 * one fork (the benchmarks' {@code ForkArms}).
 *
 * <p>Why alternate inside a fork: arms measured in separate forks differ also in everything
 * a JVM launch draws at random (JIT decisions, code and heap layout), so fork-to-fork noise
 * enters the difference. Iterations of one fork share the JVM, its JIT state and its CPU pins;
 * alternating them in ABBA order lets drift within the fork hit both arms alike, and the paired
 * rounds (iterations 2r, 2r+1) give differences free of fork noise. Only the server side may
 * differ between the arms, which is every {@link ArmSpec} today.
 *
 * <p>Supported by the closed-loop Redis benchmarks (Jedis*, Lettuce*, RawResp*) and the Redis
 * Cluster ones (cluster.JedisCluster*, cluster.LettuceCluster*: one cluster per arm); every other
 * benchmark in an alternated fork would measure arm A only, so callers must restrict such
 * forks to those ({@link #ALTERNATING_BENCHMARKS}).
 */
public final class PairedFork {
    /** The default order: each round's first arm alternates, so neither arm always goes first. */
    public static final String DEFAULT_PATTERN = "ABBA";
    /** What the manifest records for {@link #forFork}'s counterbalanced patterns. */
    public static final String COUNTERBALANCED = "ABBA/BAAB";

    /**
     * The pattern of alternated fork {@code fork} (0-based): {@link #DEFAULT_PATTERN} in even
     * forks, its mirror (B A A B) in odd ones. ABBA cancels a trend that is linear over a fork's
     * iterations, but not one that is worst at its start (a tail that settles as the fork runs),
     * which a fork always starting with A would charge to A: measured, identical arms came out
     * with A's p99.9 about 14% heavier. Mirroring every other fork gives each arm the first
     * iteration equally often.
     */
    public static String forFork(int fork) {
        return fork % 2 == 0 ? DEFAULT_PATTERN : mirror(DEFAULT_PATTERN);
    }

    /** {@code pattern} with A and B swapped. */
    public static String mirror(String pattern) {
        return pattern.replace('A', 'x').replace('B', 'A').replace('x', 'B');
    }
    /**
     * Benchmark classes whose per-thread state switches arms each iteration (a regex on JMH
     * names): the one-server closed-loop ones, and the Redis Cluster ones, whose arms are two
     * clusters (arm B's seeds in {@code tailgate.redis.alt.cluster}).
     */
    public static final String ALTERNATING_BENCHMARKS = "^dev\\.tailgate\\.bench\\.(redis\\.(Jedis|Lettuce|RawResp)"
            + "|cluster\\.(JedisCluster|LettuceCluster))\\w*Benchmark\\.";

    private PairedFork() {
    }

    /** The properties that make a fork spin {@code injection} (none when empty). */
    public static List<String> injectionProperties(Optional<Injection> injection) {
        return injection.map(i -> List.of("-D" + InjectedDelay.SPIN_NANOS + "=" + i.spinNanos(),
                "-D" + InjectedDelay.FRACTION + "=" + i.fraction())).orElse(List.of());
    }

    /**
     * Everything a fork needs to measure arm {@code a} and arm {@code b} in alternating
     * iterations: {@link RunEngine#forkProperties} for arm A, arm B's server under
     * {@code tailgate.redis.alt.*} (its password as its own private file, never arm A's), each
     * arm's injection, and {@code tailgate.alternate}. One JVM: one pinning directory and one
     * histogram directory for both arms.
     *
     * @param pattern e.g. {@link #DEFAULT_PATTERN}; checked by {@link #checkPattern}
     */
    public static List<String> forkProperties(TargetSession a, Optional<Injection> injectA, TargetSession b,
                                              Optional<Injection> injectB, String pattern, CorePlan plan,
                                              Path pinDir, Path histDir, java.time.Duration keyTtl) {
        checkPattern(pattern);
        List<String> p = new ArrayList<>(RunEngine.forkProperties(a, plan, pinDir, histDir, keyTtl));
        p.addAll(injectionProperties(injectA));
        p.add("-D" + ForkArms.ALTERNATE + "=" + pattern);
        p.addAll(b.target().forkProperties(ForkArms.ALT_PREFIX));
        // arm B's own password file, under the alt prefix (from REDIS_PASSWORD both arms inherit it)
        b.credentials().forkProperties().forEach(f -> p.add(f.replace("-Dtailgate.redis.", "-D" + ForkArms.ALT_PREFIX)));
        injectB.ifPresent(i -> {
            p.add("-D" + InjectedDelay.ALT_SPIN_NANOS + "=" + i.spinNanos());
            p.add("-D" + InjectedDelay.ALT_FRACTION + "=" + i.fraction());
        });
        return p;
    }

    /** A usage error unless {@code pattern} is pairs of AB or BA (ABBA, AB, BAAB, ...). */
    public static String checkPattern(String pattern) {
        try {
            ForkArms.checkPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new UsageException("alternation pattern: " + e.getMessage());
        }
        if (pattern.isEmpty()) {
            throw new UsageException("alternation pattern: empty, expected pairs of AB or BA such as ABBA");
        }
        return pattern;
    }

    /** A paired design needs whole rounds: an even number of measurement iterations per fork. */
    public static int checkIterations(int iterations) {
        if (iterations < 2 || iterations % 2 != 0) {
            throw new UsageException("--iterations " + iterations
                    + ": alternated A/B forks need an even number (>= 2): each round is one iteration per arm");
        }
        return iterations;
    }
}
