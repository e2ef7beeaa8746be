package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        BenchConfig c = BenchConfig.of(Map.of());
        assertEquals("127.0.0.1", c.redisHost());
        assertEquals(6379, c.redisPort());
        assertEquals(Optional.empty(), c.redisUser());
        assertEquals(0, c.redisDb());
        assertEquals("tailgate:bench:", c.keyPrefix());
        assertTrue(c.pin());
        assertEquals(-1, c.serverCpu());
        assertEquals(List.of(), c.clientCpus());
        assertEquals(Optional.empty(), c.pinningDir());
        assertEquals(BenchConfig.Protocol.RESP2, c.protocol());
    }

    @Test
    void readsEveryProperty(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        BenchConfig c = BenchConfig.of(Map.of(BenchConfig.HOST, "10.0.0.5", BenchConfig.PORT, "7000", BenchConfig.USER, "bench",
                BenchConfig.DB, "3", BenchConfig.PASSWORD_FILE, pw.toString(), BenchConfig.KEY_PREFIX, "x:",
                BenchConfig.PIN, "false", BenchConfig.CPU_SERVER, "0", BenchConfig.CPU_CLIENTS, "1, 3",
                BenchConfig.PROTOCOL, "resp3"));
        assertEquals(7000, c.redisPort());
        assertEquals(Optional.of("bench"), c.redisUser());
        assertEquals(3, c.redisDb());
        assertEquals(Optional.of("s3cret"), c.password());
        assertFalse(c.pin());
        assertEquals(0, c.serverCpu());
        assertEquals(List.of(1, 3), c.clientCpus());
        assertEquals(BenchConfig.Protocol.RESP3, c.protocol());
        assertFalse(c.toString().contains("s3cret"), "the password never appears in the config's text");
    }

    @Test
    void malformedValuesNameThePropertyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchConfig.of(Map.of(BenchConfig.CPU_CLIENTS, "1;2")));
        assertTrue(e.getMessage().startsWith("tailgate.cpu.clients:") && e.getMessage().contains("\"1;2\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.PIN, "yes")));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.PROTOCOL, "RESP4")));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of(Map.of(BenchConfig.PORT, "0")));
    }
}
