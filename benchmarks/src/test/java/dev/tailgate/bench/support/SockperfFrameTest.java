package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailgate.bench.net.TcpPingPongBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * sockperf's wire format as its source defines it (Mellanox/sockperf, src/message.h: a packed
 * header of a 64-bit sequence number, 16-bit flags and the 32-bit length of the whole message,
 * in network byte order), and its server's rule for answering.
 */
class SockperfFrameTest {

    @Test
    void aRequestCarriesSequenceClientAndPongFlagsAndItsWholeLength() {
        byte[] m = SockperfFrame.request(16, 0x0102030405060708L);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 3, 0, 0, 0, 16, 0, 0}, m);
        assertThrows(IllegalArgumentException.class, () -> SockperfFrame.request(13, 1));
    }

    /** Collects what {@link SockperfFrame#answer} sends back. */
    private static final class Recorder implements FloorWire {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        @Override
        public void send(byte[] b, int off, int len) {
            sent.write(b, off, len);
        }

        @Override
        public int receive(byte[] b, int off, int len) {
            throw new UnsupportedOperationException("answer() only sends");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void answersOnlyCompletePongRequestsAndClearsTheirClientFlag() throws IOException {
        byte[] ping = SockperfFrame.request(20, 1);
        byte[] warmup = SockperfFrame.request(14, 2);
        warmup[9] |= SockperfFrame.WARMUP;
        byte[] noPong = SockperfFrame.request(16, 3);
        noPong[9] = SockperfFrame.CLIENT;
        byte[] next = SockperfFrame.request(30, 4);
        byte[] buf = new byte[1024];
        int have = put(buf, 0, ping, warmup, noPong);
        have += put(buf, have, Arrays.copyOf(next, 17)); // the fourth message has not all arrived
        Recorder wire = new Recorder();

        assertEquals(ping.length + warmup.length + noPong.length, SockperfFrame.answer(buf, have, wire));
        byte[] expected = ping.clone();
        expected[9] = SockperfFrame.PONG_REQUEST;
        assertArrayEquals(expected, wire.sent.toByteArray(), "only the pong request, with the client flag cleared");
        assertEquals(0, SockperfFrame.answer(buf, 13, new Recorder()), "a partial header waits for more bytes");
    }

    private static int put(byte[] buf, int at, byte[]... messages) {
        int n = 0;
        for (byte[] m : messages) {
            System.arraycopy(m, 0, buf, at + n, m.length);
            n += m.length;
        }
        return n;
    }

    @Test
    void aLengthOutsideTheHeaderAndBufferIsABrokenStream() {
        byte[] m = SockperfFrame.request(14, 1);
        m[13] = 10;
        IOException e = assertThrows(IOException.class, () -> SockperfFrame.answer(m, m.length, new Recorder()));
        assertEquals("sockperf framing: message length 10 at byte 0 is outside 14..14", e.getMessage());
    }

    @Test
    void theFloorClientGetsSockperfsAnswerFromTheEchoServerOnEveryMode() throws IOException {
        for (FloorIo io : FloorIo.values()) {
            try (EchoServer echo = EchoServer.start(InetAddress.getLoopbackAddress(), 0, EchoServer.ThreadSetup.NONE, io,
                    EchoServer.Framing.SOCKPERF); FloorWire wire = io.connect(echo.address())) {
                byte[] request = SockperfFrame.request(16, 42);
                byte[] reply = new byte[16];
                for (int i = 0; i < 3; i++) {
                    TcpPingPongBenchmark.roundTrip(wire, request, reply);
                    assertEquals(SockperfFrame.PONG_REQUEST, SockperfFrame.flags(reply, 0), io + ": flags of the answer");
                    assertArrayEquals(Arrays.copyOf(request, 8), Arrays.copyOf(reply, 8), io + ": sequence number");
                    assertEquals(16, SockperfFrame.length(reply, 0, reply.length, 16));
                }
            }
        }
    }
}
