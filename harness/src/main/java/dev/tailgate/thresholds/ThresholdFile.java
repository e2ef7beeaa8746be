package dev.tailgate.thresholds;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** One threshold file as written, before merging with the files it extends. */
record ThresholdFile(
        Path path,
        Optional<String> extendsRef,
        Optional<InconclusivePolicy> inconclusive,
        Optional<OptionalLong> minTailSamples,
        OptionalDouble confidence,
        List<Rule> rules,
        List<Waiver> waivers,
        List<CounterLimit> counterLimits) {

    ThresholdFile {
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        counterLimits = List.copyOf(counterLimits);
    }
}
