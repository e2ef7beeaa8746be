package dev.tailgate.run;

import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import dev.tailgate.redis.RedisTarget;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One arm of an A/B: {@code profile:NAME}, {@code binary:PATH}, {@code target:URL}, or a
 * comma-separated mix ({@code profile:low-latency,binary:/opt/redis7/bin/redis-server}).
 * Without {@code target:}, the arm is an embedded Redis (stock profile, binary from PATH or the
 * bundled one unless given). {@code inject:SPEC} adds a known delay to every measured call of
 * this arm ({@link Injection}: {@code profile:stock,inject:spin:5us}), to check that the A/B
 * finds a difference of known size; it combines with any of the others.
 *
 * @param text      the spec as typed, recorded in the manifest
 * @param injection the arm's injected delay, if any
 */
public record ArmSpec(String text, Optional<String> profile, Optional<Path> binary, Optional<RedisTarget> target,
                      Optional<Injection> injection) {

    /** An arm without injection. */
    public ArmSpec(String text, Optional<String> profile, Optional<Path> binary, Optional<RedisTarget> target) {
        this(text, profile, binary, target, Optional.empty());
    }

    public static ArmSpec parse(String option, String text) {
        Optional<String> profile = Optional.empty();
        Optional<Path> binary = Optional.empty();
        Optional<RedisTarget> target = Optional.empty();
        Optional<Injection> injection = Optional.empty();
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new BadInputException(option + " " + text + ": \"" + part
                        + "\" is not kind:value, expected profile:NAME, binary:PATH, target:URL or inject:spin:D[@P]");
            }
            String kind = part.substring(0, colon).strip();
            String value = part.substring(colon + 1).strip();
            switch (kind) {
                case "profile" -> profile = Optional.of(value);
                case "binary" -> binary = Optional.of(Path.of(value));
                case "target" -> target = Optional.of(RedisTarget.parse(value));
                case "inject" -> injection = Optional.of(Injection.parse(option + " inject:", value));
                default -> throw new BadInputException(option + " " + text + ": unknown arm kind \"" + kind
                        + "\", expected profile, binary, target or inject");
            }
        }
        if (target.isPresent() && (profile.isPresent() || binary.isPresent())) {
            throw new BadInputException(option + " " + text
                    + ": target: cannot be combined with profile: or binary: (tailgate does not reconfigure an external target here; use redis-config apply)");
        }
        return new ArmSpec(text, profile, binary, target, injection);
    }

    /** The A/B variables: what differs between the two arms. */
    public static Set<LikeWithLike.Variable> declared(ArmSpec a, ArmSpec b) {
        Set<LikeWithLike.Variable> v = EnumSet.noneOf(LikeWithLike.Variable.class);
        if (!a.profile().equals(b.profile())) {
            v.add(LikeWithLike.Variable.REDIS_PROFILE);
        }
        if (!a.binary().equals(b.binary())) {
            v.add(LikeWithLike.Variable.REDIS_BINARY);
        }
        if (!a.target().equals(b.target())) {
            v.add(LikeWithLike.Variable.REDIS_TARGET);
        }
        if (!a.injection().equals(b.injection())) {
            v.add(LikeWithLike.Variable.INJECTION);
        }
        return v;
    }
}
