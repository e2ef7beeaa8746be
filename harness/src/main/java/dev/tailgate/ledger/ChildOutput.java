package dev.tailgate.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a helper program that hashes files for the ledger ({@link OpensslDigest},
 * {@link DigestJvm}) and returns what it printed. Any failure — it cannot start, exits non-zero,
 * runs past the timeout — gives null, never an exception: the caller then hashes the files
 * another way, so a broken helper costs time and nothing else.
 */
final class ChildOutput {
    private static final long TIMEOUT_SECONDS = 600;
    /** Digest lines are short; more than this is not output these helpers write. */
    private static final int MAX_BYTES = 64 * 1024;

    private ChildOutput() {
    }

    /** Standard output of {@code command} (UTF-8) when it ran to exit code 0, else null. */
    static String of(List<String> command) {
        Process p = null;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(MAX_BYTES);
                in.transferTo(OutputStream.nullOutputStream()); // never leave the child blocked on a full pipe
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
