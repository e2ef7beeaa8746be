package dev.tailgate.ledger;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The I/O half of a draft, for the commands that append (gate, compare): digests of the input
 * files, this host and user. Kept out of {@link LedgerEntryDraft} so that the draft stays a
 * pure value.
 */
public final class Provenance {
    private Provenance() {
    }

    /** SHA-256 of each file, by the name the entry should show (e.g. {@code jmh.json}). */
    public static SortedMap<String, String> digests(Map<String, Path> inputs) {
        SortedMap<String, String> out = new TreeMap<>();
        inputs.forEach((name, file) -> out.put(name, sha256Hex(file)));
        return out;
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    public static String sha256Hex(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it to record its SHA-256 in the"
                    + " ledger: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** This machine's host name, else {@code unknown}. */
    public static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "unknown" : h;
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    /** The OS user running tailgate, else {@code unknown}. */
    public static String user() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "unknown" : u;
    }
}
