package dev.tailgate.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A threshold file that any real sampler's window meets (p50 within 10 s), for tests of what
 * else decides a tail state's outcome: its validity, its masters, its sample count.
 */
public final class SamplerThresholds {
    private SamplerThresholds() {
    }

    /** Writes {@code dir/sampler.yaml} with that one rule and the given tail-sample floor. */
    public static Path lenient(Path dir, int minTailSamples) throws IOException {
        Path thresholds = dir.resolve("sampler.yaml");
        Files.writeString(thresholds, """
                schema: 1
                policy: { minTailSamples: %d }
                rules:
                  - id: sampler
                    match: tailgate.sample
                    limits:
                      p50: 10 s
                """.formatted(minTailSamples));
        return thresholds;
    }
}
