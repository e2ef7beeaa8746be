package dev.tailgate.redis.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsers and redaction, on replies copied from Redis 6.2 and 7.0. */
class TelemetryPartsTest {

    @Test
    void infoSectionsAndCommandStats() {
        String text = "# Server\r\nredis_version:7.0.15\r\nrun_id:abc\r\n\r\n# Commandstats\r\n"
                + "cmdstat_config|get:calls=3,usec=30,usec_per_call=10.00,rejected_calls=1,failed_calls=2\r\n"
                + "cmdstat_set:calls=5,usec=10,usec_per_call=2.00\r\n# Latencystats\r\n"
                + "latency_percentiles_usec_set:p50=1.003,p99=2.007,p99.9=3.007\r\n# Keyspace\r\n";
        Map<String, Map<String, String>> info = InfoText.parse(text);
        assertEquals(List.of("server", "commandstats", "latencystats", "keyspace"), List.copyOf(info.keySet()));
        assertEquals("7.0.15", info.get("server").get("redis_version"));
        assertEquals(List.of(new CommandStat("config|get", 3, 30, 1, 2), new CommandStat("set", 5, 10, 0, 0)),
                InfoText.commandStats(info.get("commandstats")));
        assertEquals(Map.of("p50", 1.003, "p99", 2.007, "p99.9", 3.007),
                InfoText.latencyPercentiles(info.get("latencystats")).get("set"));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void latencyRepliesInRespTwoShapes() {
        Object latest = List.of(List.of(b("command"), 1795647562L, 12L, 40L));
        assertEquals(List.of(new LatencyEvent("command", 1795647562L, 12, 40)), LatencyReplies.latest(latest));
        Object hist = List.of(b("SET"), List.of(b("calls"), 2L, b("histogram_usec"), List.of(1L, 1L, 16L, 2L)));
        CommandHistogram h = LatencyReplies.histogram(hist).get(0);
        assertEquals("set", h.command());
        assertEquals(2, h.calls());
        assertEquals(0, h.cumulativeAt(0));
        assertEquals(1, h.cumulativeAt(8));
        assertEquals(2, h.cumulativeAt(16));
    }

    @Test
    void configSecretsAreMaskedButEmptyStaysEmpty() {
        Redaction r = Redaction.withSecret(Optional.empty());
        Map<String, String> c = r.config(Map.of("requirepass", "pw", "masterauth", "", "tls-key-file-pass", "x",
                "maxmemory", "0", "masteruser", "repl"));
        assertEquals(Redaction.MASK, c.get("requirepass"));
        assertEquals("", c.get("masterauth"));
        assertEquals(Redaction.MASK, c.get("tls-key-file-pass"));
        assertEquals("0", c.get("maxmemory"));
        assertEquals("repl", c.get("masteruser"));
    }

    @Test
    void slowlogCredentialsAreMaskedEvenWhereRedisDidNot() {
        Redaction r = Redaction.withSecret(Optional.of("hunter2"));
        // Servers before 7 or other forks may log these in clear.
        assertEquals(List.of("AUTH", Redaction.MASK, Redaction.MASK), r.slowlogArgs(List.of("AUTH", "u", "pw")));
        assertEquals(List.of("ACL", "SETUSER", Redaction.MASK, Redaction.MASK),
                r.slowlogArgs(List.of("ACL", "SETUSER", "bob", ">pw")));
        assertEquals(List.of("config", "set", "hz", "10", "requirepass", Redaction.MASK),
                r.slowlogArgs(List.of("config", "set", "hz", "10", "requirepass", "other")));
        // The known secret is scrubbed wherever it shows up.
        assertEquals(List.of("SET", "k", "x" + Redaction.MASK + "y"), r.slowlogArgs(List.of("SET", "k", "xhunter2y")));
        List<String> plain = List.of("GET", "k");
        assertEquals(plain, r.slowlogArgs(plain));
        assertFalse(r.message("WRONGPASS hunter2").contains("hunter2"));
    }

    @Test
    void counterRuleNamesRoundTrip() {
        for (TelemetryCounter c : TelemetryCounter.values()) {
            assertTrue(c.ruleName().startsWith("redis."));
            assertEquals(Optional.of(c), TelemetryCounter.fromRuleName(c.ruleName()));
        }
        assertEquals("redis.new_slowlog_entries", TelemetryCounter.NEW_SLOWLOG_ENTRIES.ruleName());
        assertEquals(Optional.empty(), TelemetryCounter.fromRuleName("redis.nope"));
    }
}
