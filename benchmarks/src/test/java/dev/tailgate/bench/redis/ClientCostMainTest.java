package dev.tailgate.bench.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.redis.launch.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The paired client-cost measurement against a real redis-server: a short run, its output and exit codes. */
class ClientCostMainTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension("stock");

    @TempDir
    Path dir;

    private static BenchConfig config(int port) {
        return BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(port), BenchConfig.PIN, "false"));
    }

    @Test
    void aShortRunTimesEveryClientAndWritesBothPairedDifferences() throws Exception {
        Path json = dir.resolve("client-cost.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientCostMain.run(new String[] {"--warmup-ms", "100", "--measure-ms", "300", "--json", json.toString()},
                config(REDIS.server().port()), FloorIo.CHANNEL, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("raw-channel"), lines.get(0));
        assertTrue(lines.get(4).startsWith("lettuce - raw-channel"), lines.get(4));

        JsonNode j = new ObjectMapper().readTree(Files.readString(json));
        assertEquals("channel", j.get("io").asText());
        long raw = j.get("raw").get("calls").asLong();
        for (String client : List.of("raw", "jedis", "lettuce")) {
            JsonNode p = j.get(client);
            long calls = p.get("calls").asLong();
            assertTrue(calls > 0, client + " has no timed calls");
            assertTrue(Math.abs(calls - raw) <= 1, "whole blocks of three: " + client + " " + calls + " vs raw " + raw);
            assertTrue(p.get("p50").asDouble() > 0 && p.get("p50").asDouble() <= p.get("p99").asDouble()
                    && p.get("p99").asDouble() <= p.get("p99.9").asDouble(), client + ": " + p);
        }
        for (String diff : List.of("jedis", "lettuce")) {
            JsonNode d = j.get(diff + "_minus_raw_paired");
            assertEquals(j.get(diff).get("p50").asDouble() - j.get("raw").get("p50").asDouble(), d.get("p50").asDouble(), 0.0015);
            assertEquals(j.get(diff).get("p99").asDouble() - j.get("raw").get("p99").asDouble(), d.get("p99").asDouble(), 0.0015);
        }
    }

    @Test
    void anUnreachableRedisIsOneLineAndExitThree() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientCostMain.run(new String[] {"--measure-ms", "100"}, config(closedPort), FloorIo.STREAM,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(3, code);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("client-cost: measuring PING on ") && msg.contains(Integer.toString(closedPort)), msg);
    }

    @Test
    void aBadOptionIsOneUsageLineNamingIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientCostMain.run(new String[] {"--measure-ms", "0"}, config(REDIS.server().port()), FloorIo.STREAM,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("client-cost: --measure-ms: expected milliseconds from 1 to 86400000, got \"0\"",
                err.toString(StandardCharsets.UTF_8).strip());
    }
}
