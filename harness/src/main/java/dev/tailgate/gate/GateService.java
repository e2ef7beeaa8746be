package dev.tailgate.gate;

import dev.tailgate.ingest.RunLoader;
import dev.tailgate.ingest.TailStateRun;
import dev.tailgate.model.Run;
import dev.tailgate.model.Verdict;
import dev.tailgate.thresholds.Thresholds;
import dev.tailgate.thresholds.ThresholdsLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The gate as other code calls it ({@code tailgate gate}, {@code tailgate run --gate}): reads
 * the run and the threshold hierarchy (the only I/O), then hands off to the pure
 * {@link GateEngine}. Bad input surfaces as {@link dev.tailgate.model.BadInputException}.
 */
public final class GateService {
    private GateService() {
    }

    /**
     * @param run        a run directory (with jmh.json, optionally manifest.json), a bare JMH JSON file,
     *                   or the tail sampler's tail-state.json (or its output directory)
     * @param thresholds the threshold file the user named; its {@code extends:} chain is followed
     * @param today      the date waivers are judged against (the CLI passes the clock's date)
     */
    public static GateResult gate(Path run, Path thresholds, LocalDate today) {
        return gate(run, thresholds, today, false);
    }

    /** As above; {@code allowIncomplete} judges a run directory that is not COMPLETE, and the verdict says so. */
    public static GateResult gate(Path run, Path thresholds, LocalDate today, boolean allowIncomplete) {
        Thresholds t = ThresholdsLoader.load(thresholds);
        if (TailStateRun.isTailState(run)) {
            // the sampler's rolling window: the state file is the input the ledger hashes
            Path state = TailStateRun.stateFile(run);
            Run loaded = TailStateRun.load(state);
            RunLoader.RunFiles files = new RunLoader.RunFiles(state, Optional.empty(),
                    Optional.of(state.toAbsolutePath().getParent()));
            return new GateResult(GateEngine.evaluate(t, loaded, today), files, t.files());
        }
        RunLoader.RunFiles files = RunLoader.locate(run);
        Run loaded = RunLoader.load(files);
        Verdict verdict = GateEngine.evaluate(t, loaded, today, allowIncomplete);
        return new GateResult(verdict, files, t.files());
    }
}
