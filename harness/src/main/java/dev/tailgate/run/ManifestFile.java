package dev.tailgate.run;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run's {@code manifest.json}. Every write goes through one instance, one at a time (the main
 * thread and the Ctrl-C hook race otherwise), each through its own temp file
 * ({@link JsonFiles#write}). The first final status written (COMPLETE or ABORTED) is the
 * last write: a hook that fires after the run finished leaves COMPLETE alone, and a run that
 * finishes after the hook marked it ABORTED does not turn it back into COMPLETE.
 */
public final class ManifestFile {
    private final Path file;
    private boolean finished;
    private Optional<Thread> hook = Optional.empty();

    public ManifestFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Writes a RUNNING manifest; ignored once a final status is on disk. */
    public synchronized void write(Manifest running) throws IOException {
        if (!finished) {
            JsonFiles.writeJson(file, running);
        }
    }

    /** Writes a final status unless one already is; true if this call wrote it. */
    public synchronized boolean finish(Manifest done) throws IOException {
        if (finished) {
            return false;
        }
        JsonFiles.writeJson(file, done);
        finished = true;
        hook.ifPresent(ManifestFile::removeHook);
        hook = Optional.empty();
        return true;
    }

    /**
     * Marks the manifest with {@code aborted} if the JVM exits (Ctrl-C, SIGTERM) before
     * {@link #finish} ran. A kill -9 runs no hook: the manifest then stays RUNNING, which no
     * reader takes as complete.
     */
    public synchronized void abortOnExit(Supplier<Manifest> aborted) {
        Thread t = new Thread(() -> {
            try {
                finish(aborted.get());
            } catch (IOException | RuntimeException ignored) {
                // best effort: the manifest still says RUNNING, which no reader takes as complete
            }
        }, "tailgate-abort-on-exit");
        Runtime.getRuntime().addShutdownHook(t);
        hook = Optional.of(t);
    }

    private static void removeHook(Thread t) {
        try {
            Runtime.getRuntime().removeShutdownHook(t);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself is running, or the JVM is exiting: nothing to remove
        }
    }
}
