package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Every mix client connects as the other benchmarks do: an ACL user with a password file, and a
 * database other than 0 (the keys land there, and only there).
 */
class MixAuthTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"raw", "jedis", "lettuce"})
    void connectsAsTheAclUserOnTheConfiguredDatabase(String client) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "s3cret\n");
        try (RedisServer redis = RedisFixture.start("stock", "user default off", "user bench on >s3cret ~* &* +@all")) {
            BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()),
                    BenchConfig.USER, "bench", BenchConfig.PASSWORD_FILE, pw.toString(), BenchConfig.DB, "2",
                    BenchConfig.PIN, "false"));
            MixState s = switch (client) {
                case "jedis" -> new JedisMixBenchmark.Client();
                case "lettuce" -> new LettuceMixBenchmark.Client();
                default -> new RawRespMixBenchmark.Client();
            };
            s.mix = "GET:1,SET:1";
            s.keys = "uniform";
            s.keyspace = "10";
            s.values = "16";
            s.pipeline = "2";
            s.connections = "2";
            s.open(cfg, new BenchId("t.Auth.mix", Map.of()), 0, 1, InjectedDelay.NONE, new ForkLog());
            try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
                obs.auth("bench", "s3cret");
                s.beginIteration(true);
                for (int i = 0; i < 20; i++) {
                    s.trial.call();
                }
                s.endIteration();
                assertEquals(40, s.trial.histograms().mix().getTotalCount());
                obs.select(2);
                assertEquals(10, obs.dbSize(), "the keys are in database 2");
                obs.select(0);
                assertEquals(0, obs.dbSize(), "and not in database 0");
                s.tearDown();
                obs.select(2);
                assertEquals(0, obs.dbSize());
            }
        }
    }
}
