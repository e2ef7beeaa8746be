package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinningOutcome;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.PinningRecords;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * The mix benchmarks' states against a real redis-server (the project's fixture), driven by hand
 * the way JMH drives them: what Redis counts (INFO commandstats) is what the histograms say was
 * sent, in the mix's proportions; pipelined replies match their commands; values have the asked
 * sizes; the overload is stated in the pinning record and the log.
 */
class LoadShapeRedisTest {
    private static final String MIX = "GET:10,SET:2,PING:3,INCR:4,HGET:2,HSET:1,LPUSH:2,RPOP:2";
    private static RedisServer redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RedisFixture.start("stock");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private BenchConfig config(String clientCpus) {
        return BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.PIN, "false",
                BenchConfig.CPU_CLIENTS, clientCpus, BenchConfig.PINNING_DIR, dir.resolve("pinning").toString(),
                BenchConfig.KEY_TTL_MILLIS, "600000"));
    }

    private static MixState state(String client, String mix, String keys, String keyspace, String values,
                                  String pipeline, String connections) {
        MixState s = switch (client) {
            case "jedis" -> new JedisMixBenchmark.Client();
            case "lettuce" -> new LettuceMixBenchmark.Client();
            default -> new RawRespMixBenchmark.Client();
        };
        s.mix = mix;
        s.keys = keys;
        s.keyspace = keyspace;
        s.values = values;
        s.pipeline = pipeline;
        s.connections = connections;
        return s;
    }

    /** Calls per command name (upper case) from INFO commandstats. */
    static Map<String, Long> commandCalls(Jedis obs) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : obs.info("commandstats").split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':')).toUpperCase(java.util.Locale.ROOT);
                String v = line.substring(line.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(v.substring(0, v.indexOf(','))));
            }
        }
        return calls;
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "jedis", "lettuce"})
    void redisCountsWhatTheHistogramsRecordInTheMixProportions(String client) throws Exception {
        MixState s = state(client, MIX, "zipf:0.99", "200", "choice:16,100", "4", "3");
        Path log = dir.resolve("mix.hlog");
        try (HlogOutput out = HlogOutput.at(log, "test"); Jedis obs = new Jedis("127.0.0.1", redis.port())) {
            s.open(config(""), new BenchId("t.LoadMix.mix", Map.of()), 0, 1, InjectedDelay.NONE, ForkLog.writingTo(out));
            try {
                s.beginIteration(true);
                Map<String, Long> before = commandCalls(obs);
                int calls = 6000;
                long completed = 0;
                for (int i = 0; i < calls; i++) {
                    int done = s.trial.call();
                    assertEquals(i < 3 ? 0 : 4, done, "the first call on each of 3 connections only sends a batch of 4");
                    completed += done;
                }
                assertEquals((calls - 3) * 4L, completed);
                s.endIteration();
                Map<String, Long> after = commandCalls(obs);
                CommandHistograms h = s.trial.histograms();
                List<LoadCommand> cmds = s.trial.commands();
                long sum = 0;
                int totalWeight = 26;
                int[] weights = {10, 2, 3, 4, 2, 1, 2, 2};
                for (int i = 0; i < cmds.size(); i++) {
                    String name = cmds.get(i).name();
                    long sent = h.command(i).getTotalCount();
                    assertEquals(after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L), sent,
                            name + ": Redis counted what the histogram recorded");
                    double expected = calls * 4.0 * weights[i] / totalWeight;
                    double sd = Math.sqrt(expected * (1 - (double) weights[i] / totalWeight));
                    assertTrue(Math.abs(sent - expected) < 5 * sd, name + ": " + sent + " vs " + expected);
                    sum += sent;
                }
                assertEquals(calls * 4L, h.mix().getTotalCount(), "the end of the iteration read what was in flight");
                assertEquals(h.mix().getTotalCount(), sum, "per-command counts add up to the mix's");
                assertEquals(counterTotal(obs, s), h.command(cmds.indexOf(LoadCommand.INCR)).getTotalCount(),
                        "every pipelined INCR reply was matched and every INCR applied");
            } finally {
                s.tearDown();
            }
            assertEquals(0, obs.dbSize(), "teardown removed every key");
        }
        assertLogHoldsMixAndEveryCommand(log);
    }

    private static long counterTotal(Jedis obs, MixState s) {
        long total = 0;
        for (String k : obs.keys(s.trial.namespace().replace("*", "\\*") + "c:*")) {
            total += Long.parseLong(obs.get(k));
        }
        return total;
    }

    private static void assertLogHoldsMixAndEveryCommand(Path log) throws Exception {
        Map<String, Long> byTag = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            byTag.merge(e.getTag(), ((Histogram) e).getTotalCount(), Long::sum);
        }
        assertEquals(24_000L, byTag.get(HlogOutput.RESPONSE));
        long commands = byTag.entrySet().stream().filter(x -> !x.getKey().equals(HlogOutput.RESPONSE))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(24_000L, commands);
        assertEquals(9, byTag.size(), "response plus one tag per command: " + byTag.keySet());
    }

    @Test
    void aReplyOfTheWrongTypeFailsTheCallNamingTheCommand() throws Exception {
        MixState s = state("raw", "GET:1", "uniform", "1", "16", "1", "1");
        try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
            s.open(config(""), new BenchId("t.Wrong.mix", Map.of()), 0, 1, InjectedDelay.NONE, new ForkLog());
            try {
                String key = s.trial.namespace() + "s:0";
                obs.del(key);
                obs.lpush(key, "x");
                s.trial.call();
                IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> s.trial.call());
                assertTrue(e.getMessage().startsWith("GET on connection 0: unexpected reply")
                        && e.getMessage().contains("WRONGTYPE"), e.getMessage());
            } finally {
                s.tearDown();
            }
        }
    }

    @Test
    void preloadedValuesHaveTheAskedSizes() throws Exception {
        MixState s = state("raw", "GET:1", "sequential", "3000", "choice:16,128,1024", "1", "1");
        try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
            s.open(config(""), new BenchId("t.Sizes.mix", Map.of()), 0, 1, InjectedDelay.NONE, new ForkLog());
            try {
                Map<Long, Integer> sizes = new TreeMap<>();
                for (String k : obs.keys(s.trial.namespace() + "s:*")) {
                    sizes.merge(obs.strlen(k), 1, Integer::sum);
                }
                assertEquals(List.of(16L, 128L, 1024L), List.copyOf(sizes.keySet()));
                sizes.values().forEach(n -> assertTrue(Math.abs(n - 1000) < 5 * Math.sqrt(3000 * 2.0 / 9), sizes.toString()));
                assertTrue(obs.pttl(obs.keys(s.trial.namespace() + "s:*").iterator().next()) > 0, "keys carry the TTL");
            } finally {
                s.tearDown();
            }
        }
    }

    @Test
    void overloadIsStatedInThePinningRecordOfTheThreadWithoutACpu() throws Exception {
        BenchConfig cfg = config("1");
        MixState first = state("raw", "PING:1", "uniform", "10", "16", "1", "1");
        MixState second = state("raw", "PING:1", "uniform", "10", "16", "1", "1");
        Path log = dir.resolve("overload.hlog");
        try (HlogOutput out = HlogOutput.at(log, "test")) {
            ForkLog forkLog = ForkLog.writingTo(out);
            BenchId id = new BenchId("t.Over.mix", Map.of());
            first.open(cfg, id, 0, 2, InjectedDelay.NONE, forkLog);
            second.open(cfg, id, 1, 2, InjectedDelay.NONE, forkLog);
            first.tearDown();
            second.tearDown();
        }
        List<PinningRecord> records = PinningRecords.readAll(dir.resolve("pinning"));
        assertEquals(2, records.size());
        records.forEach(r -> assertEquals(PinRole.CLIENT, r.role()));
        records.forEach(r -> assertEquals(PinningOutcome.DISABLED, r.outcome()));
        assertEquals(1, records.stream().filter(r -> r.reason().startsWith("OVERLOAD: 2 client threads on 1 client CPU(s) [1]"))
                .count(), records.toString());
        assertTrue(Files.readString(log).contains("#OVERLOAD: 2 client threads on 1 client CPU(s) [1]"));
    }
}
