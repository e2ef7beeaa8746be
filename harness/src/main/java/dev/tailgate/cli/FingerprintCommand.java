package dev.tailgate.cli;

import dev.tailgate.fingerprint.ClusterFingerprint;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintCapture;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.fingerprint.Item;
import dev.tailgate.fingerprint.RedisSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tailgate fingerprint}: what this environment looks like, as text and JSON. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Record the environment (host, JVM, clients, optionally Redis) that a measurement depends on.",
            "Read-only. Items that cannot be read are shown as <absent: reason>, never as 'off'. Secrets are redacted.",
            "A redis-cluster:// target is captured from every master (redisNodes), and masters that differ are named."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:captured", "2:usage error", "3:bad input (target or a cluster master unreachable, password file unreadable)"})
public final class FingerprintCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the fingerprint as JSON to FILE.")
    Path out;

    @Option(names = "--json", description = "Print JSON to stdout instead of the summary.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Optional<RedisSource> redis = target.target().map(t -> new RedisSource(t, target.credentials(), Optional.empty()));
        Fingerprint f = FingerprintCapture.capture(redis, FingerprintCapture.Options.standalone(),
                RootClock.of(spec).instant());
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(FingerprintJson.toJson(f));
        } else {
            summary(f, w);
        }
        if (out != null) {
            FingerprintJson.write(f, out);
            spec.commandLine().getErr().println("fingerprint written to " + out);
        }
        w.flush();
        return ExitCode.OK;
    }

    /** One line per item; the full Redis config only in the JSON (it is ~200 keys). */
    static void summary(Fingerprint f, PrintWriter w) {
        w.println("fingerprint captured " + f.capturedAt());
        String section = "";
        for (var e : f.items().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("redis.config.") || key.startsWith("redis.info.")
                    || key.startsWith(Fingerprint.REDIS_NODES + ".")) {
                continue;
            }
            String s = key.substring(0, key.indexOf('.'));
            if (!s.equals(section)) {
                w.println(s + ":");
                section = s;
            }
            w.printf("  %-36s %s%n", key.substring(s.length() + 1), e.getValue().display());
        }
        if (f.redis().target() instanceof Item.Present) {
            w.println("  config                               " + f.redis().config().size()
                    + (f.redisNodes().isEmpty() ? " keys (full list in the JSON, secrets redacted)"
                    : " keys every master shares (each master's full list in the JSON, secrets redacted)"));
        }
        if (!f.redisNodes().isEmpty()) {
            nodes(f, w);
        }
    }

    /** A cluster: one line per master, then where the masters differ (or that they agree). */
    private static void nodes(Fingerprint f, PrintWriter w) {
        w.println("redisNodes: (" + f.redisNodes().size() + " masters)");
        f.redisNodes().forEach((node, r) -> w.printf("  %-36s version %s, configHash %s, affinity %s, preload %s%n", node,
                r.version().display(), shortHash(r.configHash()), r.processAffinity().display(), r.preload().display()));
        List<String> differences = ClusterFingerprint.differences(f.redisNodes());
        if (differences.isEmpty()) {
            w.println("  the masters agree on version, config, build, process affinity and preload");
        }
        differences.forEach(d -> w.println("  DIFFERS: " + d));
    }

    private static String shortHash(Item hash) {
        String v = hash.valueOrNull();
        return v == null ? hash.display() : v.substring(0, Math.min(12, v.length()));
    }
}
