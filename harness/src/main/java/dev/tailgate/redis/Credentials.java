package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Redis password, from {@code REDIS_PASSWORD} or {@code --password-file}, never from argv.
 * {@link #toString()} never shows it. Forked benchmark JVMs get it through
 * {@link #writePrivateFile()}: a 0600 temp file whose path (not content) is passed on.
 */
public final class Credentials {
    public static final String ENV = "REDIS_PASSWORD";
    private final char[] password;
    private final String source;
    private Path privateFile;

    private Credentials(char[] password, String source) {
        this.password = password;
        this.source = source;
    }

    public static Credentials none() {
        return new Credentials(null, "none");
    }

    /** {@code --password-file} wins over the environment variable. */
    public static Credentials resolve(Optional<Path> passwordFile, java.util.Map<String, String> env) {
        if (passwordFile.isPresent()) {
            Path p = passwordFile.get();
            try {
                String s = Files.readString(p, StandardCharsets.UTF_8);
                s = s.strip();
                if (s.isEmpty()) {
                    throw new BadInputException("--password-file " + p + ": file is empty");
                }
                return new Credentials(s.toCharArray(), "file " + p);
            } catch (IOException e) {
                throw new BadInputException("--password-file " + p + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        String v = env.get(ENV);
        if (v != null && !v.isEmpty()) {
            return new Credentials(v.toCharArray(), "env " + ENV);
        }
        return none();
    }

    public boolean present() {
        return password != null;
    }

    /** The secret itself; callers must not log or store it. */
    public Optional<String> secret() {
        return password == null ? Optional.empty() : Optional.of(new String(password));
    }

    /** Where the password came from, safe to record ("env REDIS_PASSWORD", "file ...", "none"). */
    public String source() {
        return source;
    }

    /**
     * The password in an owner-only temp file, deleted on JVM exit. Written once per
     * credentials: every fork and every A/B round reuses it, so one copy of the secret sits on
     * disk, not one per JMH invocation.
     */
    public synchronized Optional<Path> writePrivateFile() {
        if (password == null) {
            return Optional.empty();
        }
        if (privateFile != null) {
            return Optional.of(privateFile);
        }
        try {
            Path f;
            try {
                f = Files.createTempFile("tailgate-pw", ".secret",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                f = Files.createTempFile("tailgate-pw", ".secret");
            }
            f.toFile().deleteOnExit();
            Files.writeString(f, new String(password), StandardCharsets.UTF_8);
            privateFile = f;
            return Optional.of(f);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write private password file", e);
        }
    }

    public void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + source + "]";
    }
}
