package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server-side stall ({@code DEBUG SLEEP 0.05}) during a 2,000 req/s fixed-rate run reaches
 * every request due during it; a closed loop over the same stall records it once. Requests due
 * in the first (50 − 20) ms of the stall wait at least 20 ms: ≈ 0.030 s × 2,000/s = 60 of them;
 * the tests ask for at least half (host noise can only add slow samples, never remove these).
 */
class CoordinatedOmissionTest {
    static final long RATE = 2_000;
    static final long SLOW_NANOS = 20_000_000;
    static final long EXPECTED_SLOW = (50_000_000 - SLOW_NANOS) * RATE / 1_000_000_000L;
    static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisFixture.start("stock");
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    static RespPipe connect() throws Exception {
        return RespPipe.connect(redis.host(), redis.port(), Optional.empty(), 10_000, "PING");
    }

    static long slow(Histogram h) {
        return h.getTotalCount() - h.getCountBetweenValues(0, SLOW_NANOS);
    }

    /** Injects DEBUG SLEEP 0.05 from its own connection once {@code progress} reaches 1,000. */
    static CompletableFuture<Integer> stallAfter(LongSupplier progress) {
        return CompletableFuture.supplyAsync(() -> {
            try (RespPipe control = connect()) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (progress.getAsLong() < 1_000 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return control.command("DEBUG", "SLEEP", "0.05");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void fixedRateResponseTimeSeesTheStallOnEveryQueuedRequestClosedLoopSeesOne() throws Exception {
        LatencyRecorders rec = new LatencyRecorders();
        LatencySnapshot open;
        try (RespPipe pipe = connect()) {
            DecoupledOpenLoop loop = new DecoupledOpenLoop(OpenLoopConfig.of(RATE, 1_500_000_000L), pipe,
                    NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), rec);
            CompletableFuture<Integer> stall = stallAfter(loop::sentSoFar);
            loop.run(() -> false);
            assertEquals('+', stall.get());
            open = rec.interval(null);
        }
        // closed loop, JMH-style: call, time it, call again
        Histogram closed = LatencyRecorders.newHistogram();
        try (RespPipe pipe = connect()) {
            AtomicLong calls = new AtomicLong();
            CompletableFuture<Integer> stall = stallAfter(calls::get);
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                pipe.call();
                closed.recordValue(System.nanoTime() - t0);
                calls.lazySet(calls.get() + 1);
            }
            assertEquals('+', stall.get());
        }
        long openSlow = slow(open.response());
        long closedSlow = slow(closed);
        System.out.printf("DEBUG SLEEP 0.05 at %d req/s: fixed-rate responses >= 20 ms: %d (expected ~%d), closed loop: %d of %d%n",
                RATE, openSlow, EXPECTED_SLOW, closedSlow, closed.getTotalCount());
        assertTrue(openSlow >= EXPECTED_SLOW / 2, "fixed-rate slow responses " + openSlow + ", expected ~" + EXPECTED_SLOW);
        assertTrue(open.response().getMaxValue() >= 40_000_000, "max " + open.response().getMaxValue());
        assertTrue(closedSlow >= 1, "the closed loop must see the stall at least once");
        assertTrue(closedSlow * 5 <= openSlow, "closed-loop slow samples " + closedSlow + " vs open " + openSlow);
    }

    @Test
    void blockingClientChargesQueuedRequestsFromTheirIntendedStartServiceTimeDoesNot() throws Exception {
        LatencyRecorders rec = new LatencyRecorders();
        AtomicLong calls = new AtomicLong();
        try (RespPipe pipe = connect()) {
            CompletableFuture<Integer> stall = stallAfter(calls::get);
            BlockingOpenLoop.run(OpenLoopConfig.of(RATE, 1_500_000_000L), () -> {
                pipe.call();
                calls.lazySet(calls.get() + 1);
            }, NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), rec, () -> false);
            assertEquals('+', stall.get());
        }
        LatencySnapshot s = rec.interval(null);
        long responseSlow = slow(s.response());
        long serviceSlow = slow(s.service());
        System.out.printf("blocking fixed-rate: responses >= 20 ms: %d, service times >= 20 ms: %d%n", responseSlow, serviceSlow);
        assertTrue(responseSlow >= EXPECTED_SLOW / 2, "slow responses " + responseSlow + ", expected ~" + EXPECTED_SLOW);
        assertTrue(serviceSlow >= 1 && serviceSlow * 5 <= responseSlow,
                "service-time slow samples " + serviceSlow + " vs response " + responseSlow);
    }
}
