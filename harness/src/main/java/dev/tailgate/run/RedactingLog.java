package dev.tailgate.run;

import dev.tailgate.redis.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * jmh.log with secret-named {@code -D} values masked ({@link Redaction#commandLine}): JMH prints
 * every fork's JVM options ("# VM options: ..."), and {@code --jvm-args} may hold a password.
 * Whole lines are masked, so a value is never split across two writes; a line is written when
 * it ends, and an unfinished last line when the log is closed.
 */
final class RedactingLog extends FilterOutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingLog(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    private void emit() throws IOException {
        out.write(Redaction.commandLine(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        line.reset();
    }

    @Override
    public void close() throws IOException {
        emit();
        super.close();
    }
}
