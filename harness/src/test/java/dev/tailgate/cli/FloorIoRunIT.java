package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor's I/O end to end: a real short JMH run of raw RESP (which shares {@code tailgate.io}
 * with the TCP floor) against the embedded redis-server records the effective I/O in its
 * manifest, the channel when nothing asks for another, and compare refuses a stream run against
 * a channel run as unlike.
 */
class FloorIoRunIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static String[] run(Path results, String id, String... more) {
        return CliRun.tinyRun(results, id, "RawRespPingBenchmark", more);
    }

    private static JsonNode fork(Path run) throws Exception {
        return JsonFiles.json().readTree(run.resolve("manifest.json").toFile()).get("fork");
    }

    @Test
    void aRunWithoutTheSwitchRecordsTheChannelAndCompareRefusesItAgainstStreams(@TempDir Path results) throws Exception {
        RunCommandIT.Result plain = RunCommandIT.tailgate(run(results, "plain"));
        assertEquals(ExitCode.OK, plain.code(), plain.err());
        assertEquals("channel", fork(results.resolve("plain")).get("floorIo").asText());
        assertEquals("[]", fork(results.resolve("plain")).get("jvmArgs").toString());

        RunCommandIT.Result streams = RunCommandIT.tailgate(run(results, "streams", "--jvm-args=-Dtailgate.io=stream"));
        assertEquals(ExitCode.OK, streams.code(), streams.err());
        assertEquals("stream", fork(results.resolve("streams")).get("floorIo").asText());

        RunCommandIT.Result refused = RunCommandIT.tailgate("compare", "--results", results.toString(),
                "--ledger", results.resolveSibling(results.getFileName() + ".jsonl").toString(),
                results.resolve("plain").toString(), results.resolve("streams").toString());
        assertEquals(ExitCode.BAD_INPUT, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("floor I/O: baseline channel, candidate stream"), refused.err());
    }

    @Test
    void anUnknownFloorIoIsAUsageErrorBeforeAnyRun(@TempDir Path results) {
        RunCommandIT.Result r = RunCommandIT.tailgate(run(results, "epoll", "--jvm-args=-Dtailgate.io=epoll"));
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--jvm-args -Dtailgate.io=epoll: tailgate.io: expected one of stream|channel|spin,"
                + " got \"epoll\""), r.err());
        assertFalse(Files.exists(results.resolve("epoll")), "no run directory for a usage error");
    }
}
