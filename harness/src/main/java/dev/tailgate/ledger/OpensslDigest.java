package dev.tailgate.ledger;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-256 of input files by {@code openssl dgst}, for a parent that compiles with C1 only.
 *
 * <p>Only C2 compiles SHA-256 to the CPU's SHA instructions; under C1 Java hashes several
 * times slower. OpenSSL uses those instructions from its first byte and starts in
 * milliseconds, where a child JVM with C2 ({@link DigestJvm}) spends most of its CPU on its own
 * start-up, on a core the parent is using to read the same file.
 *
 * <p>OpenSSL is a Debian package, not a dependency: where it is missing, fails, or prints
 * anything but one well-formed digest line, the file gets no digest here and is hashed the next
 * way ({@link DigestJvm}, then in-process). The digest is the same SHA-256 whichever way it was
 * computed, so {@code ledger verify} and an auditor's {@code sha256sum} agree with it.
 */
final class OpensslDigest {
    /** {@code -r} output: the digest, a space, {@code *} and the name; a leading backslash marks an escaped name. */
    private static final Pattern LINE = Pattern.compile("\\\\?([0-9a-f]{64}) \\*[^\\n]*\\n?");

    private OpensslDigest() {
    }

    /** Fills the null slots of {@code digests} with what {@code openssl} on the PATH gives for {@code files}. */
    static void fill(List<Path> files, String[] digests) {
        fill("openssl", files, digests);
    }

    /** As {@link #fill(List, String[])} with another executable (tests name one that is not there). */
    static void fill(String executable, List<Path> files, String[] digests) {
        for (int i = 0; i < files.size(); i++) {
            if (digests[i] == null) {
                // an absolute path, so never taken for an option
                String out = ChildOutput.of(List.of(executable, "dgst", "-sha256", "-r",
                        files.get(i).toAbsolutePath().toString()));
                Matcher m = out == null ? null : LINE.matcher(out);
                digests[i] = m != null && m.matches() ? m.group(1) : null;
            }
        }
    }
}
