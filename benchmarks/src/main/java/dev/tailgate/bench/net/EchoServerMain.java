package dev.tailgate.bench.net;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.EchoServer;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.bench.support.MainFlags;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.SwitchProperty;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * tailgate's echo server on its own, for the cross-measurement against sockperf's client
 * ({@code sockperf pp} against {@code --framing sockperf}): the same server code, placement
 * and I/O modes as the TCP floor's. Runs until killed; prints one line when it listens.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tailgate.bench.net.EchoServerMain \
 *     --port 11112 [--cpu 0] [--io stream|channel|spin] [--framing raw|sockperf] [--bind 127.0.0.1]
 * </pre>
 * A bad argument prints one line and exits 2.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    /** The parsed command line. */
    record Options(InetAddress bind, int port, int cpu, FloorIo io, EchoServer.Framing framing) {
    }

    public static void main(String[] args) throws InterruptedException {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("echo-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        EchoServer echo = EchoServer.start(o.bind(), o.port(), setup(o.cpu(), System.err), o.io(), o.framing());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            echo.close();
            stopped.countDown();
        }));
        System.out.println("echo server listening on " + echo.address().getHostString() + ":" + echo.port() + " (io "
                + SwitchProperty.name(o.io()) + ", framing " + SwitchProperty.name(o.framing()) + ", cpu "
                + (o.cpu() < 0 ? "not pinned" : o.cpu()) + ")");
        System.out.flush();
        stopped.await();
    }

    /** Each connection thread pinned to {@code cpu} (when >= 0), its outcome reported on {@code err}. */
    static EchoServer.ThreadSetup setup(int cpu, PrintStream err) {
        if (cpu < 0) {
            return EchoServer.ThreadSetup.NONE;
        }
        BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.CPU_SERVER, Integer.toString(cpu)));
        return () -> {
            PinnedThread p = ThreadPinning.pinServer(cfg, new BenchId(EchoServerMain.class.getName(), Map.of()),
                    PinRole.ECHO_SERVER);
            err.println("echo-server: connection thread " + Thread.currentThread().getName() + " pinning "
                    + p.record().outcome() + (p.record().reason() == null ? "" : " (" + p.record().reason() + ")"));
            return p;
        };
    }

    private static final List<String> FLAGS = List.of("--port", "--cpu", "--io", "--framing", "--bind");

    static Options parse(String[] args) {
        InetAddress bind = InetAddress.getLoopbackAddress();
        int port = -1;
        int cpu = -1;
        FloorIo io = FloorIo.STREAM;
        EchoServer.Framing framing = EchoServer.Framing.RAW;
        for (Map.Entry<String, String> f : MainFlags.parse(args, FLAGS).entrySet()) {
            String flag = f.getKey();
            String v = f.getValue();
            switch (flag) {
                case "--port" -> port = number(flag, v, 1, 65535);
                case "--cpu" -> cpu = number(flag, v, 0, Integer.MAX_VALUE);
                case "--io" -> io = SwitchProperty.parse(flag, v, FloorIo.STREAM);
                case "--framing" -> framing = SwitchProperty.parse(flag, v, EchoServer.Framing.RAW);
                default -> bind = address(v);
            }
        }
        if (port < 0) {
            throw new IllegalArgumentException("--port is required");
        }
        return new Options(bind, port, cpu, io, framing);
    }

    private static int number(String flag, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(flag + ": expected an integer in " + min + ".." + max + ", got \"" + v + "\"");
    }

    private static InetAddress address(String v) {
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: cannot resolve \"" + v + "\"");
        }
    }
}
