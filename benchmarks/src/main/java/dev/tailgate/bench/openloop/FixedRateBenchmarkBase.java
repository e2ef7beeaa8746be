package dev.tailgate.bench.openloop;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Shape shared by the fixed-rate benchmarks (JMH inherits the annotations, parameters and
 * fixtures): {@code Mode.SingleShotTime}, one invocation = one iteration = the whole schedule of
 * {@code seconds} at {@code rate}; one warm-up and one measurement iteration per fork (see
 * {@link FixedRateMetrics} for why one). The session is opened on the benchmark thread, so the
 * pin lands on the thread that sends; subclasses connect after it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(1)
public abstract class FixedRateBenchmarkBase {
    @Param({"1000", "10000", "50000"})
    public long rate;
    @Param({"10"})
    public int seconds;
    /** PING, or GET of one 32-byte value under the key prefix. */
    @Param({"PING"})
    public String command;

    protected FixedRateSession session;
    protected String key;

    @Setup(Level.Trial)
    public void openSession(BenchmarkParams params) throws Exception {
        session = FixedRateSession.open(params, rate, seconds);
        key = session.settings.keyPrefix() + "openloop:value";
        requestFor(command, key);
        connect(session.settings);
    }

    /** Opens the client (after pinning) and, for GET, stores the value. */
    protected abstract void connect(OpenLoopSettings settings) throws Exception;

    /** Removes the GET value and closes the client. */
    protected abstract void disconnect() throws Exception;

    static String[] requestFor(String command, String key) {
        return switch (command) {
            case "PING" -> new String[] {"PING"};
            case "GET" -> new String[] {"GET", key};
            default -> throw new IllegalArgumentException("command must be PING or GET: " + command);
        };
    }

    protected boolean isGet() {
        return "GET".equals(command);
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        session.beginIteration(iteration);
    }

    @TearDown(Level.Trial)
    public void closeSession() throws Exception {
        try {
            disconnect();
        } finally {
            session.close();
        }
    }
}
