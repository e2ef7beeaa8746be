package dev.tailgate.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tailgate.redis.ConfigSnapshot;
import dev.tailgate.redis.RedisConfigManager;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisLaunchException;
import dev.tailgate.redis.telemetry.InfoText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a Redis server (or whatever answers on its port) replies, and the config files around it. */
class RedisRepliesFuzzTest {

    /** INFO text: sections, then the commandstats and latencystats fields tailgate reads. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void info(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        Expect.resultOrRefusal(() -> {
            Map<String, Map<String, String>> sections = InfoText.parse(text);
            for (Map<String, String> section : sections.values()) {
                InfoText.commandStats(section);
                InfoText.latencyPercentiles(section);
            }
        });
    }

    /** A profile planned against a CONFIG GET * reply (key/value pairs from the server). */
    @FuzzTest(maxDuration = Expect.BOUND)
    void configPlan(FuzzedDataProvider data) throws Exception {
        Map<String, String> reply = new LinkedHashMap<>();
        int pairs = data.consumeInt(0, 8);
        for (int i = 0; i < pairs; i++) {
            reply.put(data.consumeString(40), data.consumeString(80));
        }
        String profile = data.consumeRemainingAsString();
        Expect.resultOrRefusal(() -> {
            ConfigProfile parsed;
            try {
                parsed = ConfigProfile.parse("fuzz", "fuzz.conf", profile);
            } catch (RedisLaunchException e) {
                // the launcher module's one-line bad input (the CLI maps it to exit 3 too)
                Expect.oneLine(e);
                return;
            }
            RedisConfigManager.plan(parsed, reply);
        });
    }

    /** A saved CONFIG GET snapshot, read back by rollback. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void configSnapshot(byte[] input) throws Exception {
        Path f = Expect.file("snapshot.json", input);
        Expect.resultOrRefusal(() -> ConfigSnapshot.read(f));
    }
}
