package dev.tailgate.cli;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.ClusterMasters;
import dev.tailgate.redis.ConfigSnapshot;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisConfigManager;
import dev.tailgate.redis.RedisConnector;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.launch.ConfigProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import redis.clients.jedis.Jedis;

/**
 * {@code tailgate redis-config apply|rollback|diff}: the one mechanism that changes an external
 * Redis's configuration, and puts it back. The engine is {@link RedisConfigManager}.
 */
@Command(name = "redis-config", mixinStandardHelpOptions = true,
        description = "Apply a config profile to an external Redis with a snapshot, roll it back, or show the difference.",
        subcommands = {RedisConfigCommand.Apply.class, RedisConfigCommand.Rollback.class, RedisConfigCommand.Diff.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage error (e.g. no --target; apply or rollback on a redis-cluster:// target)",
            "3:bad input (unknown profile key, unreadable snapshot, snapshot of another server, no CONFIG permission);"
                + " the server is left as it was"})
public final class RedisConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: apply, rollback or diff");
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Apply PROFILE to --target, after saving a snapshot of every value it touches.",
                "The snapshot is written and fsynced before anything changes; then the runtime keys are set in one",
                "atomic CONFIG SET (key by key with undo on Redis < 7). Lists keys that need a restart and keys",
                "this server does not support."})
    static final class Apply implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROFILE", description = "Profile name (stock, low-latency) or .conf file.")
        String profile;

        @Mixin
        TargetOptions target;

        @Option(names = "--snapshot-dir", paramLabel = "DIR", description = "Where snapshots go (default: ${DEFAULT-VALUE}).")
        Path snapshotDir = ConfigSnapshot.DEFAULT_DIR;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RedisTarget t = notACluster(target.requireTarget("redis-config apply"), "apply");
            ConfigProfile p = ConfigProfile.load(profile, TargetOptions.home());
            Credentials cred = target.credentials();
            PrintWriter w = spec.commandLine().getOut();
            try (Jedis j = RedisConnector.open(t, cred)) {
                RedisConfigManager.ApplyResult r = RedisConfigManager.apply(j, t, cred, p, snapshotDir,
                        RootClock.of(spec).instant());
                w.println("snapshot: " + r.snapshot());
                w.println("changed (" + r.changed().size() + ", "
                        + (r.atomic() ? "one atomic CONFIG SET" : "key by key, Redis < 7") + "): " + list(r.changed()));
                w.println("already at the profile value: " + list(r.unchanged()));
                w.println("needs a restart (start-up only, not changed): " + list(r.restartKeys()));
                w.println("unsupported here (skipped): " + list(r.unsupported()));
                w.println("undo with: tailgate redis-config rollback " + r.snapshot() + " --target " + t.url());
            }
            w.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Restore the values a snapshot saved, in one CONFIG SET.",
                "SNAPSHOT defaults to the latest snapshot for the target's host:port in --snapshot-dir.",
                "A snapshot of another server run (different run_id) is refused unless --force.",
                "A restored snapshot is renamed *.rolled-back, so the next rollback undoes the apply before it."})
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT", description = "Snapshot file written by apply.")
        Path snapshot;

        @Mixin
        TargetOptions target;

        @Option(names = "--snapshot-dir", paramLabel = "DIR", description = "Where to look for the latest snapshot (default: ${DEFAULT-VALUE}).")
        Path snapshotDir = ConfigSnapshot.DEFAULT_DIR;

        @Option(names = "--force", description = "Restore even if the snapshot's run_id differs from the server's.")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RedisTarget t = notACluster(target.requireTarget("redis-config rollback"), "rollback");
            Path file = snapshot != null ? snapshot : ConfigSnapshot.latest(snapshotDir, t.host(), t.port())
                    .orElseThrow(() -> new BadInputException("--snapshot-dir " + snapshotDir + ": no snapshot for "
                            + t.host() + ":" + t.port() + "; pass SNAPSHOT explicitly"));
            ConfigSnapshot snap = ConfigSnapshot.read(file);
            Credentials cred = target.credentials();
            try (Jedis j = RedisConnector.open(t, cred)) {
                List<String> keys = RedisConfigManager.rollback(j, t, cred, snap, file, force);
                PrintWriter w = spec.commandLine().getOut();
                w.println("restored " + keys.size() + " key(s) from " + file + ": " + list(keys));
                w.println("snapshot kept as " + ConfigSnapshot.markRolledBack(file));
                w.flush();
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Show what apply would change: key, current value, profile value, settable at runtime?",
                "On a redis-cluster:// target: every master's table, then the profile keys the masters disagree on."})
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROFILE", description = "Profile name (stock, low-latency) or .conf file.")
        String profile;

        @Mixin
        TargetOptions target;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RedisTarget t = target.requireTarget("redis-config diff");
            ConfigProfile p = ConfigProfile.load(profile, TargetOptions.home());
            Credentials cred = target.credentials();
            PrintWriter w = spec.commandLine().getOut();
            if (t.isCluster()) {
                clusterDiff(t, cred, p, w);
            } else {
                try (Jedis j = RedisConnector.open(t, cred)) {
                    table(RedisConfigManager.diff(j, t, cred, p), w);
                }
            }
            w.flush();
            return ExitCode.OK;
        }

        /**
         * Every master's table under its {@code host:port}, then the profile keys whose current
         * values differ between masters: the cluster is then not one configuration.
         */
        private static void clusterDiff(RedisTarget t, Credentials cred, ConfigProfile p, PrintWriter w) {
            Map<String, Map<String, String>> currentByKey = new TreeMap<>();
            for (String m : ClusterMasters.discover(t, cred)) {
                RedisTarget node = t.node(m);
                try (Jedis j = RedisConnector.open(node, cred)) {
                    List<RedisConfigManager.KeyPlan> plan = RedisConfigManager.diff(j, node, cred, p);
                    w.println("master " + m + ":");
                    table(plan, w);
                    plan.forEach(k -> currentByKey.computeIfAbsent(k.key(), x -> new TreeMap<>())
                            .put(m, k.current().orElse("<none>")));
                } catch (BadInputException e) {
                    throw ClusterMasters.reword(t, "master", m, node, e);
                }
            }
            List<String> differing = new ArrayList<>();
            currentByKey.forEach((key, byNode) -> {
                if (byNode.values().stream().distinct().count() > 1) {
                    differing.add(key + " (" + byNode.entrySet().stream().map(e -> e.getKey() + " " + show(e.getValue()))
                            .collect(Collectors.joining("; ")) + ")");
                }
            });
            w.println(differing.isEmpty() ? "the masters agree on every profile key"
                    : "the masters differ in " + differing.size() + " profile key(s): " + String.join(", ", differing));
        }

        private static void table(List<RedisConfigManager.KeyPlan> plan, PrintWriter w) {
            w.printf("  %-34s %-22s %-22s %s%n", "key", "current", "profile", "settable");
            for (RedisConfigManager.KeyPlan k : plan) {
                String settable = switch (k.settable()) {
                    case RUNTIME -> "runtime";
                    case RESTART -> "restart only";
                    case UNSUPPORTED -> "unsupported here";
                };
                boolean differs = !k.current().orElse("").equals(k.profileValue());
                w.printf("%s %-34s %-22s %-22s %s%n", differs ? "*" : " ", k.key(),
                        show(k.current().orElse("<none>")), show(k.profileValue()), settable);
            }
            long changes = plan.stream().filter(RedisConfigManager.KeyPlan::changes).count();
            w.println(changes + " key(s) would change at runtime (marked * = differs)");
        }
    }

    /**
     * {@code apply} and {@code rollback} change one server. A cluster is refused: each master's
     * CONFIG SET is atomic on that master only, so a refusal half-way would leave the masters
     * configured differently, the one state a measurement must not run on.
     */
    static RedisTarget notACluster(RedisTarget t, String subcommand) {
        if (t.isCluster()) {
            throw new UsageException("redis-config " + subcommand + ": --target " + t.url() + " is a cluster; "
                    + subcommand + " changes one server at a time (a failure half-way would leave the masters configured"
                    + " differently): give each master as --target redis://HOST:PORT (redis-config diff lists them)");
        }
        return t;
    }

    private static String show(String v) {
        return v.isEmpty() ? "\"\"" : v;
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
