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
 * (docs/suites.md; {@link dev.tailgate.suite.SuiteFiles} finds and reads the file).
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

    /** Closed-loop benchmarks: round trips, network floor, trading workloads. */
    static final String CLOSED_LOOP = "dev\\.tailgate\\.bench\\.(net|redis|trading)\\..*";
    /** Open-loop fixed-rate benchmarks: one SingleShot iteration drives a whole schedule. */
    static final String FIXED_RATE = "dev\\.tailgate\\.bench\\.openloop\\..*FixedRateBenchmark.*";

    /** The suites as they were compiled in, until the suite files replace them. */
    public static Suite compiledIn(String name) {
        Path none = Path.of("compiled-in");
        return switch (name) {
            case "smoke" -> new Suite("smoke", "", List.of(CLOSED_LOOP), List.of(),
                    Map.of("payloadBytes", List.of("14", "16"), "valueBytes", List.of("16"), "depth", List.of("8"),
                            "trim", List.of("approx"), "mode", List.of("xread"), "source", List.of("quote")),
                    1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(2), Optional.empty(), Optional.empty(), none, "", "");
            case "nightly" -> new Suite("nightly", "", List.of(CLOSED_LOOP), List.of(), Map.of(),
                    5, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(5), Optional.empty(), Optional.empty(), none, "", "");
            case "tails" -> new Suite("tails", "", List.of(FIXED_RATE), List.of(),
                    Map.of("rate", List.of("1000", "10000"), "seconds", List.of("10")),
                    3, 0, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), Optional.empty(), Optional.empty(), none, "", "");
            default -> throw new dev.tailgate.model.UsageException(
                    "--suite " + name + ": unknown suite, expected smoke|nightly|tails");
        };
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
