package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** jmh.log never holds a secret-named -D value, however JMH's output is cut into writes. */
class RedactingLogTest {

    @Test
    void masksSecretValuesAcrossSplitWrites() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(new RedactingLog(file), true, StandardCharsets.UTF_8)) {
            log.print("# VM options: -Xmx1g -Ddb.pass");
            log.print("word=hunter2 -Dtailgate.pin=true\n# Warmup: none\nIteration   1: ");
            log.print("12.5 us/op");
        }
        assertEquals("# VM options: -Xmx1g -Ddb.password=<redacted> -Dtailgate.pin=true\n# Warmup: none\n"
                + "Iteration   1: 12.5 us/op", file.toString(StandardCharsets.UTF_8));
    }
}
