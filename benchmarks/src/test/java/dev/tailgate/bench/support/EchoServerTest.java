package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EchoServerTest {

    private static byte[] roundTrip(Socket s, byte[] payload) throws IOException {
        s.getOutputStream().write(payload);
        byte[] back = new byte[payload.length];
        InputStream in = s.getInputStream();
        int got = 0;
        while (got < back.length) {
            int n = in.read(back, got, back.length - got);
            if (n < 0) {
                throw new IOException("closed after " + got + " bytes");
            }
            got += n;
        }
        return back;
    }

    @Test
    void echoesEveryByteInOrderOnEachConnection() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        try (EchoServer echo = EchoServer.start(InetAddress.getLoopbackAddress(), 0, EchoServer.ThreadSetup.NONE);
                Socket a = new Socket(echo.address().getAddress(), echo.port());
                Socket b = new Socket(echo.address().getAddress(), echo.port())) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            for (int size : new int[] {1, 14, 16, 4096, 300_000}) {
                byte[] pa = new byte[size];
                byte[] pb = new byte[size];
                rnd.nextBytes(pa);
                rnd.nextBytes(pb);
                assertArrayEquals(pa, roundTrip(a, pa), "connection a, " + size + " bytes");
                assertArrayEquals(pb, roundTrip(b, pb), "connection b, " + size + " bytes");
            }
        }
    }

    @Test
    void closeStopsListeningAndEndsConnections() throws IOException {
        EchoServer echo = EchoServer.start(InetAddress.getLoopbackAddress(), 0, EchoServer.ThreadSetup.NONE);
        int port = echo.port();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            roundTrip(s, new byte[] {1, 2, 3});
            echo.close();
            assertThrows(IOException.class, () -> roundTrip(s, new byte[] {4}));
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }
}
