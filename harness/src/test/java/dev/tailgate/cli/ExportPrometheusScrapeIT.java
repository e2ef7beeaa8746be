package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tailgate.cli.ExportRuns.Series;
import dev.tailgate.io.JsonFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes the export as OpenMetrics (its strict OpenMetrics parser: it
 * asks for that format first, and gets it): the target is up, every series arrives with the
 * export's value, and the same text without its {@code # EOF} is refused, so the check can
 * fail. Needs the {@code prometheus} binary (Debian package prometheus; .ci/run installs it);
 * skipped without it.
 */
class ExportPrometheusScrapeIT {
    @TempDir
    Path tmp;

    @Test
    void prometheusIngestsTheOpenMetricsTextAsWritten() throws Exception {
        Path prometheus = ExportRuns.prometheusToolOrSkip("prometheus");
        Path run = ExportRuns.awkwardParams(Files.createDirectories(tmp.resolve("results")), "r1");
        CliRun.of("gate", run.toString(), "--thresholds",
                ExportRuns.RESOURCES.resolve("golden/captured-sample/thresholds.yaml").toString(), "--no-ledger");
        String text = ExportCommandTest.export(run.toString()).out();
        Map<String, String> accepted = new ConcurrentHashMap<>();
        HttpServer exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String path : List.of("/good", "/truncated")) {
            byte[] body = (path.equals("/good") ? text : text.replace("# EOF\n", "")).getBytes(StandardCharsets.UTF_8);
            exporter.createContext(path, x -> {
                accepted.put(path, String.valueOf(x.getRequestHeaders().getFirst("Accept")));
                x.getResponseHeaders().set("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8");
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
        }
        exporter.start();
        int web = freePort();
        Process server = start(prometheus, exporter.getAddress().getPort(), web);
        try {
            Map<String, JsonNode> targets = scraped(web, server);
            assertEquals("up", targets.get("good").get("health").asText(), targets.get("good").toString());
            assertEquals("", targets.get("good").get("lastError").asText());
            assertEquals("down", targets.get("truncated").get("health").asText(), targets.get("truncated").toString());
            assertTrue(accepted.get("/good").startsWith("application/openmetrics-text"), accepted.toString());
            List<Series> exported = ExportRuns.parse(text);
            JsonNode stored = query(web, "{job=\"good\",__name__=~\"tailgate_.*\"}");
            assertEquals(exported.size(), stored.size(), stored.toString());
            for (JsonNode s : stored) {
                Map<String, String> labels = JsonFiles.json().convertValue(s.get("metric"), Map.class);
                Series same = exported.stream().filter(e -> e.name().equals(labels.get("__name__"))
                        && e.labels().entrySet().stream().allMatch(l -> l.getValue().equals(labels.get(l.getKey()))))
                        .findFirst().orElseThrow(() -> new AssertionError("not exported: " + labels));
                assertEquals(same.value(), Double.parseDouble(s.at("/value/1").asText()), 0.0, labels.toString());
            }
            assertTrue(stored.toString().contains("a\\\"b\\\\c\\nd"), "the awkward param value arrived whole: " + stored);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            exporter.stop(0);
        }
    }

    private Process start(Path prometheus, int exporterPort, int web) throws IOException {
        Path config = tmp.resolve("prometheus.yml");
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        for (String job : List.of("good", "truncated")) {
            yaml.append("  - job_name: ").append(job).append("\n    metrics_path: /").append(job)
                    .append("\n    static_configs:\n      - targets: ['127.0.0.1:").append(exporterPort).append("']\n");
        }
        Files.writeString(config, yaml);
        return new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
    }

    /** The active targets by job, once each has been scraped at least once (60 s at most). */
    private Map<String, JsonNode> scraped(int web, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Map<String, JsonNode> byJob = new ConcurrentHashMap<>();
            try {
                for (JsonNode t : get(web, "/api/v1/targets").at("/data/activeTargets")) {
                    if (!t.get("health").asText().equals("unknown")) {
                        byJob.put(t.at("/labels/job").asText(), t);
                    }
                }
            } catch (IOException notYetListening) {
                // the server is still starting
            }
            if (byJob.size() == 2) {
                return byJob;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("prometheus did not scrape both targets: " + Files.readString(tmp.resolve("prometheus.log")));
    }

    private static JsonNode query(int web, String promql) throws Exception {
        JsonNode r = get(web, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertEquals("success", r.get("status").asText(), r.toString());
        return r.at("/data/result");
    }

    private static JsonNode get(int web, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonFiles.json().readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
