package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.model.BadInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rediss:// and unix:// targets: parsing, the URL shown, and what the forks are told. */
class TransportTargetTest {
    private static final TlsSettings TLS = new TlsSettings(Optional.of(Path.of("/etc/ca.pem")), Optional.of(Path.of("/c.pem")),
            Optional.of(Path.of("/k.pem")), Optional.of("redis.internal"), false);

    @Test
    void redissIsTlsWithTheGivenSettingsAndItsUrlSaysSo() {
        RedisTarget t = RedisTarget.parse("rediss://bench@10.0.0.5:6380/1", TLS);
        assertEquals(RedisEndpoint.Transport.TLS, t.transport());
        assertEquals(Optional.of(TLS), t.tls());
        assertEquals("rediss://bench@10.0.0.5:6380/1", t.url());
        assertEquals(RedisEndpoint.Transport.TCP, RedisTarget.parse("redis://h:1", TLS).transport(),
                "TLS settings alone do not make a redis:// target TLS");
    }

    @Test
    void unixHasASocketNoHostPortAndAnOptionalDb() {
        RedisTarget t = RedisTarget.parse("unix:///run/redis/redis.sock?db=3");
        assertEquals(RedisEndpoint.Transport.UNIX, t.transport());
        assertEquals(Optional.of(Path.of("/run/redis/redis.sock")), t.socket());
        assertEquals(3, t.db());
        assertEquals("unix:///run/redis/redis.sock?db=3", t.url());
        assertEquals("unix:///tmp/r.sock", RedisTarget.parse("unix:///tmp/r.sock").url());
    }

    @Test
    void badUnixUrlsAreOneLineNamingTheForm() {
        for (String bad : List.of("unix://host/tmp/r.sock", "unix://", "unix:///tmp/r.sock?database=1")) {
            BadInputException e = assertThrows(BadInputException.class, () -> RedisTarget.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--target " + bad), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void forksGetTheTransportAsPathsAndTheyReadItBack() {
        RedisTarget t = RedisTarget.parse("rediss://bench@10.0.0.5:6380/1", TLS);
        List<String> props = t.forkProperties("tailgate.redis.");
        Map<String, String> m = new HashMap<>();
        for (String p : props) {
            int eq = p.indexOf('=');
            m.put(p.substring(2, eq), p.substring(eq + 1));
        }
        BenchConfig cfg = BenchConfig.of(m);
        assertEquals(t.endpoint(), cfg.endpoint());
        assertEquals(Optional.of("bench"), cfg.redisUser());
        assertFalse(props.stream().anyMatch(p -> p.contains("BEGIN")), props.toString());

        RedisTarget u = RedisTarget.parse("unix:///tmp/r.sock");
        Map<String, String> mu = new HashMap<>();
        for (String p : u.forkProperties("tailgate.redis.")) {
            int eq = p.indexOf('=');
            mu.put(p.substring(2, eq), p.substring(eq + 1));
        }
        assertEquals(u.endpoint(), BenchConfig.of(mu).endpoint());
    }
}
