package dev.tailgate.redis.telemetry;

import java.util.Objects;

/**
 * One {@code INFO commandstats} line ({@code cmdstat_set:calls=3,usec=10,...}). Cumulative since
 * the server started or the last CONFIG RESETSTAT. Redis 7 names subcommands "config|get".
 *
 * @param command       lower-case command name as Redis reports it
 * @param calls         calls executed
 * @param usec          total server-side execution time, microseconds
 * @param rejectedCalls calls refused before execution (Redis 6.2+, else 0)
 * @param failedCalls   calls that executed and returned an error (Redis 6.2+, else 0)
 */
public record CommandStat(String command, long calls, long usec, long rejectedCalls, long failedCalls) {
    public CommandStat {
        Objects.requireNonNull(command, "command");
    }
}
