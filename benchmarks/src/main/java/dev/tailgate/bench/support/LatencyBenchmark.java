package dev.tailgate.bench.support;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The measurement policy every tailgate benchmark inherits (JMH reads these annotations from
 * superclasses), kept in one place so that all benchmarks of a run are comparable.
 *
 * <ul>
 * <li>{@code Mode.SampleTime} in nanoseconds: per-call latencies, so percentiles are of calls,
 *     not of iteration averages (about 20 samples per ms of iteration time).</li>
 * <li>3 forks: the fork (JVM launch) is the unit of replication; iterations within a fork
 *     are not independent.</li>
 * <li>3 x 1 s warm-up, 5 x 2 s measurement per fork: enough for JIT and connection warm-up
 *     at loopback round trips of tens of microseconds. The harness and the command line
 *     override all of these ({@code -f -wi -i -w -r -bm}).</li>
 * </ul>
 *
 * JMH is closed-loop: a call waits for the previous one, so a stall is one slow sample
 * instead of the many that independent arrivals would meet (coordinated omission).
 *
 * <p>Every trial in every fork also runs a hiccup meter ({@link HiccupTrial}) from trial setup
 * to trial teardown (unless {@code tailgate.hiccup=off}, {@link HiccupPlacement}), so a bad tail comes with evidence of whether the machine stalled. The
 * benchmark class itself is that {@code @State(Scope.Benchmark)} (JMH inherits {@code @State}
 * and the {@code @Setup}/{@code @TearDown} methods): one meter per fork, however many threads.
 * Subclasses keep their per-thread data in their own state classes, never in fields here; the
 * stated exception is {@code trading.TradingBenchmark}, which runs exactly one thread.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public abstract class LatencyBenchmark {
    private HiccupTrial hiccups;

    @Setup(Level.Trial)
    public void startHiccupMeter(BenchmarkParams params) {
        hiccups = HiccupTrial.start(BenchConfig.fromSystemProperties(), BenchId.of(params)).orElse(null);
    }

    @TearDown(Level.Trial)
    public void stopHiccupMeter() {
        if (hiccups != null) {
            hiccups.close();
        }
    }
}
