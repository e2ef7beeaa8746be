package dev.tailgate.cli;

import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --target URL}, {@code --user NAME}, the TLS options and {@code --password-file FILE}, the
 * picocli mixin of every command that takes {@code --target} (docs/targets.md). The password
 * comes from the file or {@code REDIS_PASSWORD}, never argv.
 * {@code --target} is optional to picocli: a command that cannot work without a server says so
 * with {@link #requireTarget}, one line and the usage exit code.
 */
public final class TargetOptions {
    @Option(names = "--target", paramLabel = "URL",
            description = "External Redis: redis://[user@]host:port[/db], rediss://... (TLS), unix:///path/redis.sock[?db=N]"
                    + " or redis-cluster://[user@]host:port[,host:port...] (a cluster's seed nodes; rediss-cluster:// over TLS)."
                    + " Password from REDIS_PASSWORD or --password-file, never the URL.")
    String target;

    @Option(names = "--user", paramLabel = "NAME", description = "ACL user (or user@ in the URL).")
    String user;

    @Mixin
    Tls tls = new Tls();

    @Mixin
    PasswordFile password = new PasswordFile();

    public Optional<RedisTarget> target() {
        if (target == null) {
            if (user != null || tls.given()) {
                throw new UsageException((user != null ? "--user" : "--tls-*") + " given without --target");
            }
            return Optional.empty();
        }
        RedisTarget t = RedisTarget.parse(target, tls.settings());
        return Optional.of(tls.check(withUser(t, user)));
    }

    /** The target with {@code --user}, which must not contradict a user in the URL. */
    static RedisTarget withUser(RedisTarget t, String user) {
        if (user == null) {
            return t;
        }
        if (user.isBlank()) {
            throw new UsageException("--user: empty name");
        }
        if (t.user().isPresent() && !t.user().get().equals(user)) {
            throw new UsageException("--user " + user + " contradicts the user " + t.user().get() + " in --target");
        }
        return t.withUser(Optional.of(user));
    }

    /** For commands that cannot work without a server. */
    public RedisTarget requireTarget(String command) {
        return target().orElseThrow(() -> new UsageException(command + ": --target URL is required"));
    }

    public Optional<Path> passwordFile() {
        return password.file();
    }

    public Credentials credentials() {
        return password.credentials();
    }

    /**
     * {@code --password-file FILE} alone, for commands that name their servers otherwise
     * ({@code ab}'s arms); {@link TargetOptions} mixes it in.
     */
    public static final class PasswordFile {
        @Option(names = "--password-file", paramLabel = "FILE",
                description = "File holding the Redis password (wins over REDIS_PASSWORD).")
        Path file;

        /** Environment source; tests replace it. */
        Map<String, String> env = System.getenv();

        public Optional<Path> file() {
            return Optional.ofNullable(file);
        }

        public Credentials credentials() {
            return Credentials.resolve(file(), env);
        }
    }

    /**
     * {@code --tls-ca}, {@code --tls-cert}, {@code --tls-key}, {@code --tls-server-name},
     * {@code --tls-insecure}: for a {@code rediss://} or {@code rediss-cluster://} target only
     * (a cluster's every node gets the same settings). Verification is on unless
     * {@code --tls-insecure} is given; only the file paths are kept (and recorded), never contents.
     */
    public static final class Tls {
        @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM CA certificate(s) to trust (default: the JVM's trust store).")
        Path ca;

        @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM client certificate (with --tls-key).")
        Path cert;

        @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 key of --tls-cert.")
        Path key;

        @Option(names = "--tls-server-name", paramLabel = "NAME",
                description = "Name the server certificate must carry, sent as SNI (default: the target's host).")
        String serverName;

        @Option(names = "--tls-insecure", description = "No certificate verification at all (recorded in the manifest).")
        boolean insecure;

        boolean given() {
            return ca != null || cert != null || key != null || serverName != null || insecure;
        }

        /** The settings, with every file checked now: a bad path is one line before anything starts. */
        public TlsSettings settings() {
            if (insecure && (ca != null || serverName != null)) {
                throw new UsageException("--tls-insecure turns verification off: it contradicts "
                        + (ca != null ? "--tls-ca" : "--tls-server-name"));
            }
            if ((cert == null) != (key == null)) {
                throw new UsageException("--tls-cert and --tls-key go together: give both or neither");
            }
            readable("--tls-ca", ca);
            readable("--tls-cert", cert);
            readable("--tls-key", key);
            return new TlsSettings(Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key),
                    Optional.ofNullable(serverName), insecure);
        }

        /** A TLS option on a target that is not {@code rediss://} (or {@code rediss-cluster://}) is a mistake, not something to ignore. */
        public RedisTarget check(RedisTarget t) {
            if (given() && t.tls().isEmpty()) {
                throw new UsageException("--tls-* options need a " + (t.isCluster() ? "rediss-cluster://" : "rediss://")
                        + " target, got " + t.url() + (t.isCluster() ? " (a TCP cluster; TLS to a cluster is rediss-cluster://)" : ""));
            }
            return t;
        }

        /**
         * An A/B arm with these settings on its {@code rediss://} or {@code rediss-cluster://}
         * target (an embedded arm's transport is {@code --topology}'s).
         */
        public dev.tailgate.run.ArmSpec apply(dev.tailgate.run.ArmSpec arm) {
            if (arm.target().isEmpty() || arm.target().get().tls().isEmpty()) {
                return arm;
            }
            RedisTarget withTls = arm.target().get().withTls(settings());
            return new dev.tailgate.run.ArmSpec(arm.text(), arm.profile(), arm.binary(), Optional.of(withTls), arm.injection());
        }

        private static void readable(String option, Path p) {
            if (p != null && !Files.isReadable(p)) {
                throw new BadInputException(option + " " + p + ": " + (Files.exists(p) ? "not readable" : "no such file"));
            }
        }
    }

    /** Where profiles are looked up: {@code -Dtailgate.home}, else the working directory if it has profiles/. */
    static Optional<Path> home() {
        String h = System.getProperty("tailgate.home");
        if (h != null) {
            return Optional.of(Path.of(h));
        }
        Path cwd = Path.of("").toAbsolutePath();
        return java.nio.file.Files.isDirectory(cwd.resolve("profiles")) ? Optional.of(cwd) : Optional.empty();
    }
}
