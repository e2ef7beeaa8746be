package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RespReaderTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisFixture.start("stock");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RespReader reader(String wire) {
        return new RespReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands out one byte per read: every reply is split at every possible point. */
    private static RespReader trickle(byte[] wire) {
        return new RespReader(new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < wire.length ? wire[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= wire.length) {
                    return -1;
                }
                b[off] = wire[pos++];
                return 1;
            }
        }, 8);
    }

    @Test
    void parsesEachReplyTypeAndStopsAtItsEnd() throws IOException {
        RespReader r = reader("+PONG\r\n$5\r\nhe\r\no\r\n$-1\r\n-ERR unknown command\r\n:42\r\n*2\r\n$1\r\na\r\n:-7\r\n*-1\r\n$0\r\n\r\n");
        assertEquals(new RespReply.Simple("PONG"), r.read());
        assertEquals("he\r\no", new String(((RespReply.Bulk) r.read()).value(), StandardCharsets.UTF_8),
                "a bulk payload may contain CRLF: its length, not a line end, delimits it");
        assertEquals(new RespReply.Nil(), r.read());
        assertEquals(new RespReply.Error("ERR unknown command"), r.read());
        assertEquals(new RespReply.Int(42), r.read());
        RespReply.Array arr = assertInstanceOf(RespReply.Array.class, r.read());
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), ((RespReply.Bulk) arr.items().get(0)).value());
        assertEquals(new RespReply.Int(-7), arr.items().get(1));
        assertEquals(new RespReply.Nil(), r.read());
        assertEquals(0, ((RespReply.Bulk) r.read()).value().length);
    }

    @Test
    void readsABulkLargerThanItsBufferDeliveredOneByteAtATime() throws IOException {
        byte[] value = new byte[5000];
        new SplittableRandom(1).nextBytes(value);
        byte[] head = "$5000\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[head.length + value.length + 2 + 7];
        System.arraycopy(head, 0, wire, 0, head.length);
        System.arraycopy(value, 0, wire, head.length, value.length);
        System.arraycopy("\r\n+PONG\r\n".getBytes(StandardCharsets.US_ASCII), 0, wire, head.length + value.length, 9);
        RespReader r = trickle(wire);
        assertArrayEquals(value, ((RespReply.Bulk) r.read()).value());
        assertEquals(new RespReply.Simple("PONG"), r.read(), "the reader must stop exactly after the bulk's CRLF");
    }

    @Test
    void failsLoudlyOnTruncatedOrMalformedReplies() {
        assertThrows(EOFException.class, () -> reader("$10\r\nabc").read());
        assertThrows(IOException.class, () -> reader("$3\r\nabcX\r\n").read(), "missing CRLF after payload");
        assertThrows(IOException.class, () -> reader("?what\r\n").read(), "unknown type byte");
        assertThrows(IOException.class, () -> reader(":4x\r\n").read(), "non-digit in integer");
    }

    @Test
    void parsesRealRedisReplies() throws IOException {
        try (RawRespConnection c = RawRespConnection.connect("127.0.0.1", redis.port())) {
            assertEquals(new RespReply.Simple("PONG"), c.call(RespCommands.PING));
            byte[] value = BenchKeyspace.printable(4096, new SplittableRandom(3));
            assertEquals(new RespReply.Simple("OK"), c.call(RespCommands.encode("SET".getBytes(StandardCharsets.US_ASCII),
                    "resp-test:k".getBytes(StandardCharsets.US_ASCII), value)));
            assertArrayEquals(value, ((RespReply.Bulk) c.call(RespCommands.encode("GET", "resp-test:k"))).value());
            assertEquals(new RespReply.Nil(), c.call(RespCommands.encode("GET", "resp-test:missing")));
            RespReply err = c.call(RespCommands.encode("NOSUCHCOMMAND"));
            assertInstanceOf(RespReply.Error.class, err);
            List<RespReply> replies = c.pipeline(concat(RespCommands.PING, RespCommands.encode("DEL", "resp-test:k")), 2);
            assertEquals(List.of(new RespReply.Simple("PONG"), new RespReply.Int(1)), replies);
        }
    }

    @Test
    void scanReadsEachReplyWhollyAndKeepsOnlyItsTypeAndSize() throws IOException {
        RespReader r = reader("+PONG\r\n$5\r\nhe\r\no\r\n$-1\r\n-ERR unknown command\r\n:42\r\n"
                + "*2\r\n$1\r\na\r\n*1\r\n:-7\r\n*-1\r\n$0\r\n\r\n+OK\r\n");
        assertEquals('+', r.scan());
        assertEquals(4, r.scannedLength());
        assertEquals('$', r.scan());
        assertEquals(5, r.scannedLength(), "a bulk payload may contain CRLF: its length delimits it");
        assertEquals('$', r.scan());
        assertEquals(-1, r.scannedLength(), "nil bulk");
        assertEquals('-', r.scan());
        assertEquals("ERR unknown command", r.scannedError());
        assertEquals("the error reply \"ERR unknown command\"", r.describeScanned('-'));
        assertEquals(':', r.scan());
        assertEquals(42, r.scannedLength());
        assertEquals('*', r.scan());
        assertEquals(2, r.scannedLength(), "the outer array's count, after its nested elements were read");
        assertEquals('*', r.scan());
        assertEquals(-1, r.scannedLength());
        assertEquals('$', r.scan());
        assertEquals(0, r.scannedLength());
        assertEquals(new RespReply.Simple("OK"), r.read(), "scan stops exactly at each reply's end");
    }

    @Test
    void scanSkipsABulkLargerThanItsBufferDeliveredOneByteAtATime() throws IOException {
        byte[] wire = "$5000\r\n".concat("x".repeat(5000)).concat("\r\n+PONG\r\n").getBytes(StandardCharsets.US_ASCII);
        RespReader r = trickle(wire);
        assertEquals('$', r.scan());
        assertEquals(5000, r.scannedLength());
        assertEquals(new RespReply.Simple("PONG"), r.read());
    }

    @Test
    void scanFailsLoudlyOnTruncatedOrMalformedReplies() {
        assertThrows(EOFException.class, () -> reader("$10\r\nabc").scan());
        assertThrows(IOException.class, () -> reader("$3\r\nabcX\r\n").scan(), "missing CRLF after payload");
        assertThrows(IOException.class, () -> reader("?what\r\n").scan(), "unknown type byte");
        assertThrows(IOException.class, () -> reader("+PONG\rX").scan(), "CR without LF");
        assertThrows(IOException.class, () -> reader("*2\r\n:1\r\n").scan(), "an array cut short");
    }

    /**
     * The raw RESP benchmarks' timed call, PING and a 16-byte GET against a real Redis over the
     * channel I/O, allocates nothing once warm: a reply object per call (at least 16 B) would
     * be 160,000 B over 10,000 calls.
     */
    @Test
    void aScannedRoundTripAllocatesNothing() throws IOException {
        try (RawRespConnection c = RawRespConnection.connect(RedisEndpoint.tcp("127.0.0.1", redis.port()), FloorIo.CHANNEL)) {
            c.callOrFail("SET", "resp-test:scan", "0123456789abcdef");
            byte[] get = RespCommands.encode("GET", "resp-test:scan");
            scanCalls(c, get, 2_000);
            long before = allocatedBytes();
            scanCalls(c, get, 5_000);
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 10_000, allocated + " B allocated over 10,000 scanned round trips");
            c.callOrFail("DEL", "resp-test:scan");
        }
    }

    private static void scanCalls(RawRespConnection c, byte[] get, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            if (c.callScan(RespCommands.PING) != '+' || c.callScan(get) != '$' || c.reader().scannedLength() != 16) {
                throw new AssertionError("unexpected reply: " + c.reader().describeScanned('$'));
            }
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
