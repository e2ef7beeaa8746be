package dev.tailgate.cli;

import java.io.PrintWriter;

/** The only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = TailgateCommand.execute(args,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }
}
