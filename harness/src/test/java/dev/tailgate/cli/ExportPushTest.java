package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --push} against a real HTTP server standing in for the Pushgateway: one PUT of
 * the text to the group of the run's suite, and a gateway that refuses it or does not answer is
 * bad input in one line.
 */
class ExportPushTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile int status = 200;
    private volatile String reply = "";

    record Received(String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (received) {
            received.add(new Received(x.getRequestMethod(), x.getRequestURI().getRawPath(),
                    x.getRequestHeaders().getFirst("Content-Type"), body));
        }
        byte[] out = reply.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void putsTheExportToTheGroupOfTheRunsSuite() throws IOException {
        Path run = ExportRuns.captured(Files.createDirectories(tmp.resolve("results")), "r1", "sample", "COMPLETE", "");
        CliRun r = ExportCommandTest.export(run.toString(), "--push", url(""));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(1, received.size(), received.toString());
        Received got = received.get(0);
        assertEquals("PUT", got.method());
        assertEquals("/metrics/job/tailgate/suite/smoke", got.path());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", got.contentType());
        assertEquals(ExportCommandTest.export(run.toString()).out(), got.body());
        assertTrue(r.out().contains("-> " + url("/metrics/job/tailgate/suite/smoke")), r.out());

        // behind a path prefix, and a suite name a path segment cannot hold (the Pushgateway's base64 form)
        ExportRuns.manifest(run, "r1", "COMPLETE", ",\"suite\":\"my/suite\"");
        Files.writeString(run.resolve("manifest.json"),
                Files.readString(run.resolve("manifest.json")).replace("\"suite\":\"smoke\",", ""));
        assertEquals(ExitCode.OK, ExportCommandTest.export(run.toString(), "--push", url("/gw/")).code());
        assertEquals("/gw/metrics/job/tailgate/suite@base64/bXkvc3VpdGU=", received.get(1).path());
    }

    @Test
    void aGatewayThatRefusesOrIsNotThereIsBadInputInOneLine() throws IOException {
        Path run = ExportRuns.captured(Files.createDirectories(tmp.resolve("results")), "r1", "sample", "COMPLETE", "");
        status = 400;
        reply = "text format parsing error in line 3: invalid metric name\n";
        CliRun refused = ExportCommandTest.export(run.toString(), "--push", url(""));
        assertEquals(ExitCode.BAD_INPUT, refused.code(), refused.toString());
        assertEquals("error: push to " + url("/metrics/job/tailgate/suite/smoke")
                + ": HTTP 400: text format parsing error in line 3: invalid metric name", refused.err().strip());

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun absent = ExportCommandTest.export(run.toString(), "--push", "http://127.0.0.1:" + closed);
        assertEquals(ExitCode.BAD_INPUT, absent.code(), absent.toString());
        assertEquals(1, absent.err().lines().count(), absent.toString());
        assertTrue(absent.err().startsWith("error: push to http://127.0.0.1:" + closed + "/metrics/job/tailgate/suite/smoke: no answer"),
                absent.toString());
    }
}
