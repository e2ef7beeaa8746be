package dev.tailgate.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One benchmark thread's trials, one per arm of the fork ({@link ForkArms}), and which arm the
 * current iteration belongs to. With one arm it is a plain {@link ClientTrial} plus its
 * injected delay.
 *
 * <p>With two arms, both connections are opened at trial setup (the thread is pinned once, by
 * arm A's trial) and stay open; {@link #beginIteration(IterationParams)}, called from
 * {@code @Setup(Level.Iteration)} and so outside the timed region, only switches which one the
 * timed calls use. Warm-up iterations alternate like measurement ones, so both connections
 * and both code paths are warm when measuring starts; warm-up and measurement iterations are
 * counted separately, each from 0, so measurement iteration i belongs to
 * {@code pattern[i % length]} whatever the warm-up count.
 *
 * @param <C> the connection under test
 */
public final class ArmTrials<C extends AutoCloseable> implements AutoCloseable {
    /** Seeds of the injected delays: distinct per thread and arm, fixed across runs. */
    private static final long DELAY_SEED = 0x1D_E1A7L;

    private final ForkArms arms;
    private final List<ClientTrial<C>> trials;
    private final List<InjectedDelay> delays;
    private int warmups;
    private int measurements;
    private int arm;

    private ArmTrials(ForkArms arms, List<ClientTrial<C>> trials, List<InjectedDelay> delays) {
        this.arms = arms;
        this.trials = List.copyOf(trials);
        this.delays = List.copyOf(delays);
    }

    /** Pins the thread, then opens each arm's keyspace and connection of {@code kind}. */
    public static <C extends AutoCloseable> ArmTrials<C> open(ForkArms arms, ClientTrial.Kind<C> kind, BenchId id,
            int keyCount, int valueBytes, int threadIndex) {
        List<ClientTrial<C>> trials = new ArrayList<>();
        List<InjectedDelay> delays = new ArrayList<>();
        try {
            for (ForkArms.Arm a : arms.arms()) {
                trials.add(trials.isEmpty()
                        ? ClientTrial.open(kind, a.config(), id, keyCount, valueBytes, threadIndex)
                        : ClientTrial.alongside(trials.get(0), kind, a.config(), id, keyCount, valueBytes, threadIndex));
                delays.add(a.delay(DELAY_SEED + 31L * threadIndex + delays.size()));
            }
        } catch (RuntimeException e) {
            closeAll(trials);
            throw e;
        }
        return new ArmTrials<>(arms, trials, delays);
    }

    /** Selects the arm of the iteration JMH is about to run. */
    public void beginIteration(IterationParams iteration) {
        beginIteration(iteration.getType() == IterationType.MEASUREMENT);
    }

    /** The same without JMH's object, for tests. */
    public void beginIteration(boolean measurement) {
        arm = arms.armOf(measurement ? measurements++ : warmups++);
    }

    /** Index of the current iteration's arm (0 = A). */
    public int arm() {
        return arm;
    }

    public ClientTrial<C> current() {
        return trials.get(arm);
    }

    public InjectedDelay delay() {
        return delays.get(arm);
    }

    /** Something derived from each arm's trial (a pipeline, encoded commands), in arm order. */
    public <T> List<T> perArm(Function<ClientTrial<C>, T> f) {
        List<T> out = new ArrayList<>(trials.size());
        for (ClientTrial<C> t : trials) {
            out.add(f.apply(t));
        }
        return out;
    }

    /** Closes arm B's trial before arm A's, which holds the pin. */
    @Override
    public void close() {
        closeAll(trials);
    }

    private static void closeAll(List<? extends ClientTrial<?>> trials) {
        closeReversed(trials, ClientTrial::close);
    }

    /**
     * Closes {@code items} last to first (arm B's before arm A's, which holds the pin), each even
     * when a later one failed; the first failure is thrown with the others suppressed in it.
     */
    public static <T> void closeReversed(List<T> items, Consumer<? super T> close) {
        RuntimeException first = null;
        for (int i = items.size() - 1; i >= 0; i--) {
            try {
                close.accept(items.get(i));
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
