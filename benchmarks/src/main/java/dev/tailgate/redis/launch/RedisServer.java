package dev.tailgate.redis.launch;

import dev.tailgate.bench.support.RedisEndpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway {@code redis-server} on a loopback port: no persistence, the chosen profile,
 * pinned with {@code server_cpulist} (start-up only), and always stopped. The product and every
 * test that needs Redis start it here, so tests run the server the way users get it.
 *
 * <p>Stopping is guaranteed three ways: {@link #close()} (normal path and failures), a JVM
 * shutdown hook (Ctrl-C, SIGTERM), and a watchdog for the case no Java code runs at all (the
 * JVM is SIGKILLed): Redis is started by a tiny {@code /bin/sh} wrapper that holds this JVM's
 * pipe on its stdin; when the JVM dies the pipe reaches EOF and the wrapper kills Redis.
 *
 * <p>Directives the server does not know (the bundled Redis 6.2 lacks some Redis 7 keys) are
 * dropped one by one and listed in {@link #skippedDirectives()}, never silently.
 */
public final class RedisServer implements AutoCloseable {

    /**
     * @param binary       the redis-server to run
     * @param profile      config profile whose directives come first
     * @param port         0 = pick a free loopback port
     * @param serverCpus   CPU list for server_cpulist (e.g. "0"); empty = not pinned
     * @param workDir      where the generated config, the log and Redis's own files go; empty = a
     *                     fresh temporary directory, deleted when the server is closed
     * @param startTimeout how long to wait for the server to answer
     * @param extraConfig  config lines after the launcher's own (ACL {@code user} lines,
     *                     {@code requirepass}); none may set what the launcher forces
     * @param topology     TCP, TLS (throwaway CA) or a Unix socket
     */
    public record Options(RedisBinary binary, ConfigProfile profile, int port, Optional<String> serverCpus,
                          Optional<Path> workDir, Duration startTimeout, List<String> extraConfig, Topology topology) {
        public Options {
            Objects.requireNonNull(binary);
            Objects.requireNonNull(topology);
            Objects.requireNonNull(profile);
            Objects.requireNonNull(serverCpus);
            Objects.requireNonNull(workDir);
            Objects.requireNonNull(startTimeout);
            extraConfig = List.copyOf(extraConfig);
            for (String line : extraConfig) {
                String key = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                if (RedisConfigFile.FORCED.contains(key) && !key.equals("requirepass")) {
                    throw new IllegalArgumentException("extra config \"" + key + "\": set by the launcher itself");
                }
            }
        }

        /** A plain TCP server. */
        public Options(RedisBinary binary, ConfigProfile profile, int port, Optional<String> serverCpus,
                       Optional<Path> workDir, Duration startTimeout, List<String> extraConfig) {
            this(binary, profile, port, serverCpus, workDir, startTimeout, extraConfig, Topology.STANDALONE);
        }

        /** A server whose files stay in {@code workDir}, with no extra config. */
        public Options(RedisBinary binary, ConfigProfile profile, int port, Optional<String> serverCpus,
                       Path workDir, Duration startTimeout) {
            this(binary, profile, port, serverCpus, Optional.of(workDir), startTimeout, List.of());
        }

        public Options withPort(int p) {
            return new Options(binary, profile, p, serverCpus, workDir, startTimeout, extraConfig, topology);
        }

        public Options withTopology(Topology t) {
            return new Options(binary, profile, port, serverCpus, workDir, startTimeout, extraConfig, t);
        }

        public Options withServerCpus(String cpus) {
            return new Options(binary, profile, port, Optional.of(cpus), workDir, startTimeout, extraConfig, topology);
        }
    }

    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$0\" \"$@\" >\"$TAILGATE_REDIS_OUT\" 2>&1 </dev/null &",
            "rp=$!",
            "echo \"$rp\"",
            "( while read -r _; do :; done; kill -TERM \"$rp\" 2>/dev/null ) <&3 >/dev/null 2>&1 &",
            "exec 3<&-",
            "wait \"$rp\"");
    private static final Pattern BAD_DIRECTIVE = Pattern.compile(">>> '([A-Za-z0-9_-]+)");
    private static final int MAX_ATTEMPTS = 12;

    private final Options options;
    private final int port;
    private final Process wrapper;
    private final long redisPid;
    private final Path configFile;
    private final List<String> skipped;
    private final Thread hook;
    private final boolean scratch;
    private final ServerTransport transport;
    private volatile boolean closed;

    private RedisServer(Options options, int port, Process wrapper, long redisPid, Path configFile,
                        List<String> skipped, boolean scratch, ServerTransport transport) {
        this.options = options;
        this.transport = transport;
        this.scratch = scratch;
        this.port = port;
        this.wrapper = wrapper;
        this.redisPid = redisPid;
        this.configFile = configFile;
        this.skipped = List.copyOf(skipped);
        this.hook = new Thread(this::stopQuietly, "tailgate-redis-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static RedisServer start(Options options) {
        return start(options, Optional.empty());
    }

    /**
     * Starts with {@code given} as the transport when present (a TLS cluster's node, whose
     * certificates the cluster owns), else one prepared for {@code options.topology()}.
     */
    static RedisServer start(Options options, Optional<ServerTransport> given) {
        boolean scratch = options.workDir().isEmpty();
        Path work;
        try {
            work = scratch ? Files.createTempDirectory("tailgate-redis") : Files.createDirectories(options.workDir().get());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work directory for redis-server", e);
        }
        Options o = new Options(options.binary(), options.profile(), options.port(), options.serverCpus(),
                Optional.of(work), options.startTimeout(), options.extraConfig(), options.topology());
        ServerTransport transport = null;
        try {
            transport = given.isPresent() ? given.get() : ServerTransport.prepare(o.topology());
            return launch(o, scratch, transport);
        } catch (RuntimeException e) {
            if (transport != null) {
                transport.delete();
            }
            if (scratch) {
                deleteQuietly(work);
            }
            throw e;
        }
    }

    private static RedisServer launch(Options o, boolean scratch, ServerTransport transport) {
        Set<String> dropped = new LinkedHashSet<>();
        List<String> skippedReasons = new ArrayList<>();
        boolean autoPort = o.port() == 0;
        int port = autoPort ? freePort() : o.port();
        if (!autoPort && !portFree(port)) {
            throw new RedisLaunchException("--port " + port + ": already in use on 127.0.0.1");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path work = o.workDir().get();
            Path conf = work.resolve("redis.conf");
            Path out = work.resolve("redis-stdout.log");
            Path log = work.resolve("redis.log");
            try {
                Files.writeString(conf, RedisConfigFile.render(o, transport.listenLines(port), dropped, log),
                        StandardCharsets.UTF_8);
                Files.deleteIfExists(log);
                Files.deleteIfExists(out);
                Process wrapper = startWrapper(o, conf, out);
                long pid = redisPid(wrapper);
                Optional<String> failure = awaitReady(wrapper, transport.endpoint("127.0.0.1", port), o.startTimeout());
                if (failure.isEmpty()) {
                    return new RedisServer(o, port, wrapper, pid, conf, skippedReasons, scratch, transport);
                }
                killQuietly(wrapper, pid);
                String text = readQuietly(out) + "\n" + readQuietly(log);
                Optional<String> rejected = rejectedKey(text);
                if (rejected.isPresent()) {
                    Optional<String> refused = transport.refusal(rejected.get(), o.binary());
                    if (refused.isPresent()) {
                        throw new RedisLaunchException(refused.get());
                    }
                    if (dropped.add(rejected.get().toLowerCase(Locale.ROOT))) {
                        skippedReasons.add(rejected.get() + ": not supported by redis-server " + o.binary().version());
                        continue;
                    }
                }
                if (text.contains("Address already in use")) {
                    if (autoPort) {
                        port = freePort();
                        continue;
                    }
                    throw new RedisLaunchException("--port " + port + ": already in use on 127.0.0.1");
                }
                throw new RedisLaunchException("redis-server " + o.binary().path() + " did not start: "
                        + failure.get() + firstErrorLine(text).map(l -> " (" + l + ")").orElse(""));
            } catch (IOException e) {
                throw new RedisLaunchException("redis-server " + o.binary().path() + ": cannot start (" + e.getMessage() + ")");
            }
        }
        throw new RedisLaunchException("redis-server " + o.binary().path() + " did not start after "
                + MAX_ATTEMPTS + " attempts; skipped: " + skippedReasons);
    }

    private static Optional<String> awaitReady(Process wrapper, RedisEndpoint endpoint, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!wrapper.isAlive()) {
                return Optional.of("exited with status " + wrapper.exitValue());
            }
            if (ServerTransport.answers(endpoint)) {
                return Optional.empty();
            }
            try {
                wrapper.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.of("no PONG within " + timeout.toMillis() + " ms");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The watchdog wrapper (see {@link #WATCHDOG}) running redis-server with {@code conf}. */
    private static Process startWrapper(Options o, Path conf, Path out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", WATCHDOG, o.binary().path().toString(), conf.toString());
        pb.environment().put("TAILGATE_REDIS_OUT", out.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** The pid of redis-server, the wrapper's first line. */
    private static long redisPid(Process wrapper) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8));
        String pidLine = r.readLine();
        if (pidLine == null) {
            throw new IllegalStateException("redis-server wrapper printed no pid");
        }
        return Long.parseLong(pidLine.strip());
    }

    /** The config key a failed start rejected, if the server's output says it rejected one. */
    private static Optional<String> rejectedKey(String text) {
        Matcher m = BAD_DIRECTIVE.matcher(text);
        boolean rejected = text.contains("Bad directive") || text.contains("wrong number of arguments")
                || text.contains("Unsupported") || text.contains("argument(s) must be one of");
        return rejected && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> firstErrorLine(String text) {
        return text.lines().map(String::strip)
                .filter(l -> l.contains("FATAL") || l.contains("Bad directive") || l.contains("error")
                        || l.contains("Error") || l.contains("Could not") || l.contains(">>>"))
                .filter(l -> !l.isEmpty()).reduce((a, b) -> a + "; " + b);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void killQuietly(Process wrapper, long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        try {
            wrapper.getOutputStream().close();
        } catch (IOException ignored) {
            // the wrapper may be gone already
        }
        wrapper.destroyForcibly();
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join());
    }

    /** Always loopback: the launcher binds nothing else. */
    public String host() {
        return "127.0.0.1";
    }

    /** The TCP or TLS port; for a Unix socket, the port the launcher reserved and left unused. */
    public int port() {
        return port;
    }

    /** How clients reach this server: TCP, TLS (trusting the throwaway CA) or the Unix socket. */
    public RedisEndpoint endpoint() {
        return transport.endpoint(host(), port);
    }

    public Topology topology() {
        return transport.topology();
    }

    /** The throwaway CA and certificates of a TLS server (deleted when it stops). */
    public Optional<ThrowawayCerts> certificates() {
        return transport.certs();
    }

    public long pid() {
        return redisPid;
    }

    public Path configFile() {
        return configFile;
    }

    public RedisBinary binary() {
        return options.binary();
    }

    public ConfigProfile profile() {
        return options.profile();
    }

    public Optional<String> serverCpus() {
        return options.serverCpus();
    }

    /** Directives dropped because this server does not know them, with the reason. */
    public List<String> skippedDirectives() {
        return skipped;
    }

    public boolean isAlive() {
        return ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the server and, when the launcher chose the work directory, deletes it. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is what called us
        }
        if (scratch) {
            deleteQuietly(options.workDir().orElseThrow());
        }
        transport.delete();
    }

    /** Best effort: the server is stopped, a leftover file in a temp directory harms no result. */
    private static void deleteQuietly(Path dir) {
        ServerTransport.deleteQuietly(dir);
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try (Socket s = endpoint().open(500, 2000)) {
            OutputStream os = s.getOutputStream();
            os.write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            os.flush();
            s.getInputStream().read();
        } catch (IOException | RuntimeException ignored) {
            // fall through to signals
        }
        try {
            wrapper.getOutputStream().close();
            if (!wrapper.waitFor(5, TimeUnit.SECONDS)) {
                ProcessHandle.of(redisPid).ifPresent(ProcessHandle::destroyForcibly);
                wrapper.destroyForcibly();
                wrapper.waitFor(5, TimeUnit.SECONDS);
            }
            Optional<ProcessHandle> h = ProcessHandle.of(redisPid);
            if (h.isPresent() && h.get().isAlive()) {
                h.get().destroyForcibly();
                h.get().onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            ProcessHandle.of(redisPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
