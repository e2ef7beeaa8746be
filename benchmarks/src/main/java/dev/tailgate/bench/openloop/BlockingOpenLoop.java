package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Fixed-rate driver for a client that cannot send a request before the previous reply arrived
 * (Jedis, any synchronous API). It still measures honestly, the JLBH way: each request has an
 * intended start on the schedule, and response time counts from it. When a reply is late, the
 * requests that were due meanwhile are sent back to back as soon as possible, each charged from
 * its own intended start, so a stall reaches every request that arrived during it.
 *
 * <p>What it cannot do: exceed one request per round trip. If the period is shorter than the
 * RTT the schedule runs away; the run stops at its nominal end (requests not sent by then are
 * not sent), the achieved rate is below the requested one, and the result says
 * {@link Flaw#BLOCKING_CLIENT_CEILING} instead of reporting a rate it never reached.
 */
public final class BlockingOpenLoop {

    /** One request and its reply, on the calling thread. */
    @FunctionalInterface
    public interface Transport {
        void call() throws IOException;
    }

    private BlockingOpenLoop() {
    }

    /**
     * Runs the schedule on the calling thread (pin it first). Failed calls count as errors and are
     * not recorded as latencies; the schedule goes on.
     *
     * @param stop polled before each request; true ends the run early (SIGTERM, JMH teardown)
     */
    public static RunTally run(OpenLoopConfig config, Transport transport, NanoClock clock, Pacer pacer,
                               LatencyRecorders recorders, BooleanSupplier stop) {
        Objects.requireNonNull(transport);
        long n = config.scheduledRequests();
        long start = clock.nanoTime();
        Schedule schedule = new Schedule(start, config.ratePerSecond());
        long nominalEnd = start + config.durationNanos();
        long sent = 0;
        long completed = 0;
        long errors = 0;
        long lastDone = start;
        for (long k = 0; k < n; k++) {
            if (stop.getAsBoolean()) {
                break;
            }
            long intended = schedule.intendedStartNanos(k);
            pacer.awaitUntil(intended);
            long actual = clock.nanoTime();
            if (actual >= nominalEnd && k > 0) {
                break; // fell behind past the end: stop rather than stretch the run
            }
            recorders.recordSlip(intended, actual);
            sent++;
            try {
                transport.call();
                long done = clock.nanoTime();
                recorders.recordCompletion(intended, actual, done);
                completed++;
                lastDone = done;
            } catch (IOException e) {
                errors++;
            }
        }
        return new RunTally(n, sent, completed, errors, start, nominalEnd, lastDone);
    }
}
