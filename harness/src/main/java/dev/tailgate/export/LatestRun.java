package dev.tailgate.export;

import dev.tailgate.model.BadInputException;
import dev.tailgate.store.RunDir;
import dev.tailgate.store.RunStore;
import dev.tailgate.summary.RunInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The run {@code export} takes when none is named: the newest run directory under the results
 * directory (by the manifest's start time, as {@code prune} orders them) that the export would
 * not refuse. A nightly cron job exporting after every run thus never publishes an aborted or
 * injected run in place of the last real one, and keeps publishing that one until the next
 * real run lands. This is the only place {@code export} touches the results store.
 */
public final class LatestRun {
    private LatestRun() {
    }

    public static Path in(Path results, RunExports.Overrides overrides) {
        List<RunDir> runs;
        try {
            runs = new RunStore(results).listRuns();
        } catch (IOException e) {
            throw new BadInputException(results + ": cannot list run directories: " + e.getMessage(), e);
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            Path dir = runs.get(i).dir();
            if (eligible(dir, overrides)) {
                return dir;
            }
        }
        throw new BadInputException(results + ": no complete run directory among " + runs.size()
                + " (aborted, running and injected runs are skipped unless --allow-incomplete or --allow-injected)");
    }

    private static boolean eligible(Path dir, RunExports.Overrides overrides) {
        RunInfo info;
        try {
            info = RunInfo.read(dir);
        } catch (BadInputException e) {
            // a run whose manifest cannot be read cannot be shown to be complete
            return false;
        }
        return (info.complete() || overrides.allowIncomplete()) && (info.injection().isEmpty() || overrides.allowInjected());
    }
}
