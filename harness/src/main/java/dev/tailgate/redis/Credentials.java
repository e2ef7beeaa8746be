package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Redis password, from {@code REDIS_PASSWORD} or {@code --password-file}, never from argv.
 * {@link #toString()} never shows it.
 *
 * <p>Forked benchmark JVMs get it from where the user put it, and tailgate writes no copy of
 * it anywhere: a copy on disk would outlive a {@code kill -9}, which runs no cleanup. From
 * {@code --password-file} the forks are given that file's path ({@link #forkProperties()});
 * from {@code REDIS_PASSWORD} they inherit the variable, as every child process does (JMH starts
 * forks with a ProcessBuilder, which passes the parent's environment on). A process's
 * environment is readable in /proc only by its own user (and root), the same people who can
 * read the user's password file.
 */
public final class Credentials {
    public static final String ENV = "REDIS_PASSWORD";
    private final char[] password;
    private final String source;
    private final Optional<Path> file;

    private Credentials(char[] password, String source, Optional<Path> file) {
        this.password = password;
        this.source = source;
        this.file = file;
    }

    public static Credentials none() {
        return new Credentials(null, "none", Optional.empty());
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
                return new Credentials(s.toCharArray(), "file " + p, Optional.of(p.toAbsolutePath()));
            } catch (IOException e) {
                throw new BadInputException("--password-file " + p + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        String v = env.get(ENV);
        if (v != null && !v.isEmpty()) {
            return new Credentials(v.toCharArray(), "env " + ENV, Optional.empty());
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
     * The system properties that tell a forked benchmark JVM where the password is: the user's
     * own {@code --password-file}, or nothing (the fork reads the inherited {@code REDIS_PASSWORD}).
     */
    public List<String> forkProperties() {
        return file.map(f -> List.of("-Dtailgate.redis.passwordFile=" + f)).orElse(List.of());
    }

    /**
     * Deletes password copies older versions left in {@code tmpDir} ({@code tailgate-pw*.secret},
     * removed only on a clean exit); returns how many. Only files this user owns are touched.
     */
    public static int sweepStaleCopies(Path tmpDir) {
        int deleted = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(tmpDir, "tailgate-pw*.secret")) {
            for (Path f : stale) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && ownedByMe(f) && Files.deleteIfExists(f)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a copy that cannot be listed or deleted is no worse off than before the sweep
        }
        return deleted;
    }

    private static boolean ownedByMe(Path f) throws IOException {
        return Files.getOwner(f, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
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
