package dev.tailgate.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailgate.bench.support.EchoServer;
import dev.tailgate.bench.support.FloorIo;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The floor's external target and the standalone echo server's command line: bad input is one clear line. */
class FloorSwitchesTest {

    @Test
    void theTargetIsHostColonPort() {
        InetSocketAddress a = TcpPingPongBenchmark.target("127.0.0.1:11111");
        assertEquals("127.0.0.1", a.getHostString());
        assertEquals(11111, a.getPort());
        for (String bad : new String[] {"127.0.0.1", ":11111", "127.0.0.1:0", "127.0.0.1:x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpPingPongBenchmark.target(bad));
            assertEquals("tailgate.floor.target: expected host:port with a port in 1..65535, got \"" + bad + "\"",
                    e.getMessage());
        }
    }

    @Test
    void theEchoServerMainTakesPortCpuIoAndFraming() {
        EchoServerMain.Options o = EchoServerMain.parse(new String[] {"--port", "11112", "--cpu", "0", "--io", "spin",
                "--framing", "sockperf"});
        assertEquals(11112, o.port());
        assertEquals(0, o.cpu());
        assertEquals(FloorIo.SPIN, o.io());
        assertEquals(EchoServer.Framing.SOCKPERF, o.framing());
        assertEquals("--port is required", assertThrows(IllegalArgumentException.class,
                () -> EchoServerMain.parse(new String[] {"--io", "channel"})).getMessage());
        assertEquals("--port: expected an integer in 1..65535, got \"70000\"", assertThrows(IllegalArgumentException.class,
                () -> EchoServerMain.parse(new String[] {"--port", "70000"})).getMessage());
        assertEquals("--framing: expected one of raw|sockperf, got \"json\"", assertThrows(IllegalArgumentException.class,
                () -> EchoServerMain.parse(new String[] {"--port", "1", "--framing", "json"})).getMessage());
    }
}
