package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * System properties the fixed-rate benchmarks read in their forked JVM. A deliberately small,
 * package-private reader: the shared {@code bench/support/BenchConfig} lives on another branch
 * and the integrator will fold this into it. Same property names:
 * <ul>
 *   <li>{@code tailgate.redis.host} / {@code tailgate.redis.port}: target, default 127.0.0.1:6379</li>
 *   <li>{@code tailgate.redis.passwordFile}: file holding the password (never a property value)</li>
 *   <li>{@code tailgate.keyPrefix}: every key touched starts with it, default {@code tailgate:}</li>
 *   <li>{@code tailgate.pin}: pin the sending thread, default true</li>
 *   <li>{@code tailgate.cpu.clients}: CPU list for client threads (first one: sender), default: library's choice</li>
 *   <li>{@code tailgate.histograms.dir}: where .hlog files go; unset = none written</li>
 *   <li>{@code tailgate.openloop.maxSlipP99Micros}: validity bound on p99 slip, default 20</li>
 *   <li>{@code tailgate.openloop.spinMicros}: the pacer parks until this close to a send, then spins; default 100</li>
 * </ul>
 */
record OpenLoopSettings(String host, int port, Optional<String> password, String keyPrefix, boolean pin,
                        List<Integer> clientCpus, Optional<Path> histogramsDir, long maxSlipP99Nanos, long spinNanos) {

    static OpenLoopSettings fromSystemProperties() {
        String pwFile = System.getProperty("tailgate.redis.passwordFile", "");
        Optional<String> password = Optional.empty();
        if (!pwFile.isBlank()) {
            try {
                password = Optional.of(Files.readString(Path.of(pwFile), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalStateException("tailgate.redis.passwordFile " + pwFile + ": cannot read", e);
            }
        }
        String cpus = System.getProperty("tailgate.cpu.clients", "");
        String dir = System.getProperty("tailgate.histograms.dir", "");
        return new OpenLoopSettings(
                System.getProperty("tailgate.redis.host", "127.0.0.1"),
                Integer.getInteger("tailgate.redis.port", 6379),
                password,
                System.getProperty("tailgate.keyPrefix", "tailgate:"),
                Boolean.parseBoolean(System.getProperty("tailgate.pin", "true")),
                cpus.isBlank() ? List.of() : SenderPinning.parseCpuList(cpus),
                dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
                Long.getLong("tailgate.openloop.maxSlipP99Micros", OpenLoopConfig.DEFAULT_MAX_SLIP_P99_NANOS / 1_000) * 1_000,
                Long.getLong("tailgate.openloop.spinMicros", 100) * 1_000);
    }

    @Override
    public String toString() {
        return "OpenLoopSettings[" + host + ":" + port + ", password " + (password.isPresent() ? "set" : "none")
                + ", prefix " + keyPrefix + ", pin " + pin + " " + clientCpus + ", histograms " + histogramsDir.orElse(null) + "]";
    }
}
