package dev.tailgate.redis.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code redis-server} executable and where it came from. Resolution order, as DESIGN.md
 * promises: {@code --redis-server PATH}, else the one on {@code PATH}, else the binary bundled
 * in the Maven artifact {@code com.github.codemonstur:embedded-redis} (Redis 6.2: no
 * latencystats, no DEBUG gating; callers degrade).
 *
 * @param path    the executable
 * @param source  "option", "path" or "bundled"
 * @param version version string as {@code redis-server --version} prints it ("7.0.15")
 */
public record RedisBinary(Path path, String source, String version) {

    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");

    /** Major version, e.g. 7; 0 if unknown. */
    public int major() {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    public static RedisBinary resolve(Optional<Path> explicit, String pathEnv) {
        if (explicit.isPresent()) {
            Path p = explicit.get();
            if (!Files.isRegularFile(p)) {
                throw new RedisLaunchException("--redis-server " + p + ": no such file");
            }
            if (!Files.isExecutable(p)) {
                throw new RedisLaunchException("--redis-server " + p + ": not executable");
            }
            return new RedisBinary(p, "option", probeVersion(p, "--redis-server " + p));
        }
        Optional<Path> onPath = findOnPath(pathEnv == null ? "" : pathEnv);
        if (onPath.isPresent()) {
            return new RedisBinary(onPath.get(), "path", probeVersion(onPath.get(), onPath.get().toString()));
        }
        Path bundled = extractBundled();
        return new RedisBinary(bundled, "bundled", probeVersion(bundled, "bundled redis-server"));
    }

    static Optional<Path> findOnPath(String pathEnv) {
        for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Resource name of the binary embedded-redis bundles for this OS and architecture. */
    static String bundledResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        boolean x64 = arch.contains("amd64") || arch.contains("x86_64");
        if (os.contains("linux") && x64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("linux") && arm) {
            return "redis-server-6.2.7-linux-arm64";
        }
        if (os.contains("mac") && x64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (os.contains("mac") && arm) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new RedisLaunchException("no redis-server on PATH and no bundled binary for " + osName + "/" + osArch
                + ": install Redis or pass --redis-server PATH");
    }

    /** Copies the bundled binary to a per-user cache (once; atomic rename) and returns it. */
    static Path extractBundled() {
        String name = bundledResource(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tailgate-" + System.getProperty("user.name", "user"), "redis-bin");
        Path target = dir.resolve(name);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new RedisLaunchException("no redis-server on PATH and the bundled binary " + name
                        + " is missing from the classpath: install Redis or pass --redis-server PATH");
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            if (!tmp.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + tmp + " executable");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract bundled redis-server to " + dir, e);
        }
    }

    static String probeVersion(Path binary, String what) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RedisLaunchException(what + ": --version did not answer within 10 s");
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new RedisLaunchException(what + ": not a redis-server (--version printed \""
                        + out.strip().lines().findFirst().orElse("") + "\")");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new RedisLaunchException(what + ": cannot execute (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
