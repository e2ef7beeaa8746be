package dev.tailgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tailgate.ingest.JmhJsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * JMH result files: the public reader (fast parser, then Jackson for what it declines), and the
 * fast parser alone, whose only other allowed outcome is to decline ({@code Declined}, an
 * {@link IOException} the reader catches).
 */
class JmhJsonFuzzTest {

    @FuzzTest(maxDuration = Expect.BOUND)
    void read(byte[] input) throws Exception {
        Path f = Expect.file("jmh.json", input);
        Expect.resultOrRefusal(() -> {
            if (JmhJsonReader.read(f).isEmpty()) {
                throw new AssertionError("read returned no results");
            }
        });
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void fastPath(byte[] input) throws Exception {
        Method results = JmhJsonReader.class.getDeclaredMethod("results", String.class,
                java.io.InputStream.class, Class.forName("dev.tailgate.ingest.ResultSplit"), BooleanSupplier.class);
        results.setAccessible(true);
        Expect.resultOrRefusal(() -> {
            try {
                results.invoke(null, "fuzz.json", new ByteArrayInputStream(input), null, (BooleanSupplier) () -> false);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause.getClass().getSimpleName().equals("Declined")) {
                    return;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new AssertionError("fast parser failed other than by declining", cause);
            }
        });
    }
}
