package dev.tailgate.redis.telemetry;

import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.SupportStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.Slowlog;

/**
 * Captures {@link TelemetrySnapshot}s from one Redis over one connection, and writes them
 * around a run. Read-only on the target: it never resets stats, the slowlog or the latency
 * monitor, and never changes the configuration (an external target belongs to someone else).
 *
 * <p>Usage around a run: {@code beforeRun(runDir, now)} writes {@code redis-before.json};
 * {@code afterRun(runDir, now)} reads it back, writes {@code redis-after.json} and
 * {@code redis-diff.json}, and returns the diff. Time is passed in; nothing here reads a clock.
 *
 * <p>Capture order is chosen for validity: INFO first, so that the counters are read before the
 * capture's own SLOWLOG/LATENCY/CONFIG calls; the connection names itself
 * {@value #CLIENT_NAME} so its own slowlog entries can be told apart.
 */
public final class Telemetry implements AutoCloseable {
    public static final String CLIENT_NAME = "tailgate-telemetry";
    public static final String BEFORE_FILE = "redis-before.json";
    public static final String AFTER_FILE = "redis-after.json";
    public static final String DIFF_FILE = "redis-diff.json";

    private final RedisTarget target;
    private final Jedis jedis;
    private final Redaction redaction;
    private final String credentialSource;

    private Telemetry(RedisTarget target, Jedis jedis, Redaction redaction, String credentialSource) {
        this.target = target;
        this.jedis = jedis;
        this.redaction = redaction;
        this.credentialSource = credentialSource;
    }

    /**
     * Connects and authenticates; every failure is a {@link BadInputException} with one line
     * naming the target (unreachable, NOAUTH, WRONGPASS, NOPERM). RESP2 is pinned: the
     * LATENCY reply parsers expect its shapes.
     */
    public static Telemetry connect(RedisTarget target, Credentials credentials, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Redaction redaction = Redaction.withSecret(credentials.secret());
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2)
                .clientName(CLIENT_NAME)
                .database(target.db())
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis());
        target.user().ifPresent(cfg::user);
        credentials.secret().ifPresent(cfg::password);
        Jedis jedis = null;
        try {
            jedis = dev.tailgate.redis.RedisConnector.jedis(target, cfg.build());
            jedis.ping();
            return new Telemetry(target, jedis, redaction, credentials.source());
        } catch (JedisException e) {
            if (jedis != null) {
                jedis.close();
            }
            throw explain(target, "connect", e, redaction, credentials.source());
        }
    }

    public RedisTarget target() {
        return target;
    }

    /** One full snapshot; {@code at} is the caller's timestamp for it. */
    public TelemetrySnapshot capture(Instant at) {
        return capture(at, true);
    }

    /**
     * A snapshot without {@code CONFIG GET *}, for repeated sampling ({@code monitor --interval}).
     * Each capture runs on Redis's main thread and delays every other client; {@code CONFIG GET *}
     * is the largest single part of a full capture and the configuration rarely changes between
     * intervals, so leaving it out roughly halves what a repeated capture costs the server.
     */
    public TelemetrySnapshot captureLight(Instant at) {
        return capture(at, false);
    }

    private TelemetrySnapshot capture(Instant at, boolean withConfig) {
        String step = "INFO everything";
        try {
            List<String> notes = new ArrayList<>();
            Map<String, Map<String, String>> info = InfoText.parse(redaction.scrub(jedis.info("everything")));
            String version = info.getOrDefault("server", Map.of()).getOrDefault("redis_version", "");
            int major = major(version);

            // LEN before GET: with a low threshold each call is logged itself, and GET must see
            // at least as many entries as LEN reported or the diff would count a phantom one.
            step = "SLOWLOG LEN";
            long slowlogLength = jedis.slowlogLen();
            step = "SLOWLOG GET";
            List<SlowlogEntry> slowlog = new ArrayList<>();
            for (Slowlog s : jedis.slowlogGet(TelemetrySnapshot.SLOWLOG_FETCH)) {
                slowlog.add(new SlowlogEntry(s.getId(), s.getTimeStamp(), s.getExecutionTime(),
                        redaction.slowlogArgs(s.getArgs()),
                        s.getClientIpPort() == null ? "" : s.getClientIpPort().toString(),
                        s.getClientName() == null ? "" : redaction.scrub(s.getClientName())));
            }

            step = "LATENCY LATEST";
            List<LatencyEvent> latest = LatencyReplies.latest(jedis.sendCommand(Protocol.Command.LATENCY, "LATEST"));

            step = "CONFIG GET *";
            Map<String, String> config = Map.of();
            if (withConfig) {
                try {
                    config = redaction.config(jedis.configGet("*"));
                } catch (JedisDataException e) {
                    // Managed services rename or block CONFIG; the rest is still worth having.
                    // A NOPERM (an ACL the user can fix) stays an error.
                    if (!unknownCommand(e)) {
                        throw e;
                    }
                    notes.add("CONFIG GET *: refused by the server (" + redaction.message(e.getMessage()) + ")");
                }
            } else {
                notes.add("CONFIG GET *: not captured (light snapshot)");
            }

            SupportStatus latencyStats = latencyStatsStatus(info, config, major, version, notes);

            step = "LATENCY HISTOGRAM";
            SupportStatus histogramStatus = SupportStatus.UNSUPPORTED_BY_SERVER;
            List<CommandHistogram> histograms = List.of();
            if (major >= 7) {
                try {
                    histograms = LatencyReplies.histogram(jedis.sendCommand(Protocol.Command.LATENCY, "HISTOGRAM"));
                    histogramStatus = SupportStatus.SUPPORTED;
                } catch (JedisDataException e) {
                    if (!unknownCommand(e)) {
                        throw e;
                    }
                    notes.add("LATENCY HISTOGRAM: refused by redis " + version + " (" + redaction.message(e.getMessage()) + ")");
                }
            } else {
                notes.add("LATENCY HISTOGRAM: unsupported by this server (redis " + version + ", needs 7.0+)");
            }
            return new TelemetrySnapshot(TelemetrySnapshot.FORMAT_VERSION, at, target.url(), CLIENT_NAME, info,
                    latencyStats, histogramStatus, histograms, latest, slowlogLength, slowlog, config, notes);
        } catch (JedisException e) {
            throw explain(target, step, e, redaction, credentialSource);
        }
    }

    private static SupportStatus latencyStatsStatus(Map<String, Map<String, String>> info, Map<String, String> config,
                                                    int major, String version, List<String> notes) {
        if (info.containsKey("latencystats") && major >= 7) {
            if ("no".equals(config.get("latency-tracking"))) {
                notes.add("INFO latencystats: latency-tracking is off on this server");
                return SupportStatus.DISABLED_ON_SERVER;
            }
            return SupportStatus.SUPPORTED;
        }
        notes.add("INFO latencystats: unsupported by this server (redis " + version + ", needs 7.0+)");
        return SupportStatus.UNSUPPORTED_BY_SERVER;
    }

    /** Captures and writes {@code runDir/redis-before.json}. */
    public TelemetrySnapshot beforeRun(Path runDir, Instant at) {
        TelemetrySnapshot s = capture(at);
        TelemetryJson.write(runDir.resolve(BEFORE_FILE), s);
        return s;
    }

    /**
     * Captures {@code redis-after.json}, diffs it against the {@code redis-before.json} already
     * in {@code runDir}, writes {@code redis-diff.json} and returns the diff.
     */
    public TelemetryDiff afterRun(Path runDir, Instant at) {
        TelemetrySnapshot before = TelemetryJson.readSnapshot(runDir.resolve(BEFORE_FILE));
        TelemetrySnapshot after = capture(at);
        TelemetryJson.write(runDir.resolve(AFTER_FILE), after);
        TelemetryDiff diff = TelemetryDiff.between(before, after);
        TelemetryJson.write(runDir.resolve(DIFF_FILE), diff);
        return diff;
    }

    @Override
    public void close() {
        jedis.close();
    }

    static int major(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static boolean unknownCommand(JedisDataException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("unknown command") || m.contains("Unknown subcommand") || m.contains("unknown subcommand");
    }

    /** One line for the user: which target, what failed, what to do. Never contains the password. */
    static BadInputException explain(RedisTarget target, String step, JedisException e, Redaction redaction,
                                     String credentialSource) {
        String where = "--target " + target.url() + ": ";
        String msg = redaction.message(rootMessage(e));
        if (e instanceof JedisConnectionException && !msg.startsWith("WRONGPASS") && !msg.startsWith("NOAUTH")
                && !msg.startsWith("NOPERM")) {
            return new BadInputException(redaction.message(dev.tailgate.redis.TransportErrors.unreachable(target, e,
                    "cannot connect")), e);
        }
        if (msg.startsWith("WRONGPASS") || msg.contains("invalid password") || msg.contains("invalid username-password")) {
            return new BadInputException(where + "authentication failed with the password from " + credentialSource
                    + " (" + firstLine(msg) + ")", e);
        }
        if (msg.startsWith("NOAUTH") || msg.contains("Authentication required")) {
            return new BadInputException(where + "the server requires a password (" + firstLine(msg)
                    + "): set " + Credentials.ENV + " or --password-file", e);
        }
        if (msg.contains("without any password configured")) {
            return new BadInputException(where + "a password was given (" + credentialSource
                    + ") but the server has none configured", e);
        }
        if (msg.startsWith("NOPERM")) {
            return new BadInputException(where + step + " not permitted for user "
                    + target.user().orElse("default") + " (" + firstLine(msg) + "); telemetry needs"
                    + " +info +config|get +slowlog|get +slowlog|len +latency|latest +latency|histogram +client|setname", e);
        }
        return new BadInputException(where + step + " failed (" + firstLine(msg) + ")", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String m = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                m = t.getMessage();
            }
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").strip();
    }
}
