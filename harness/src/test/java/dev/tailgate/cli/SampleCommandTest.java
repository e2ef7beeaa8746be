package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.model.TailState;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void samplesPrintsOneLinePerIntervalAndWritesAValidState(@TempDir Path dir) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            Outcome o = run("sample", "--target", redis.target().url(), "--rate", "300", "--duration", "1500ms",
                    "--interval", "500ms", "--window", "1s", "--no-pin", "--max-slip", "1s", "--out", dir.toString());
            assertEquals(0, o.code(), o.err());
            long lines = o.out().lines().filter(l -> l.contains(" count ")).count();
            assertTrue(o.out().contains("sampler CPU"), o.out());
            TailState s = TailStateJson.read(dir.resolve("tail-state.json"));
            assertTrue(s.complete());
            assertEquals(s.total().intervals(), lines, o.out());
            // 300 req/s for 1.5 s, however late the reporter woke
            assertEquals(450, s.total().count() + s.total().errors(), 2);
            assertTrue(s.total().achievedRatePerSecond() > 280, o.out());
            assertEquals(300, s.ratePerSecond());
            assertEquals("not pinned (disabled)", s.senderPinning());
            assertEquals(1000, s.windowMillis());
            assertTrue(s.window().intervals() <= 2, "window keeps 2 intervals of 500 ms: " + s.window().intervals());
            assertEquals(0, s.total().errors());
        }
    }

    @Test
    void badArgumentsAreUsageErrorsAndAnUnreachableTargetIsBadInput(@TempDir Path dir) {
        Outcome badDuration = run("sample", "--target", "redis://127.0.0.1:1", "--duration", "10 parsecs");
        assertEquals(ExitCode.USAGE, badDuration.code());
        assertTrue(badDuration.err().contains("expected a duration like"), badDuration.err());
        Outcome badRate = run("sample", "--target", "redis://127.0.0.1:1", "--duration", "1s", "--rate", "0");
        assertEquals(ExitCode.USAGE, badRate.code());
        Outcome password = run("sample", "--target", "redis://u:secret@127.0.0.1:1", "--duration", "1s");
        assertEquals(ExitCode.BAD_INPUT, password.code());
        assertTrue(!password.err().contains("secret"), password.err());
        Outcome down = run("sample", "--target", "redis://127.0.0.1:1", "--duration", "1s", "--no-pin",
                "--out", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, down.code(), down.err());
        assertTrue(down.err().contains("error: --target redis://127.0.0.1:1/0: cannot connect"), down.err());
    }
}
