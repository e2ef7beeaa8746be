package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.net.TcpPingPongBenchmark;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every transport of the floor switch must carry the same bytes: each client mode against each
 * echo-server mode, and each mode speaking RESP to a real Redis. The busy-polling modes must
 * stop when their connection is closed (a spinning thread left behind would eat the CPU of the
 * next trial), and the channel path must not allocate per call.
 */
class FloorIoTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisFixture.start("stock");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static EchoServer echo(FloorIo io) {
        return EchoServer.start(InetAddress.getLoopbackAddress(), 0, EchoServer.ThreadSetup.NONE, io,
                EchoServer.Framing.RAW);
    }

    @Test
    void everyClientModeGetsEveryByteBackFromEveryServerMode() throws IOException {
        SplittableRandom rnd = new SplittableRandom(16);
        for (FloorIo server : FloorIo.values()) {
            try (EchoServer echo = echo(server)) {
                for (FloorIo client : FloorIo.values()) {
                    try (FloorWire wire = client.connect(echo.address())) {
                        // 100,000 B is larger than the channels' 64 KiB buffers: sent and read in pieces
                        for (int size : new int[] {1, 14, 4096, 100_000}) {
                            byte[] payload = new byte[size];
                            rnd.nextBytes(payload);
                            byte[] reply = new byte[size];
                            TcpPingPongBenchmark.roundTrip(wire, payload, reply);
                            assertArrayEquals(payload, reply, client + " client, " + server + " server, " + size + " B");
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyModeReadsWholeRespRepliesFromRedis() throws IOException {
        BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.PIN, "false"));
        byte[] value = new byte[70_000];
        new SplittableRandom(70).nextBytes(value);
        for (FloorIo io : FloorIo.values()) {
            byte[] key = ascii("floor-io:" + io);
            try (RawRespConnection c = RedisConnections.raw(cfg, io)) {
                assertEquals(new RespReply.Simple("PONG"), c.call(RespCommands.PING), io.toString());
                assertEquals(new RespReply.Simple("OK"), c.call(RespCommands.encode(ascii("SET"), key, value)));
                RespReply got = c.call(RespCommands.encode(ascii("GET"), key));
                assertArrayEquals(value, assertInstanceOf(RespReply.Bulk.class, got).value(), io.toString());
                assertEquals(List.of(new RespReply.Simple("PONG"), new RespReply.Simple("PONG"), new RespReply.Int(1)),
                        c.pipeline(concat(RespCommands.PING, RespCommands.PING, RespCommands.encode(ascii("DEL"), key)),
                                3));
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aSpinningEchoServerStopsWhenClosed() throws Exception {
        EchoServer echo = echo(FloorIo.SPIN);
        String prefix = "tailgate-echo-" + echo.port() + "-";
        try (Socket s = new Socket(echo.address().getAddress(), echo.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {7});
            assertEquals(7, s.getInputStream().read());
            assertTrue(threadsNamed(prefix) > 0, "the connection thread should be spinning on its read");
            echo.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (threadsNamed(prefix) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, threadsNamed(prefix), "a spinning echo thread outlived close()");
            assertEquals(-1, s.getInputStream().read(), "the client should see the connection end");
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void aSpinningClientReadStopsWhenItsWireIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FloorWire wire = FloorIo.SPIN.connect(new java.net.InetSocketAddress(silent.getInetAddress(), silent.getLocalPort()));
            try (Socket accepted = silent.accept()) {
                CountDownLatch reading = new CountDownLatch(1);
                AtomicReference<Throwable> ended = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    reading.countDown();
                    try {
                        wire.receive(new byte[16], 0, 16);
                    } catch (Throwable e) {
                        ended.set(e);
                    }
                }, "spin-reader");
                t.start();
                reading.await();
                wire.close();
                t.join(10_000);
                assertFalse(t.isAlive(), "the spinning read did not stop after close()");
                assertInstanceOf(ClosedChannelException.class, ended.get());
            }
        }
    }

    @Test
    void theChannelPathsAllocateNothingPerRoundTrip() throws IOException {
        try (EchoServer echo = echo(FloorIo.STREAM)) {
            for (FloorIo io : List.of(FloorIo.CHANNEL, FloorIo.SPIN)) {
                try (FloorWire wire = io.connect(echo.address())) {
                    byte[] payload = new byte[14];
                    byte[] reply = new byte[14];
                    roundTrips(wire, payload, reply, 2_000);
                    long before = allocatedBytes();
                    roundTrips(wire, payload, reply, 10_000);
                    long allocated = allocatedBytes() - before;
                    // one 16-byte object per call would be 160,000 B
                    assertTrue(allocated < 10_000, io + ": " + allocated + " B allocated over 10,000 round trips");
                }
            }
        }
    }

    private static void roundTrips(FloorWire wire, byte[] payload, byte[] reply, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            TcpPingPongBenchmark.roundTrip(wire, payload, reply);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
