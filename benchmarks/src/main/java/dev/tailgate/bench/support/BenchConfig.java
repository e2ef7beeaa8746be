package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything a benchmark JVM needs to know about its environment, read from system
 * properties. This is the contract between the harness (which starts Redis, decides the
 * core plan and launches JMH) and the forked benchmark JVMs: the harness passes these as
 * {@code -D} options through JMH's {@code jvmArgsAppend}; a person running
 * {@code benchmarks.jar} by hand passes them the same way.
 *
 * <table>
 * <caption>System properties</caption>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code tailgate.redis.host}</td><td>{@code 127.0.0.1}</td><td>Redis host</td></tr>
 * <tr><td>{@code tailgate.redis.port}</td><td>{@code 6379}</td><td>Redis port</td></tr>
 * <tr><td>{@code tailgate.redis.user}</td><td>none</td><td>ACL user; absent = default user</td></tr>
 * <tr><td>{@code tailgate.redis.db}</td><td>{@code 0}</td><td>logical database, SELECTed on connect</td></tr>
 * <tr><td>{@code tailgate.redis.passwordFile}</td><td>none</td><td>path of a file holding the
 *     password (stripped of surrounding whitespace); without it the environment variable
 *     {@code REDIS_PASSWORD} is used; without both no AUTH is sent. The password is never
 *     logged, recorded or shown by {@link #toString()}.</td></tr>
 * <tr><td>{@code tailgate.keyPrefix}</td><td>{@code tailgate:bench:}</td><td>every key a
 *     benchmark touches is {@code prefix + shortName + ":" + trialToken + ":" + i}; keys are
 *     preloaded in {@code @Setup(Level.Trial)} and UNLINKed in {@code @TearDown}; nothing is
 *     ever flushed</td></tr>
 * <tr><td>{@code tailgate.keyTtlMillis}</td><td>{@code 0}</td><td>time to live (PX) of every
 *     key a benchmark creates, so keys of an interrupted run expire instead of staying; the
 *     harness sets it (longer than any trial of the run); 0 = keys get no TTL</td></tr>
 * <tr><td>{@code tailgate.pin}</td><td>{@code true}</td><td>pin threads at all; {@code false}
 *     records outcome DISABLED</td></tr>
 * <tr><td>{@code tailgate.cpu.server}</td><td>{@code -1}</td><td>CPU where Redis and the echo
 *     server sit; -1 = none planned (the echo server is then not pinned)</td></tr>
 * <tr><td>{@code tailgate.cpu.clients}</td><td>empty</td><td>comma list of CPUs for benchmark
 *     client threads, handed out round-robin per JVM; empty = the affinity library
 *     chooses</td></tr>
 * <tr><td>{@code tailgate.pinning.dir}</td><td>none</td><td>directory where every pinned or
 *     pin-attempting thread writes one JSON {@link PinningRecord}</td></tr>
 * <tr><td>{@code tailgate.protocol}</td><td>{@code RESP2}</td><td>RESP2 or RESP3; Jedis and
 *     Lettuce are set to it explicitly (raw RESP benchmarks always speak RESP2)</td></tr>
 * <tr><td>{@code tailgate.redis.socket}</td><td>none</td><td>Unix socket path; when set, host and
 *     port are not used (port may be 0)</td></tr>
 * <tr><td>{@code tailgate.redis.tls}</td><td>{@code false}</td><td>TLS to host:port</td></tr>
 * <tr><td>{@code tailgate.redis.tls.ca}, {@code .cert}, {@code .key}</td><td>none</td><td>PEM
 *     file paths (CA to trust, else the JVM's; client certificate and PKCS#8 key). Paths only:
 *     a key's contents never travel in a property</td></tr>
 * <tr><td>{@code tailgate.redis.tls.serverName}</td><td>the host</td><td>name the server
 *     certificate must carry, sent as SNI</td></tr>
 * <tr><td>{@code tailgate.redis.tls.insecure}</td><td>{@code false}</td><td>no certificate
 *     verification at all</td></tr>
 * </table>
 *
 * A malformed value fails the trial at setup with one line naming the property, the
 * expected form and the value found: a benchmark that silently fell back to a default would
 * measure something else than asked.
 */
public record BenchConfig(
        String redisHost,
        int redisPort,
        Optional<String> redisUser,
        int redisDb,
        Optional<Path> passwordFile,
        String keyPrefix,
        boolean pin,
        int serverCpu,
        List<Integer> clientCpus,
        Optional<Path> pinningDir,
        Protocol protocol,
        long keyTtlMillis,
        Optional<Path> redisSocket,
        Optional<TlsSettings> tls) {

    public static final String HOST = "tailgate.redis.host";
    public static final String PORT = "tailgate.redis.port";
    public static final String USER = "tailgate.redis.user";
    public static final String DB = "tailgate.redis.db";
    public static final String PASSWORD_FILE = "tailgate.redis.passwordFile";
    public static final String PASSWORD_ENV = "REDIS_PASSWORD";
    public static final String KEY_PREFIX = "tailgate.keyPrefix";
    public static final String KEY_TTL_MILLIS = "tailgate.keyTtlMillis";
    public static final String PIN = "tailgate.pin";
    public static final String CPU_SERVER = "tailgate.cpu.server";
    public static final String CPU_CLIENTS = "tailgate.cpu.clients";
    public static final String PINNING_DIR = "tailgate.pinning.dir";
    public static final String PROTOCOL = "tailgate.protocol";
    public static final String SOCKET = "tailgate.redis.socket";
    public static final String TLS = "tailgate.redis.tls";
    public static final String TLS_CA = "tailgate.redis.tls.ca";
    public static final String TLS_CERT = "tailgate.redis.tls.cert";
    public static final String TLS_KEY = "tailgate.redis.tls.key";
    public static final String TLS_SERVER_NAME = "tailgate.redis.tls.serverName";
    public static final String TLS_INSECURE = "tailgate.redis.tls.insecure";

    /** The Redis protocol version the client libraries are pinned to. */
    public enum Protocol { RESP2, RESP3 }

    public BenchConfig {
        Objects.requireNonNull(redisHost, "redisHost");
        Objects.requireNonNull(redisUser, "redisUser");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(pinningDir, "pinningDir");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(redisSocket, "redisSocket");
        Objects.requireNonNull(tls, "tls");
        if (redisSocket.isPresent() && tls.isPresent()) {
            throw new IllegalArgumentException(SOCKET + " and " + TLS + ": a Unix socket has no TLS, give one of them");
        }
        if ((redisPort < 1 && redisSocket.isEmpty()) || redisPort < 0 || redisPort > 65535) {
            throw new IllegalArgumentException(PORT + ": expected 1..65535, got " + redisPort);
        }
        if (redisDb < 0) {
            throw new IllegalArgumentException(DB + ": expected >= 0, got " + redisDb);
        }
        if (keyPrefix.isEmpty()) {
            throw new IllegalArgumentException(KEY_PREFIX + ": expected a non-empty prefix, got \"\"");
        }
        if (keyTtlMillis < 0) {
            throw new IllegalArgumentException(KEY_TTL_MILLIS + ": expected milliseconds >= 0, got " + keyTtlMillis);
        }
        if (serverCpu < -1) {
            throw new IllegalArgumentException(CPU_SERVER + ": expected a CPU number or -1, got " + serverCpu);
        }
        clientCpus = List.copyOf(clientCpus);
        for (int cpu : clientCpus) {
            if (cpu < 0) {
                throw new IllegalArgumentException(CPU_CLIENTS + ": expected CPU numbers >= 0, got " + cpu);
            }
        }
    }

    /** Reads the contract from {@link System#getProperties()}. */
    public static BenchConfig fromSystemProperties() {
        return from(System::getProperty);
    }

    /** Reads the contract from any property source (tests pass a map's {@code get}). */
    public static BenchConfig from(UnaryOperator<String> props) {
        return new BenchConfig(
                text(props, HOST, "127.0.0.1"),
                integer(props, PORT, 6379),
                optional(props, USER),
                integer(props, DB, 0),
                optional(props, PASSWORD_FILE).map(Path::of),
                text(props, KEY_PREFIX, "tailgate:bench:"),
                bool(props, PIN, true),
                integer(props, CPU_SERVER, -1),
                cpuList(props.apply(CPU_CLIENTS)),
                optional(props, PINNING_DIR).map(Path::of),
                protocol(props.apply(PROTOCOL)),
                integer(props, KEY_TTL_MILLIS, 0),
                optional(props, SOCKET).map(Path::of),
                bool(props, TLS, false) ? Optional.of(tls(props)) : Optional.empty());
    }

    private static TlsSettings tls(UnaryOperator<String> props) {
        return new TlsSettings(optional(props, TLS_CA).map(Path::of), optional(props, TLS_CERT).map(Path::of),
                optional(props, TLS_KEY).map(Path::of), optional(props, TLS_SERVER_NAME), bool(props, TLS_INSECURE, false));
    }

    /** Where the clients connect: TCP, TLS or a Unix socket. */
    public RedisEndpoint endpoint() {
        return new RedisEndpoint(redisHost, redisPort, redisSocket, tls);
    }

    /** This config with another server CPU (the hiccup meter moved to a client CPU uses it). */
    public BenchConfig withServerCpu(int cpu) {
        return new BenchConfig(redisHost, redisPort, redisUser, redisDb, passwordFile, keyPrefix, pin, cpu, clientCpus,
                pinningDir, protocol, keyTtlMillis, redisSocket, tls);
    }

    /** Convenience for tests and the harness: the defaults overridden by {@code overrides}. */
    public static BenchConfig of(Map<String, String> overrides) {
        return from(overrides::get);
    }

    /**
     * The password: the file named by {@code tailgate.redis.passwordFile} if set, else
     * {@code REDIS_PASSWORD}, else none. Read on demand and never stored in this record.
     */
    public Optional<String> password() {
        if (passwordFile.isPresent()) {
            Path file = passwordFile.get();
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (s.isEmpty()) {
                    throw new IllegalArgumentException(PASSWORD_FILE + " " + file + ": file is empty");
                }
                return Optional.of(s);
            } catch (IOException e) {
                throw new UncheckedIOException(PASSWORD_FILE + " " + file + ": cannot read", e);
            }
        }
        String env = System.getenv(PASSWORD_ENV);
        return env == null || env.isEmpty() ? Optional.empty() : Optional.of(env);
    }

    private static String text(UnaryOperator<String> props, String key, String dflt) {
        String v = props.apply(key);
        return v == null || v.isBlank() ? dflt : v.strip();
    }

    private static Optional<String> optional(UnaryOperator<String> props, String key) {
        String v = props.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int integer(UnaryOperator<String> props, String key, int dflt) {
        String v = props.apply(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, got \"" + v + "\"");
        }
    }

    private static boolean bool(UnaryOperator<String> props, String key, boolean dflt) {
        String v = props.apply(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true|false, got \"" + v + "\"");
        };
    }

    static List<Integer> cpuList(String v) {
        List<Integer> cpus = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return cpus;
        }
        for (String part : v.split(",")) {
            try {
                cpus.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(CPU_CLIENTS + ": expected a comma list of CPU numbers like 1,3, got \"" + v + "\"");
            }
        }
        return cpus;
    }

    private static Protocol protocol(String v) {
        if (v == null || v.isBlank()) {
            return Protocol.RESP2;
        }
        try {
            return Protocol.valueOf(v.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROTOCOL + ": expected RESP2|RESP3, got \"" + v + "\"");
        }
    }
}
