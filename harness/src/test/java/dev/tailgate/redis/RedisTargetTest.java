package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisTargetTest {

    @Test
    void parsesUserHostPortDb() {
        RedisTarget t = RedisTarget.parse("redis://bench@10.0.0.5:6380/2");
        assertEquals("10.0.0.5", t.host());
        assertEquals(6380, t.port());
        assertEquals(Optional.of("bench"), t.user());
        assertEquals(2, t.db());
        assertEquals("redis://bench@10.0.0.5:6380/2", t.url());
    }

    @Test
    void defaultsPortAndDb() {
        RedisTarget t = RedisTarget.parse("redis://localhost");
        assertEquals(6379, t.port());
        assertEquals(0, t.db());
    }

    @Test
    void passwordInUrlIsRefusedAndNotEchoed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> RedisTarget.parse("redis://u:s3cret@host:6379"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("REDIS_PASSWORD"));
    }

    @Test
    void badUrlsAreBadInput() {
        assertThrows(BadInputException.class, () -> RedisTarget.parse("http://host:1"));
        assertThrows(BadInputException.class, () -> RedisTarget.parse("redis://host:1/x"));
        assertThrows(BadInputException.class, () -> RedisTarget.parse("redis:// bad"));
    }

    @Test
    void aPortThatIsNotANumberIsNamedAsSuch() {
        BadInputException e = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis://127.0.0.1:notaport"));
        assertTrue(e.getMessage().contains("port \"notaport\" is not a number"), e.getMessage());
        assertFalse(e.getMessage().contains("missing host"), e.getMessage());
        BadInputException range = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis://bench@h:70000/0"));
        assertTrue(range.getMessage().contains("port 70000 is out of range"), range.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis://h:/0"));
        assertTrue(empty.getMessage().contains("port \"\" is not a number"), empty.getMessage());
        assertEquals(6380, RedisTarget.parse("redis://[::1]:6380").port());
    }

    @Test
    void credentialsPreferFileAndNeverPrint(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("pw"));
        Files.writeString(f, "fromfile\n");
        Credentials c = Credentials.resolve(Optional.of(f), Map.of(Credentials.ENV, "fromenv"));
        assertEquals(Optional.of("fromfile"), c.secret());
        assertFalse(c.toString().contains("fromfile"));
        Credentials e = Credentials.resolve(Optional.empty(), Map.of(Credentials.ENV, "fromenv"));
        assertEquals("env REDIS_PASSWORD", e.source());
        // no copy of the secret: forks read the user's file, or inherit REDIS_PASSWORD
        assertEquals(java.util.List.of("-Dtailgate.redis.passwordFile=" + f.toAbsolutePath()), c.forkProperties());
        assertEquals(java.util.List.of(), e.forkProperties());
        assertFalse(Credentials.resolve(Optional.empty(), Map.of()).present());
    }

    @Test
    void staleCopiesFromOlderVersionsAreSwept(@TempDir Path tmp) throws Exception {
        Path stale = Files.writeString(tmp.resolve("tailgate-pw123.secret"), "old-secret");
        Path other = Files.writeString(tmp.resolve("unrelated.secret"), "keep");
        assertEquals(1, Credentials.sweepStaleCopies(tmp));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other));
    }

    @Test
    void emptyOrMissingPasswordFileIsBadInput(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("pw"));
        assertThrows(BadInputException.class, () -> Credentials.resolve(Optional.of(f), Map.of()));
        assertThrows(BadInputException.class, () -> Credentials.resolve(Optional.of(f.resolveSibling("nope-" + f.getFileName())), Map.of()));
    }
}
