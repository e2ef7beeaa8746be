package dev.tailgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tailgate.cli.Durations;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.RedisTarget;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/** A run directory's manifest, and the command-line arguments that are parsed rather than matched. */
class RunAndArgsFuzzTest {

    /** A run directory holding a good jmh.json and a fuzzed manifest.json. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void manifest(byte[] input) throws Exception {
        Path dir = Expect.dir("run");
        Path jmh = dir.resolve(RunLoader.JMH_JSON);
        if (!Files.exists(jmh)) {
            try (InputStream good = RunAndArgsFuzzTest.class.getResourceAsStream("/jmh-captured/avgt.json")) {
                Files.copy(good, jmh, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.write(dir.resolve(RunLoader.MANIFEST), input);
        Expect.resultOrRefusal(() -> RunLoader.load(RunLoader.locate(dir)));
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void duration(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        Expect.resultOrUsage(() -> {
            Duration d = Durations.parse(text, "--fuzz");
            if (d == null || d.isNegative()) {
                throw new AssertionError("parsed \"" + text + "\" as " + d);
            }
        });
    }

    /** {@code --since} values (package-private in the CLI, reached by reflection); its ages are {@link #duration}'s. */
    @FuzzTest(maxDuration = Expect.BOUND)
    void timeArgs(byte[] input) throws Exception {
        Class<?> timeArgs = Class.forName("dev.tailgate.cli.TimeArgs");
        Method since = timeArgs.getDeclaredMethod("since", String.class, String.class, Instant.class);
        since.setAccessible(true);
        String text = new String(input, StandardCharsets.UTF_8);
        Expect.resultOrUsage(() -> invoke(since, "--since", text, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @FuzzTest(maxDuration = Expect.BOUND)
    void redisUrl(byte[] input) throws Exception {
        String url = new String(input, StandardCharsets.UTF_8);
        Expect.resultOrRefusal(() -> {
            RedisTarget t = RedisTarget.parse(url);
            if (t.port() < 0 || t.port() > 65535) {
                throw new AssertionError("\"" + url + "\" parsed to port " + t.port());
            }
            RedisTarget.redact(url);
        });
    }

    private static void invoke(Method m, Object... args) throws Exception {
        try {
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UsageException u) {
                throw u;
            }
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
