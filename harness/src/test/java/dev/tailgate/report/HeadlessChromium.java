package dev.tailgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Screenshots of a page by headless Chromium, for the tests that check a report really renders. */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /**
     * Renders {@code html} into {@code png} at {@code width} x {@code height}; the calling test is
     * skipped without Chromium, and fails in CI, which must install it.
     */
    public static void screenshot(Path html, Path png, Path tmp, int width, int height) throws Exception {
        Path chromium = ComparisonHtmlWriterTest.findChromium();
        if (chromium == null) {
            if (System.getenv("CI") != null) {
                fail("chromium is not installed; CI must install the Debian packages chromium and chromium-driver");
            }
            Assumptions.abort("chromium not found (/usr/bin/chromium or PATH): install the Debian package chromium to run this test");
        }
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Path log = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s; log: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
