package dev.tailgate.run;

import dev.tailgate.redis.telemetry.Telemetry;
import dev.tailgate.redis.telemetry.TelemetryDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The telemetry of a cluster run, taken from every master: {@code redis-nodes/<host>_<port>/}
 * holds that master's redis-before.json, redis-after.json and redis-diff.json. There is no
 * run-level redis-diff.json for a cluster: one node's counters are not the cluster's, and a
 * gate's {@code redis:} limits must find them missing rather than pass on a third of the load.
 */
final class NodeTelemetry implements AutoCloseable {
    static final String DIR = "redis-nodes";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<Telemetry> nodes;
    private final List<Path> dirs;

    private NodeTelemetry(List<Telemetry> nodes, List<Path> dirs) {
        this.nodes = nodes;
        this.dirs = dirs;
    }

    /** Connects to every master of {@code session} and writes each one's redis-before.json. */
    static NodeTelemetry before(TargetSession session, Path runDir, Instant at) {
        List<Telemetry> open = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (String master : session.masters()) {
                Telemetry t = Telemetry.connect(session.target().node(master), session.credentials(), TIMEOUT);
                open.add(t);
                Path d = Files.createDirectories(runDir.resolve(DIR).resolve(dirName(master)));
                dirs.add(d);
                t.beforeRun(d, at);
            }
            return new NodeTelemetry(open, dirs);
        } catch (IOException e) {
            open.forEach(Telemetry::close);
            throw new UncheckedIOException(runDir.resolve(DIR) + ": cannot write (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            open.forEach(Telemetry::close);
            throw e;
        }
    }

    /** Writes every master's redis-after.json and redis-diff.json; the diffs by {@code host:port}. */
    Map<String, TelemetryDiff> after(Instant at) {
        Map<String, TelemetryDiff> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Telemetry t = nodes.get(i);
            out.put(t.target().host() + ":" + t.target().port(), t.afterRun(dirs.get(i), at));
        }
        return out;
    }

    /** {@code host_port}, a directory name on every file system (IPv6 brackets dropped, colons replaced). */
    static String dirName(String hostPort) {
        return hostPort.replace("[", "").replace("]", "").replace(':', '_');
    }

    @Override
    public void close() {
        nodes.forEach(Telemetry::close);
    }
}
