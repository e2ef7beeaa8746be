package dev.tailgate.gate;

import dev.tailgate.ingest.RunLoader.RunFiles;
import dev.tailgate.model.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A verdict together with the inputs it was decided from, which is what the decision ledger
 * records (hashing each input file) and what report writers need to know where to write.
 *
 * @param thresholdFiles the threshold hierarchy, root first, as resolved from the user's path
 */
public record GateResult(Verdict verdict, RunFiles run, List<Path> thresholdFiles) {
    public GateResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(run, "run");
        thresholdFiles = List.copyOf(thresholdFiles);
    }
}
