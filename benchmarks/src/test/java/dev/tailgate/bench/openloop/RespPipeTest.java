package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The raw RESP reply skipper against every reply shape a real Redis sends it. */
class RespPipeTest {

    @Test
    void skipsEveryReplyTypeAndCountsErrorRepliesInStep() throws Exception {
        try (RedisServer redis = RedisFixture.start("stock");
             RespPipe p = RespPipe.connect(redis.host(), redis.port(), Optional.empty(), 5_000,
                     "GET", "tailgate:test:big")) {
            assertEquals('+', p.command("SET", "tailgate:test:big", "v".repeat(200_000))); // > the 64 KiB buffer
            assertEquals('$', p.command("GET", "tailgate:test:missing"));                  // null bulk $-1
            assertEquals('*', p.command("CONFIG", "GET", "hz"));                          // array
            assertEquals(':', p.command("DEL", "tailgate:test:none"));                     // integer
            assertEquals('-', p.command("NOSUCHCOMMAND"));                                 // error
            // pipelined: three big replies in flight, read back in order
            for (int i = 0; i < 3; i++) {
                p.send();
            }
            for (int i = 0; i < 3; i++) {
                p.awaitReply();
            }
            assertEquals(0, p.errorReplies());
            assertEquals(':', p.command("DEL", "tailgate:test:big"));
            p.send();
            p.awaitReply(); // GET of the deleted key: null bulk, not an error
            assertEquals(0, p.errorReplies());
        }
    }
}
