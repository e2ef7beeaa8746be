package dev.tailgate.redis.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * One {@code SLOWLOG GET} entry. Arguments are stored after {@link dev.tailgate.redis.Redaction} (Redis truncates
 * them itself to 32 arguments of 128 bytes).
 *
 * @param id                    Redis's slowlog id: increases by one per logged command and survives
 *                              {@code SLOWLOG RESET}, so "new since a snapshot" is "id greater than
 *                              the snapshot's largest id"
 * @param startedEpochSeconds   when the command started (server clock, seconds)
 * @param durationMicros        server-side execution time, microseconds
 * @param args                  the command and its arguments, redacted
 * @param clientAddress         "ip:port" of the client, "" if the server did not say
 * @param clientName            CLIENT SETNAME of the client, "" if none
 */
public record SlowlogEntry(long id, long startedEpochSeconds, long durationMicros, List<String> args,
                           String clientAddress, String clientName) {
    public SlowlogEntry {
        args = List.copyOf(args);
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(clientName, "clientName");
    }

    /** The command name, lower case ("set", "config"), "" for an empty entry. */
    public String command() {
        return args.isEmpty() ? "" : args.get(0).toLowerCase(java.util.Locale.ROOT);
    }
}
