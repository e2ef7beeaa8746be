package dev.tailgate.cli;

import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --target URL} and {@code --password-file FILE}, the picocli mixin of every command that
 * takes {@code --target}. The password comes from the file or {@code REDIS_PASSWORD}, never argv.
 * {@code --target} is optional to picocli: a command that cannot work without a server says so
 * with {@link #requireTarget}, one line and the usage exit code.
 */
public final class TargetOptions {
    @Option(names = "--target", paramLabel = "URL",
            description = "External Redis: redis://[user@]host:port[/db]. Password from REDIS_PASSWORD or --password-file, never the URL.")
    String target;

    @Mixin
    PasswordFile password = new PasswordFile();

    public Optional<RedisTarget> target() {
        return Optional.ofNullable(target).map(RedisTarget::parse);
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
