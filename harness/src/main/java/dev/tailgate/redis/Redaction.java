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
    public static final String MASK = "(redacted)";
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
        config.forEach((k, v) -> out.put(k, sensitiveKey(k) ? (v == null || v.isEmpty() ? "" : MASK) : scrub(v)));
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
}
