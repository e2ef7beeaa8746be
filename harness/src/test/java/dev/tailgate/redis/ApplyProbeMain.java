package dev.tailgate.redis;

import dev.tailgate.cli.TailgateCommand;
import java.io.PrintWriter;

/**
 * Child JVM for the crash test: runs {@code redis-config apply} with the given arguments,
 * prints "applied" and then waits to be killed (SIGKILL: no shutdown hook, no cleanup).
 */
public final class ApplyProbeMain {
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        int code = TailgateCommand.execute(args, out, new PrintWriter(System.err, true));
        out.println(code == 0 ? "applied" : "failed " + code);
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
