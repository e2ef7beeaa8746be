package dev.tailgate.gate;

import dev.tailgate.ingest.InjectionMark;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.ingest.TailStateRun;
import dev.tailgate.model.Injection;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
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
        return gate(run, thresholds, today, Overrides.NONE);
    }

    /**
     * What the user allowed on the command line, each recorded in the verdict when used.
     *
     * @param allowIncomplete judge a run directory whose manifest is missing or not COMPLETE
     * @param allowInjected   judge a run with an injected delay like a real one
     */
    public record Overrides(boolean allowIncomplete, boolean allowInjected) {
        public static final Overrides NONE = new Overrides(false, false);
    }

    /**
     * As above, with the user's overrides. A run directory that is not COMPLETE is judged only
     * with {@code allowIncomplete} (and the verdict says so). A run whose manifest records an
     * injected delay ({@link InjectionMark}) is judged as an invalid run (decision ERROR, never
     * PASS) unless {@code allowInjected}, and either way its verdict's summary starts with INJECTED.
     */
    public static GateResult gate(Path run, Path thresholds, LocalDate today, Overrides overrides) {
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
        // A manifest that says INVALID (a merged run missing a shard, docs/distributed.md) is not
        // an unfinished run that --allow-incomplete may judge: its data is known to be partial.
        boolean allowIncomplete = overrides.allowIncomplete() && loaded.status() != RunStatus.INVALID;
        Optional<Injection> injection = InjectionMark.of(files);
        if (injection.isEmpty()) {
            return new GateResult(GateEngine.evaluate(t, loaded, today, allowIncomplete), files, t.files());
        }
        String reason = InjectionMark.reason(injection.get());
        if (!overrides.allowInjected() && loaded.status() == RunStatus.COMPLETE) {
            loaded = new Run(loaded.source(), loaded.results(), RunStatus.INVALID,
                    reason + "; --allow-injected judges it anyway", loaded.tails(), loaded.counters());
        }
        Verdict v = GateEngine.evaluate(t, loaded, today, allowIncomplete);
        Verdict marked = new Verdict(v.today(), v.thresholds(), v.confidence(), v.inconclusiveFails(), v.checks(),
                v.unmatchedRules(), v.decision(), v.passed(),
                "INJECTED: " + (overrides.allowInjected() ? reason + " (--allow-injected): " : "") + v.summary());
        return new GateResult(marked, files, t.files());
    }
}
