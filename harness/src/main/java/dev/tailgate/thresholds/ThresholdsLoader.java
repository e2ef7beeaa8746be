package dev.tailgate.thresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Loads a threshold file and the chain it extends (defaults → suite → environment), then
 * merges it. The merge rule, root first, each child over its parent:
 * <ul>
 *   <li>policy: each key the child sets overrides the parent's; unset keys are inherited;</li>
 *   <li>rules: a child rule with the id of a parent rule replaces it entirely (match, params
 *       and all limits) at the parent's position; new ids are appended in file order;</li>
 *   <li>waivers: keyed by (rule, statistic); a child waiver replaces the parent's, others are
 *       appended. A waiver must name a rule of the merged result;</li>
 *   <li>redis: counter limits are keyed by counter name; a child's limit replaces the parent's.</li>
 * </ul>
 */
public final class ThresholdsLoader {

    private ThresholdsLoader() {
    }

    public static Thresholds load(Path file) {
        Deque<ThresholdFile> chain = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        Path current = file;
        String via = null;
        while (current != null) {
            Path key = current.toAbsolutePath().normalize();
            if (!seen.add(key)) {
                throw new BadInputException(via + ": extends: " + current + ": cyclic extends, the file is already in the chain");
            }
            ThresholdFile tf = parseFile(current, via);
            chain.addFirst(tf);
            via = current.toString();
            // extends: is relative to the file that says it, not to the working directory.
            Path parent = current.getParent();
            current = tf.extendsRef()
                    .map(ref -> (parent == null ? Path.of(ref) : parent.resolve(ref)).normalize())
                    .orElse(null);
        }
        return merge(chain);
    }

    private static ThresholdFile parseFile(Path path, String extendedBy) {
        String who = extendedBy == null ? path.toString() : extendedBy + ": extends: " + path;
        if (!Files.exists(path)) {
            throw new BadInputException(who + ": no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(who + ": not a regular file, expected a threshold YAML file");
        }
        JsonNode root;
        try {
            root = JsonFiles.yaml().readTree(ThresholdFileInput.read(path));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new BadInputException(path + ": malformed YAML at line " + line + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        return ThresholdsParser.parse(path, root);
    }

    private static Thresholds merge(Deque<ThresholdFile> chain) {
        InconclusivePolicy inconclusive = Policy.DEFAULT.inconclusive();
        OptionalLong minTail = Policy.DEFAULT.minTailSamples();
        double confidence = Policy.DEFAULT.confidence();
        Map<String, Rule> rules = new LinkedHashMap<>();
        Map<String, Waiver> waivers = new LinkedHashMap<>();
        Map<String, CounterLimit> counters = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (ThresholdFile f : chain) {
            files.add(f.path());
            inconclusive = f.inconclusive().orElse(inconclusive);
            minTail = f.minTailSamples().orElse(minTail);
            confidence = f.confidence().orElse(confidence);
            f.rules().forEach(r -> rules.put(r.id(), r));
            f.waivers().forEach(w -> waivers.put(w.key(), w));
            f.counterLimits().forEach(c -> counters.put(c.name(), c));
        }
        for (Waiver w : waivers.values()) {
            Optional<Rule> rule = Optional.ofNullable(rules.get(w.ruleId()));
            if (rule.isEmpty()) {
                throw new BadInputException(w.file() + ": waiver for rule \"" + w.ruleId()
                        + "\": no such rule in the merged thresholds");
            }
            if (w.statistic().isPresent()
                    && rule.get().limits().stream().noneMatch(l -> l.statistic() == w.statistic().get())) {
                throw new BadInputException(w.file() + ": waiver for rule \"" + w.ruleId() + "\": rule has no "
                        + w.statistic().get().yamlName() + " limit");
            }
        }
        return new Thresholds(files, new Policy(inconclusive, minTail, confidence),
                new ArrayList<>(rules.values()), new ArrayList<>(waivers.values()), new ArrayList<>(counters.values()));
    }
}
