package dev.tailgate.run;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bridges JMH's PrintStream progress output to the command's injected stderr writer. */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter target;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        target.print(line.toString(StandardCharsets.UTF_8));
        target.flush();
        line.reset();
    }
}
