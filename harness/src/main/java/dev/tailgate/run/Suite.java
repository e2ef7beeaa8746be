package dev.tailgate.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named benchmark selection with its JMH settings, as a suite file defines it
 * (docs/suites.md; {@code dev.tailgate.suite.SuiteFiles} finds and reads the file).
 *
 * @param name              suite name: the file name without .yaml
 * @param description       one line for {@code tailgate suites list}
 * @param includes          JMH include regexes (benchmark FQN)
 * @param excludes          JMH exclude regexes
 * @param params            JMH @Param restrictions (name -> values), as {@code -p}; absent = every value
 * @param forks             JMH forks
 * @param warmupIterations  warmup iterations per fork
 * @param warmupTime        time per warmup iteration
 * @param iterations        measurement iterations per fork
 * @param iterationTime     time per measurement iteration
 * @param mode              the JMH mode the suite expects its benchmarks to declare; empty = any
 * @param thresholds        the default threshold file as written in the suite, relative to it
 * @param file              where it was read from (inside the jar for a bundled suite)
 * @param source            where it was read from, for people and the manifest
 * @param sha256            SHA-256 of the file's bytes
 */
public record Suite(String name, String description, List<String> includes, List<String> excludes,
                    Map<String, List<String>> params, int forks, int warmupIterations, Duration warmupTime,
                    int iterations, Duration iterationTime, Optional<String> mode, Optional<String> thresholds,
                    Path file, String source, String sha256) {

    public Suite {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        params = Map.copyOf(params);
    }

    /** The default threshold file, resolved against the suite file's directory. */
    public Optional<Path> thresholdsFile() {
        Path dir = file.toAbsolutePath().getParent();
        return thresholds.map(t -> dir.resolve(t).normalize());
    }

    /**
     * SHA-256 of what the suite decides, without its comments, description, layout or location:
     * two files with the same digest select, parameterise and time a run the same way.
     */
    public String settingsSha256() {
        String canonical = String.join("\n", "include=" + includes, "exclude=" + excludes,
                "params=" + new TreeMap<>(params), "forks=" + forks,
                "warmup=" + warmupIterations + "x" + warmupTime, "measurement=" + iterations + "x" + iterationTime,
                "mode=" + mode.orElse("-"), "thresholds=" + thresholds.orElse("-"));
        return sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
