package dev.tailgate.export;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pushes the export to a Prometheus Pushgateway: one HTTP PUT to
 * {@code <url>/metrics/job/tailgate[/suite/<suite>]}. PUT replaces every metric of that group, so
 * a benchmark left out of the latest run disappears rather than showing its last value forever,
 * and a smoke run's push never replaces the nightly suite's. The body goes as the Prometheus
 * text format 0.0.4, the only text the Pushgateway parses; {@link OpenMetricsText} writes text
 * that is that too.
 */
public final class Pushgateway {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Characters a grouping-key value may carry as a plain path segment; others go base64url-encoded. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._~-]+");

    private Pushgateway() {
    }

    /** The gateway's base URL as given to {@code --push}; a usage error if it is not an http(s) URL. */
    public static URI base(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
                    && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below, as every other malformed value
        }
        throw new UsageException("--push \"" + text + "\": expected the Pushgateway's http:// or https:// URL"
                + " without query or credentials, such as http://pushgateway:9091");
    }

    /** {@code base} plus {@code /metrics/job/<job>/<label>/<value>...}, values the Pushgateway way. */
    public static URI groupUri(URI base, Map<String, String> grouping) {
        StringBuilder path = new StringBuilder(base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", ""));
        path.append("/metrics");
        grouping.forEach((name, value) -> {
            if (PLAIN.matcher(value).matches()) {
                path.append('/').append(name).append('/').append(value);
            } else {
                // the Pushgateway's escape for values with '/' or other characters a path segment cannot hold
                path.append('/').append(name).append("@base64/")
                        .append(value.isEmpty() ? "=" : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
    }

    /** PUTs {@code body}; anything but 200 or 202, or no answer, is bad input naming the URL (exit 3). */
    public static void push(URI target, String body) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException("push to " + target + ": no answer (" + e + ")", e);
        }
        int code = response.statusCode();
        if (code != 200 && code != 202) {
            String said = response.body().strip().lines().findFirst().orElse("");
            throw new BadInputException("push to " + target + ": HTTP " + code
                    + (said.isEmpty() ? "" : ": " + (said.length() > 200 ? said.substring(0, 200) + "..." : said)));
        }
    }
}
