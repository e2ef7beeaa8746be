package dev.tailgate.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of telemetry files. Three layers, because each alone has a gap:
 * <ol>
 *   <li>CONFIG values whose key looks secret ({@code requirepass}, {@code masterauth},
 *       anything matching {@code (?i)pass|secret|auth|token}) are replaced;</li>
 *   <li>slowlog arguments of commands that carry credentials (AUTH, HELLO, ACL, MIGRATE,
 *       CONFIG SET of a secret key) are replaced — Redis 7 does this itself, older servers
 *       and other forks may not;</li>
 *   <li>any string that contains the password tailgate itself was given is scrubbed, whatever
 *       field it turned up in.</li>
 * </ol>
 * Pure: the secret is passed in and never stored.
 */
public final class Redaction {
    public static final String MASK = "<redacted>";
    /** The same marker, under the name the fingerprint code uses. */
    public static final String REDACTED = MASK;
    private static final Pattern ACL_HASH = Pattern.compile("#[0-9a-fA-F]{64}");
    private static final Pattern JVM_PROPERTY = Pattern.compile("^(-D[^=]+)=(.*)$");
    /** A secret-named {@code -Dkey=value} anywhere in a line; the value runs to the next whitespace. */
    private static final Pattern JVM_PROPERTY_IN_TEXT =
            Pattern.compile("(-D[^=\\s]*(?i:pass|secret|auth|token)[^=\\s]*)=\\S*");

    /**
     * Keys that say where this instance lives, not how it behaves: an embedded server gets a
     * fresh port and directory every run, and hashing them would make every run "drift".
     */
    public static final Set<String> INSTANCE_KEYS =
            Set.of("port", "dir", "logfile", "pidfile", "unixsocket", "tls-port", "cluster-config-file");
    /** A CONFIG key whose value must never be written. */
    public static final Pattern SENSITIVE_KEY = Pattern.compile("(?i)pass|secret|auth|token");
    private static final Set<String> CREDENTIAL_COMMANDS = Set.of("auth", "hello", "acl", "migrate");

    private final Optional<String> secret;

    private Redaction(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isEmpty());
    }

    public static Redaction withSecret(Optional<String> secret) {
        return new Redaction(secret);
    }

    public static boolean sensitiveKey(String configKey) {
        return SENSITIVE_KEY.matcher(configKey).find();
    }

    /** Replaces every occurrence of the known secret. */
    public String scrub(String s) {
        if (s == null || secret.isEmpty()) {
            return s;
        }
        return s.replace(secret.get(), MASK);
    }

    /**
     * CONFIG GET * with secret values masked; an empty secret stays empty so the snapshot still
     * says whether a password is set. Sorted by key for stable diffs of two snapshots.
     */
    public Map<String, String> config(Map<String, String> config) {
        TreeMap<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(k, sensitiveKey(k) ? (v == null || v.isEmpty() ? "" : MASK)
                : ACL_HASH.matcher(scrub(v == null ? "" : v)).replaceAll(MASK)));
        return out;
    }

    /** Slowlog arguments with credentials masked. */
    public List<String> slowlogArgs(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        if (args.isEmpty()) {
            return out;
        }
        String cmd = args.get(0).toLowerCase(Locale.ROOT);
        if (CREDENTIAL_COMMANDS.contains(cmd)) {
            out.add(args.get(0));
            // ACL keeps its subcommand ("ACL SETUSER"), which says what happened without the rules
            int keep = "acl".equals(cmd) && args.size() > 1 ? 2 : 1;
            for (int i = 1; i < args.size(); i++) {
                out.add(i < keep ? args.get(i) : MASK);
            }
            return out;
        }
        boolean configSet = "config".equals(cmd) && args.size() > 1 && "set".equalsIgnoreCase(args.get(1));
        for (int i = 0; i < args.size(); i++) {
            boolean valueOfSecretKey = configSet && i >= 3 && i % 2 == 1 && sensitiveKey(args.get(i - 1));
            out.add(valueOfSecretKey ? MASK : scrub(args.get(i)));
        }
        return out;
    }

    /** A Redis error message, for a one-line user message. */
    public String message(String redisError) {
        return scrub(redisError == null ? "" : redisError.strip());
    }

    public static boolean isSecretKey(String key) {
        return sensitiveKey(key);
    }

    /** One CONFIG value with secrets and ACL password hashes masked. */
    public static String value(String key, String value) {
        if (isSecretKey(key) && !value.isEmpty()) {
            return MASK;
        }
        return ACL_HASH.matcher(value).replaceAll(MASK);
    }

    /** CONFIG GET * with every value passed through {@link #value}, sorted by key. */
    public static java.util.SortedMap<String, String> redactConfig(Map<String, String> raw) {
        java.util.SortedMap<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> out.put(k, value(k, v == null ? "" : v)));
        return out;
    }

    /** JVM arguments with secret-named system properties redacted. */
    public static List<String> jvmArguments(List<String> args) {
        return args.stream().map(a -> {
            var m = JVM_PROPERTY.matcher(a);
            if (m.matches() && isSecretKey(m.group(1))) {
                return m.group(1) + "=" + MASK;
            }
            return ACL_HASH.matcher(a).replaceAll(MASK);
        }).toList();
    }

    /**
     * A command line, an A/B arm spec or a line of JMH's output with the value of every
     * secret-named {@code -Dkey=value} masked, wherever it stands: {@code --jvm-args} and an
     * arm's {@code jvm:} reach the manifest and jmh.log this way. The value is masked up to the
     * next whitespace, so a spec's later parts may go with it: more hidden, never less.
     */
    public static String commandLine(String line) {
        return line == null ? null : JVM_PROPERTY_IN_TEXT.matcher(line).replaceAll("$1=" + MASK);
    }

    /** SHA-256 (hex) over {@code key=value\n} of the redacted config, sorted, minus {@link #INSTANCE_KEYS}. */
    public static String hashConfig(java.util.SortedMap<String, String> redacted) {
        StringBuilder sb = new StringBuilder();
        redacted.forEach((k, v) -> {
            if (!INSTANCE_KEYS.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
