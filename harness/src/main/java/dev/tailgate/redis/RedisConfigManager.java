package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.launch.ConfigProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The one rollback mechanism: apply a {@link ConfigProfile} to a running Redis with a snapshot
 * of every value it touches, and restore that snapshot. Replaces the old rollback scripts.
 *
 * <p>Order of an apply, so that no failure leaves the server half-changed: read the whole
 * config (this also proves CONFIG permission), classify every profile key, write and fsync the
 * snapshot, then change. On Redis 7+ one multi-key CONFIG SET is all-or-nothing (docs/foundations.md); on
 * older servers keys are set one by one and, if one is refused, the ones already set are put
 * back before the error is reported.
 */
public final class RedisConfigManager {

    /** How a profile key can reach this server. */
    public enum Settable { RUNTIME, RESTART, UNSUPPORTED }

    /** One profile key against the server: {@code current} is empty when the server lacks the key. */
    public record KeyPlan(String key, String profileValue, Optional<String> current, Settable settable, int line) {
        public KeyPlan {
            Objects.requireNonNull(key);
            Objects.requireNonNull(profileValue);
            Objects.requireNonNull(current);
            Objects.requireNonNull(settable);
        }

        public boolean changes() {
            return settable == Settable.RUNTIME && !current.orElse("").equals(profileValue);
        }
    }

    public record ApplyResult(Path snapshot, List<String> changed, List<String> unchanged, List<String> restartKeys,
                              List<String> unsupported, boolean atomic) {
        public ApplyResult {
            changed = List.copyOf(changed);
            unchanged = List.copyOf(unchanged);
            restartKeys = List.copyOf(restartKeys);
            unsupported = List.copyOf(unsupported);
        }
    }

    /**
     * Start-up only (CONFIG SET refuses them, docs/foundations.md): listed as "needs a restart", never sent.
     */
    public static final Set<String> STARTUP_ONLY = Set.of("server_cpulist", "bio_cpulist", "aof_rewrite_cpulist",
            "bgsave_cpulist", "io-threads", "io-threads-do-reads", "tcp-backlog", "unixsocket", "unixsocketperm",
            "databases", "daemonize", "supervised", "pidfile", "logfile", "syslog-enabled", "syslog-ident",
            "syslog-facility", "enable-debug-command", "enable-module-command", "enable-protected-configs",
            "disable-thp", "always-show-logo", "aclfile", "appendfilename", "appenddirname", "cluster-enabled",
            "cluster-config-file", "cluster-port", "set-proc-title", "ignore-warnings");
    /** Server replies that mean "this build cannot do that" (Debian's activedefrag), not "wrong value". */
    private static final Pattern UNSUPPORTED_REPLY =
            Pattern.compile("(?i)cannot be enabled|not supported|unsupported|requires a redis server compiled");
    private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'");
    private static final Set<String> KNOWN_KEYS = loadKnownKeys();

    private RedisConfigManager() {
    }

    /**
     * Pure: how each profile key meets a server config. A key no Redis release knows is a typo
     * (bad input); a key this server lacks is "unsupported here"; secret keys are refused.
     */
    public static List<KeyPlan> plan(ConfigProfile profile, Map<String, String> serverConfig) {
        Map<String, ConfigProfile.Directive> last = new LinkedHashMap<>();
        profile.directives().forEach(d -> last.put(d.key(), d));
        List<KeyPlan> out = new ArrayList<>();
        for (ConfigProfile.Directive d : last.values()) {
            String where = "profile " + profile.origin() + ": line " + d.line() + ": ";
            if (Redaction.isSecretKey(d.key())) {
                throw new BadInputException(where + "key " + d.key()
                        + " holds a secret; secrets never go in profiles (use the server's own config)");
            }
            Optional<String> current = Optional.ofNullable(serverConfig.get(d.key()));
            Settable s;
            if (current.isEmpty()) {
                if (!KNOWN_KEYS.contains(d.key())) {
                    throw new BadInputException(where + "unknown Redis config key \"" + d.key()
                            + "\", expected a key CONFIG GET * lists");
                }
                s = Settable.UNSUPPORTED;
            } else {
                s = STARTUP_ONLY.contains(d.key()) ? Settable.RESTART : Settable.RUNTIME;
            }
            out.add(new KeyPlan(d.key(), unquote(d.value()), current, s, d.line()));
        }
        return List.copyOf(out);
    }

    /** {@code ""} -> empty string, {@code "a b"} -> {@code a b}: what CONFIG SET/GET use. */
    static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    /** CONFIG GET *, or one clear bad-input line when the user may not read the config. */
    public static Map<String, String> readConfig(Jedis j, RedisTarget target, Credentials credentials) {
        try {
            return j.configGet("*");
        } catch (JedisDataException e) {
            throw permissionOr(e, target, credentials, "CONFIG GET");
        }
    }

    public static List<KeyPlan> diff(Jedis j, RedisTarget target, Credentials credentials, ConfigProfile profile) {
        return plan(profile, readConfig(j, target, credentials));
    }

    public static ApplyResult apply(Jedis j, RedisTarget target, Credentials credentials, ConfigProfile profile,
                                    Path snapshotDir, Instant now) {
        Map<String, String> before = readConfig(j, target, credentials);
        List<KeyPlan> plan = plan(profile, before);
        Map<String, String> info = RedisConnector.info(j, "server");
        String version = info.getOrDefault("redis_version", "unknown");
        boolean atomic = RedisConnector.majorVersion(version) >= 7;
        Map<String, String> old = new LinkedHashMap<>();
        Map<String, String> desired = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (KeyPlan k : plan) {
            boolean differs = !k.current().orElse("").equals(k.profileValue());
            if (k.settable() == Settable.RUNTIME) {
                old.put(k.key(), k.current().orElseThrow());
                if (differs) {
                    desired.put(k.key(), k.profileValue());
                } else {
                    unchanged.add(k.key());
                }
            } else if (k.settable() == Settable.RESTART) {
                (differs ? restart : unchanged).add(k.key());
            }
        }
        List<String> unsupported = plan.stream().filter(k -> k.settable() == Settable.UNSUPPORTED)
                .map(k -> k.key() + ": not supported by redis " + version).collect(Collectors.toCollection(ArrayList::new));
        Path snap;
        try {
            snap = ConfigSnapshot.of(info.getOrDefault("run_id", ""), target, now, profile.name(), version, old)
                    .write(snapshotDir);
        } catch (IOException e) {
            throw new BadInputException("--snapshot-dir " + snapshotDir + ": cannot write snapshot ("
                    + e.getMessage() + "); nothing was changed");
        }
        try {
            set(j, target, credentials, desired, old, atomic, unsupported);
        } catch (BadInputException e) {
            // set() only reports bad input once the server is back where it was
            deleteQuietly(snap);
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("apply " + profile.name() + " to " + target.url()
                    + " did not finish and the server may be half-changed; restore with: tailgate redis-config rollback "
                    + snap + " --target " + target.url() + " (" + RedisConnector.safe(e.getMessage(), credentials) + ")", e);
        }
        List<String> changed = desired.keySet().stream()
                .filter(k -> unsupported.stream().noneMatch(u -> u.startsWith(k + ":"))).toList();
        return new ApplyResult(snap, changed, unchanged, restart, unsupported, atomic);
    }

    /**
     * Restores a snapshot in one CONFIG SET (key by key on Redis < 7, undoing on failure).
     * Refuses a snapshot of another server process unless {@code force}.
     */
    public static List<String> rollback(Jedis j, RedisTarget target, Credentials credentials, ConfigSnapshot snap,
                                        Path file, boolean force) {
        Map<String, String> info = RedisConnector.info(j, "server");
        String runId = info.getOrDefault("run_id", "");
        if (!runId.equals(snap.runId()) && !force) {
            throw new BadInputException("snapshot " + file + ": taken from server run_id " + snap.runId() + " ("
                    + snap.host() + ":" + snap.port() + "), but " + target.url() + " has run_id " + runId
                    + " (another server, or restarted); nothing changed; --force to restore anyway");
        }
        Map<String, String> current = readConfig(j, target, credentials);
        Map<String, String> restore = new LinkedHashMap<>();
        Map<String, String> previous = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : snap.oldValues().entrySet()) {
            if (!current.containsKey(e.getKey())) {
                throw new BadInputException("snapshot " + file + ": key " + e.getKey() + " unknown to "
                        + target.url() + "; nothing changed");
            }
            restore.put(e.getKey(), e.getValue());
            previous.put(e.getKey(), current.get(e.getKey()));
        }
        boolean atomic = RedisConnector.majorVersion(info.getOrDefault("redis_version", "0")) >= 7;
        List<String> unsupported = new ArrayList<>();
        set(j, target, credentials, restore, previous, atomic, unsupported);
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException("rollback skipped keys the server refused: " + unsupported);
        }
        return List.copyOf(restore.keySet());
    }

    /**
     * Sets {@code desired}; {@code previous} holds the values to put back on failure. Keys the
     * server refuses as unsupported by its build are dropped into {@code unsupported} and the
     * rest still applied; any other refusal leaves the server as it was and is bad input.
     */
    private static void set(Jedis j, RedisTarget target, Credentials cred, Map<String, String> desired,
                            Map<String, String> previous, boolean atomic, List<String> unsupported) {
        Map<String, String> todo = new LinkedHashMap<>(desired);
        if (atomic) {
            while (!todo.isEmpty()) {
                try {
                    j.configSet(todo);
                    return;
                } catch (JedisDataException e) {
                    String msg = RedisConnector.safe(e.getMessage(), cred);
                    Matcher m = ARGUMENT.matcher(msg);
                    String key = m.find() ? m.group(1) : null;
                    if (key != null && todo.containsKey(key) && UNSUPPORTED_REPLY.matcher(msg).find()) {
                        todo.remove(key);
                        unsupported.add(key + ": unsupported here (" + msg + ")");
                        continue;
                    }
                    throw refused(e, target, cred, key, todo, "nothing changed (one atomic CONFIG SET)");
                }
            }
            return;
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, String> e : todo.entrySet()) {
            try {
                j.configSet(e.getKey(), e.getValue());
                done.add(e.getKey());
            } catch (JedisDataException ex) {
                String msg = RedisConnector.safe(ex.getMessage(), cred);
                if (UNSUPPORTED_REPLY.matcher(msg).find()) {
                    unsupported.add(e.getKey() + ": unsupported here (" + msg + ")");
                    continue;
                }
                for (int i = done.size() - 1; i >= 0; i--) {
                    String k = done.get(i);
                    // a failure here escapes as a JedisException: not bad input, the server is half-changed
                    j.configSet(k, previous.get(k));
                }
                throw refused(ex, target, cred, e.getKey(), todo,
                        done.size() + " key(s) already set were restored (server < 7: key by key)");
            }
        }
    }

    private static BadInputException refused(JedisDataException e, RedisTarget target, Credentials cred, String key,
                                             Map<String, String> todo, String outcome) {
        if (isNoPerm(e)) {
            return permissionOr(e, target, cred, "CONFIG SET");
        }
        String what = key != null && todo.containsKey(key) ? key + " " + quote(todo.get(key)) : "the change";
        return new BadInputException("--target " + target.url() + ": CONFIG SET refused " + what + " ("
                + RedisConnector.safe(e.getMessage(), cred) + "); " + outcome);
    }

    private static BadInputException permissionOr(JedisDataException e, RedisTarget target, Credentials cred,
                                                  String command) {
        if (isNoPerm(e)) {
            return new BadInputException("--target " + target.url() + ": user " + target.user().orElse("default")
                    + " may not run " + command + " (grant it +config); nothing changed");
        }
        return new BadInputException("--target " + target.url() + ": " + command + " failed ("
                + RedisConnector.safe(e.getMessage(), cred) + "); nothing changed");
    }

    private static boolean isNoPerm(JedisDataException e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOPERM");
    }

    private static String quote(String v) {
        return "\"" + v + "\"";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale snapshot of unchanged values restores nothing harmful
        }
    }

    private static Set<String> loadKnownKeys() {
        try (InputStream in = RedisConfigManager.class.getResourceAsStream("known-config-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("known-config-keys.txt missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read known-config-keys.txt", e);
        }
    }
}
