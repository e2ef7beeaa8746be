package dev.tailgate.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.bench.support.JsonRecordFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The redirections each cluster benchmark thread followed in one trial, per arm: one JSON file
 * per thread and arm under {@code ${tailgate.histograms.dir}/redirections/}, written at trial
 * teardown and read by the harness after the fork ({@code ClusterStorms}).
 *
 * <p>What is normal: each timed client reads the slot map when it connects (after the keys
 * are preloaded), so on a cluster whose slots stay put it follows no redirection at all. A
 * slot moved once costs a JedisCluster one MOVED (it then reloads the whole map) and a Lettuce
 * client one per call to that slot until its map is refreshed. More than
 * {@link #STORM_THRESHOLD} in one trial of one thread is a MOVED storm: the slots moved under
 * the benchmark (a resharding, a failover), a share of the measured calls made two round trips,
 * and the trial does not measure the cluster it names.
 *
 * @param benchmark    the JMH benchmark name ({@code Class.method})
 * @param params       its parameters
 * @param arm          {@code A}, or {@code B} in an alternated A/B fork
 * @param seeds        the arm's cluster seeds
 * @param thread       the benchmark thread's index
 * @param redirections MOVED and ASK redirections followed by the timed client in the trial (warm-up included)
 */
public record RedirectRecord(String benchmark, Map<String, String> params, String arm, List<String> seeds, int thread,
                              long redirections) {
    /** Redirections one thread may follow in one trial before the trial is a MOVED storm. */
    public static final long STORM_THRESHOLD = 10;
    /** Subdirectory of the histograms directory the records go to. */
    public static final String DIR = "redirections";

    private static final ObjectMapper JSON = JsonRecordFiles.JSON;

    public RedirectRecord {
        params = Map.copyOf(params);
        seeds = List.copyOf(seeds);
    }

    /** True when this trial's count passes {@link #STORM_THRESHOLD}. */
    public boolean storm() {
        return redirections > STORM_THRESHOLD;
    }

    /** Where the fork writes its records: {@code tailgate.histograms.dir}'s subdirectory, if the harness set one. */
    public static Optional<Path> dirFromSystemProperties() {
        String d = System.getProperty(HiccupTrial.HISTOGRAMS_DIR, "");
        return d.isBlank() ? Optional.empty() : Optional.of(Path.of(d).resolve(DIR));
    }

    /** Writes this record into {@code dir} as a new file ({@code <Class.method>-<arm>-t<thread>-<pid>-<seq>.json}). */
    public Path write(Path dir) {
        return JsonRecordFiles.write(dir, benchmark, arm + "-t" + thread + "-" + ProcessHandle.current().pid(), this,
                HiccupTrial.HISTOGRAMS_DIR);
    }

    /**
     * Every record under {@code root} (searched recursively, so a run's whole histograms
     * directory or one fork's), in path order; none when there is no such directory. A file that
     * is not a record fails naming it.
     */
    public static List<RedirectRecord> readAll(Path root) {
        List<RedirectRecord> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getParent().getFileName().toString().equals(DIR)
                    && p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), RedirectRecord.class));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(f + ": not a redirection record ("
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list redirection records", e);
        }
        return out;
    }
}
