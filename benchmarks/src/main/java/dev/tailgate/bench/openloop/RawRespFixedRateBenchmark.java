package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.ThreadPinning;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Fixed-rate (open-loop) round trips, raw RESP: client -> loopback -> Redis -> back, with no client
 * library in the path — the floor the Jedis and Lettuce variants are read against.
 *
 * <p>Why: JMH is closed-loop; a Redis stall shows up as one slow sample. Here a pinned sender
 * writes {@code command} at {@code rate} per second on a fixed schedule, whatever the replies do,
 * and a receiver thread (kept off the sender's CPU) reads replies FIFO over the same socket
 * ({@link DecoupledOpenLoop}). Response time counts from each request's intended start, service
 * time from its actual send, slip is their difference; all in HdrHistograms (ns, 3 digits).
 *
 * <p>How: {@code Mode.SingleShotTime}, one invocation = one iteration = the whole schedule of
 * {@code seconds}; JMH's primary score is therefore just the iteration's wall time (≈ seconds) and
 * means nothing. The results are the secondary metrics ({@link FixedRateMetrics}, µs) and the
 * interval log {@code ${tailgate.histograms.dir}/RawRespFixedRateBenchmark-command=..-rate=..-seconds=..-forkN.hlog}
 * (one interval per measurement iteration; tags response/service/slip/hiccup). SingleShotTime
 * rather than {@code @OperationsPerInvocation}: the schedule, not JMH, decides when calls happen,
 * and a single shot avoids JMH's own timing loop around it. A run below 99% of the rate or with
 * p99 slip above {@code tailgate.openloop.maxSlipP99Micros} has {@code valid = 0}.
 *
 * <p>Needs a Redis at {@code tailgate.redis.host}:{@code tailgate.redis.port}; see
 * {@link OpenLoopSettings}. Alone: {@code java -Dtailgate.histograms.dir=h -jar benchmarks.jar
 * RawRespFixedRateBenchmark -p rate=50000 -p seconds=5 -rf json}.
 */
public class RawRespFixedRateBenchmark extends FixedRateBenchmarkBase {
    private RespPipe pipe;

    @Override
    protected void connect(OpenLoopSettings s) throws IOException {
        pipe = RespPipe.connect(s.redis().endpoint(), s.user(), s.password(), 10_000, requestFor(command, key));
        if (s.db() != 0 && pipe.command("SELECT", Integer.toString(s.db())) != '+') {
            throw new IOException("SELECT " + s.db() + " refused by " + s.redis().endpoint().describe());
        }
        if (isGet()) {
            if (s.keyTtlMillis() > 0) {
                pipe.command("SET", key, "x".repeat(32), "PX", Long.toString(s.keyTtlMillis()));
            } else {
                pipe.command("SET", key, "x".repeat(32));
            }
        }
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) {
        DecoupledOpenLoop loop = new DecoupledOpenLoop(session.config, pipe, NanoClock.SYSTEM, session.pacer,
                session.recorders);
        long errorRepliesBefore = pipe.errorReplies();
        RunTally tally = loop.run(() -> false, () -> ThreadPinning.keepCurrentThreadOff(session.senderCpu()));
        long errorReplies = pipe.errorReplies() - errorRepliesBefore; // recorded as latencies, but failures
        RunTally withErrorReplies = new RunTally(tally.scheduled(), tally.sent(), tally.completed(),
                tally.errors() + errorReplies, tally.startNanos(), tally.nominalEndNanos(), tally.lastCompletionNanos());
        return session.endIteration(withErrorReplies, false, metrics);
    }

    @Override
    protected void disconnect() throws IOException {
        if (isGet()) {
            pipe.command("DEL", key);
        }
        pipe.close();
    }
}
