package dev.tailgate.fingerprint;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.model.CorePlan;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The Redis part of a fingerprint: INFO server, the full config and its hash, the process. */
final class RedisProbe {
    /** INFO server fields that change with every start or every second: not environment. */
    static final Set<String> VOLATILE_INFO = Set.of("run_id", "process_id", "tcp_port", "uptime_in_seconds",
            "uptime_in_days", "lru_clock", "server_time_usec", "executable", "config_file", "hz",
            "io_threads_active", "process_supervised", "listener0", "listener1", "listener2");
    /** Kernel-bypass stacks that replace the socket calls when preloaded (Solarflare, Mellanox, Exablaze). */
    static final List<String> BYPASS_LIBS = List.of("libonload", "libvma", "libxlio", "libexasock");

    private RedisProbe() {
    }

    static Fingerprint.Redis capture(RedisSource src) {
        try (Jedis j = RedisConnector.open(src.target(), src.credentials())) {
            Map<String, String> info = RedisConnector.info(j, "server");
            SortedMap<String, String> kept = new TreeMap<>();
            info.forEach((k, v) -> {
                if (!VOLATILE_INFO.contains(k)) {
                    kept.put(k, Redaction.value(k, v));
                }
            });
            Item version = Optional.ofNullable(info.get("redis_version")).map(Item::of)
                    .orElse(Item.absent("no redis_version in INFO server"));
            Item runId = Optional.ofNullable(info.get("run_id")).map(Item::of).orElse(Item.absent("no run_id"));
            SortedMap<String, String> config = new TreeMap<>();
            Item hash;
            try {
                config = Redaction.redactConfig(j.configGet("*"));
                hash = Item.of(Redaction.hashConfig(config));
            } catch (JedisDataException e) {
                hash = Item.absent("CONFIG GET refused: " + RedisConnector.safe(e.getMessage(), src.credentials()));
            }
            Optional<Long> pid = src.localPid().or(() -> loopbackPid(src, info));
            Item affinity = pid.map(p -> HostCpus.affinityOf(p).map(c -> Item.of(AllowedCpus.format(c)))
                    .orElse(Item.absent("unreadable: /proc/" + p + "/status")))
                    .orElse(Item.absent("remote server: process not visible"));
            Item preload = pid.map(RedisProbe::preload).orElse(Item.absent("remote server: process not visible"));
            return new Fingerprint.Redis(Item.of(src.target().url()), version, runId, kept, hash, config,
                    affinity, preload);
        }
    }

    /** For a loopback target, INFO's process_id is a local pid, if it really is a redis process. */
    private static Optional<Long> loopbackPid(RedisSource src, Map<String, String> info) {
        String h = src.target().host();
        if (!(h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1")) || !info.containsKey("process_id")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(info.get("process_id"));
            String comm = HostProbe.readFully(Path.of("/proc/" + pid + "/comm")).strip();
            return comm.startsWith("redis") ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * LD_PRELOAD from the process environment (only that variable is looked at: the rest of the
     * environment may hold secrets) and any kernel-bypass library mapped into the process.
     */
    static Item preload(long pid) {
        Path proc = Path.of("/proc/" + pid);
        Set<String> found = new LinkedHashSet<>();
        try {
            String env = HostProbe.readFully(proc.resolve("environ"));
            for (String kv : env.split("\0")) {
                if (kv.startsWith("LD_PRELOAD=")) {
                    found.add(kv);
                }
            }
            for (String line : HostProbe.readFully(proc.resolve("maps")).lines().toList()) {
                for (String lib : BYPASS_LIBS) {
                    int at = line.indexOf(lib);
                    if (at >= 0) {
                        found.add("mapped " + line.substring(line.lastIndexOf('/') + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            return HostProbe.absentFor(e);
        }
        return Item.of(found.isEmpty() ? "none" : String.join("; ", found));
    }
}
