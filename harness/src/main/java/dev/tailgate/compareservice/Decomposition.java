package dev.tailgate.compareservice;

import dev.tailgate.model.SummaryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits each client-observed round trip (p50) into network floor, server time and client
 * library overhead:
 *
 * <pre>  client overhead = RTT p50 - floor p50 (TCP echo, same payload, same placement)
 *                            - server usec/call (INFO commandstats delta over the run)</pre>
 *
 * Validity: server time is a mean over every call of that command in the run (all clients and
 * value sizes share it), and the floor carries the payload both ways while a GET carries it
 * one way; so the split is an attribution at the median, not an exact accounting. A negative
 * overhead (noise, or the floor's extra payload) is shown as measured, never clamped.
 */
public final class Decomposition {

    /**
     * @param client         "raw RESP", "Jedis" or "Lettuce"
     * @param command        Redis command ("ping", "get", "set")
     * @param rttNanos       client-observed p50
     * @param floorNanos     TCP floor p50 of the same payload
     * @param serverNanos    server-side time per call (commandstats, mean over the run)
     * @param clientNanos    what is left: client library, JVM, kernel beyond the floor
     */
    public record Row(String benchmark, String params, String client, String command, double rttNanos,
                      double floorNanos, double serverNanos, double clientNanos) {
    }

    private Decomposition() {
    }

    /** Pure: summary rows with floors + per-command server usec/call -> decomposition rows. */
    public static List<Row> of(List<SummaryRow> rows, Map<String, Double> serverUsecPerCall) {
        List<Row> out = new ArrayList<>();
        for (SummaryRow r : rows) {
            if (r.p50Nanos().isEmpty() || r.floorNanos().isEmpty()) {
                continue;
            }
            Optional<String> client = clientOf(r.benchmark());
            String method = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            Double usec = serverUsecPerCall.get(method);
            if (client.isEmpty() || usec == null) {
                continue;
            }
            double rtt = r.p50Nanos().getAsDouble();
            double floor = r.floorNanos().getAsDouble();
            double server = usec * 1000.0;
            out.add(new Row(r.benchmark(), r.paramsText(), client.get(), method, rtt, floor, server, rtt - floor - server));
        }
        return out;
    }

    static Optional<String> clientOf(String benchmark) {
        if (benchmark.startsWith("RawResp")) {
            return Optional.of("raw RESP");
        }
        if (benchmark.startsWith("Jedis")) {
            return Optional.of("Jedis");
        }
        if (benchmark.startsWith("Lettuce")) {
            return Optional.of("Lettuce");
        }
        return Optional.empty();
    }

    public static String render(List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(System.lineSeparator()).append("latency decomposition at p50 (us): RTT = floor + server + client")
                .append(System.lineSeparator());
        int w = rows.stream().mapToInt(r -> (r.benchmark() + " " + r.params()).length()).max().orElse(10);
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-8s  %8s  %8s  %8s  %8s%n", "benchmark", "client", "RTT",
                "floor", "server", "client"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-8s  %8.1f  %8.1f  %8.1f  %8.1f%n",
                    (r.benchmark() + " " + r.params()).strip(), r.client(), r.rttNanos() / 1e3, r.floorNanos() / 1e3,
                    r.serverNanos() / 1e3, r.clientNanos() / 1e3));
        }
        sb.append("(server = commandstats usec/call over the whole run, shared by all clients of that command)")
                .append(System.lineSeparator());
        return sb.toString();
    }
}
