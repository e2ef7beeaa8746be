package dev.tailgate.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything tailgate writes. A config key or JVM property whose name
 * matches {@code (?i)pass|secret|auth|token} (requirepass, masterauth, tls-key-file-pass, ...)
 * has its value replaced by {@value #REDACTED}; an empty value stays empty, because "no
 * password set" is itself worth seeing and reveals nothing. ACL password hashes
 * ({@code #<64 hex>}) are redacted wherever they appear.
 */
public final class Redaction {
    public static final String REDACTED = "<redacted>";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)pass|secret|auth|token");
    private static final Pattern ACL_HASH = Pattern.compile("#[0-9a-fA-F]{64}");
    private static final Pattern JVM_PROPERTY = Pattern.compile("^(-D[^=]+)=(.*)$");

    /**
     * Keys that say where this instance lives, not how it behaves: an embedded server gets a
     * fresh port and directory every run, and hashing them would make every run "drift".
     */
    public static final Set<String> INSTANCE_KEYS =
            Set.of("port", "dir", "logfile", "pidfile", "unixsocket", "tls-port", "cluster-config-file");

    private Redaction() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    public static String value(String key, String value) {
        if (isSecretKey(key) && !value.isEmpty()) {
            return REDACTED;
        }
        return ACL_HASH.matcher(value).replaceAll(REDACTED);
    }

    public static SortedMap<String, String> config(Map<String, String> raw) {
        SortedMap<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> out.put(k, value(k, v == null ? "" : v)));
        return out;
    }

    /** JVM arguments with secret-named system properties redacted. */
    public static List<String> jvmArguments(List<String> args) {
        return args.stream().map(a -> {
            var m = JVM_PROPERTY.matcher(a);
            if (m.matches() && isSecretKey(m.group(1))) {
                return m.group(1) + "=" + REDACTED;
            }
            return ACL_HASH.matcher(a).replaceAll(REDACTED);
        }).toList();
    }

    /** SHA-256 (hex) over {@code key=value\n} of the redacted config, sorted, minus {@link #INSTANCE_KEYS}. */
    public static String hashConfig(SortedMap<String, String> redacted) {
        StringBuilder sb = new StringBuilder();
        redacted.forEach((k, v) -> {
            if (!INSTANCE_KEYS.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
