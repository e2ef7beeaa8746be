package dev.tailgate.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What code produced a run: the suite's git commit and the versions of the libraries that
 * shape the numbers. Read from files (.git, Maven pom.properties), never by running git.
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** group:artifact of the dependencies whose versions a manifest records. */
    static final List<String> TRACKED = List.of(
            "org.openjdk.jmh:jmh-core", "redis.clients:jedis", "io.lettuce:lettuce-core",
            "org.hdrhistogram:HdrHistogram", "net.openhft:affinity", "net.java.dev.jna:jna",
            "io.netty:netty-transport", "dev.tailgate:tailgate-benchmarks", "dev.tailgate:tailgate-harness");

    public static Map<String, String> dependencyVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String ga : TRACKED) {
            String[] p = ga.split(":");
            String res = "META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties";
            out.put(ga, readVersion(res).orElse("unknown"));
        }
        return out;
    }

    private static Optional<String> readVersion(String resource) {
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties props = new Properties();
            props.load(in);
            return Optional.ofNullable(props.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The commit checked out at {@code home}, plus "-dirty" is NOT computed (that needs the
     * index); the manifest says "sha as checked out". Empty when home is not a git checkout.
     */
    public static Optional<String> gitSha(Path home) {
        try {
            Path git = home.resolve(".git");
            if (Files.isRegularFile(git)) { // worktree: "gitdir: <path>"
                String line = Files.readString(git, StandardCharsets.UTF_8).strip();
                if (line.startsWith("gitdir:")) {
                    git = home.resolve(line.substring(7).strip());
                }
            }
            Path headFile = git.resolve("HEAD");
            if (!Files.isRegularFile(headFile)) {
                return Optional.empty();
            }
            String head = Files.readString(headFile, StandardCharsets.UTF_8).strip();
            if (!head.startsWith("ref:")) {
                return Optional.of(head);
            }
            String ref = head.substring(4).strip();
            Path common = git;
            Path commondir = git.resolve("commondir");
            if (Files.isRegularFile(commondir)) {
                common = git.resolve(Files.readString(commondir, StandardCharsets.UTF_8).strip()).normalize();
            }
            for (Path base : List.of(git, common)) {
                Path refFile = base.resolve(ref);
                if (Files.isRegularFile(refFile)) {
                    return Optional.of(Files.readString(refFile, StandardCharsets.UTF_8).strip());
                }
                Path packed = base.resolve("packed-refs");
                if (Files.isRegularFile(packed)) {
                    for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                        if (l.endsWith(" " + ref)) {
                            return Optional.of(l.substring(0, l.indexOf(' ')));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The checkout/installation root: {@code -Dtailgate.home} (set by ./tailgate), else the working dir. */
    public static Path home() {
        String h = System.getProperty("tailgate.home");
        return Path.of(h == null ? "." : h).toAbsolutePath().normalize();
    }
}
