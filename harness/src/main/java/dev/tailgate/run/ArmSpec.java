package dev.tailgate.run;

import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.Injection;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisTarget;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One arm of an A/B: {@code profile:NAME}, {@code binary:PATH}, {@code target:URL}, or a
 * comma-separated mix ({@code profile:low-latency,binary:/opt/redis7/bin/redis-server}); a
 * {@code target:redis-cluster://h1:7000,h2:7000} keeps its comma-separated seeds.
 * Without {@code target:}, the arm is an embedded Redis (stock profile, binary from PATH or the
 * bundled one unless given). {@code inject:SPEC} adds a known delay to every measured call of
 * this arm ({@link Injection}: {@code profile:stock,inject:spin:5us}), to check that the A/B
 * finds a difference of known size; it combines with any of the others. The client side of an
 * arm: {@code protocol:RESP3} (in place of {@code --protocol}) and {@code jvm:OPTIONS} (JVM
 * options for this arm's forks after {@code --jvm-args}, split at spaces; no commas, which
 * separate the parts of a spec), e.g. {@code protocol:RESP3} against {@code protocol:RESP2}.
 *
 * @param text      the spec as typed, recorded in the manifest with secret {@code -D} values masked
 * @param injection the arm's injected delay, if any
 * @param protocol  the arm's RESP protocol, if it sets one
 * @param jvmArgs   the arm's own JVM options
 */
public record ArmSpec(String text, Optional<String> profile, Optional<Path> binary, Optional<RedisTarget> target,
                      Optional<Injection> injection, Optional<String> protocol, List<String> jvmArgs) {

    public ArmSpec {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** An arm without injection. */
    public ArmSpec(String text, Optional<String> profile, Optional<Path> binary, Optional<RedisTarget> target) {
        this(text, profile, binary, target, Optional.empty());
    }

    /** A server-side arm, with an injected delay or none. */
    public ArmSpec(String text, Optional<String> profile, Optional<Path> binary, Optional<RedisTarget> target,
                   Optional<Injection> injection) {
        this(text, profile, binary, target, injection, Optional.empty(), List.of());
    }

    /** The forks' options for this arm: the A/B's, with this arm's protocol and JVM options over them. */
    public ForkOptions forks(ForkOptions common) {
        return common.withProtocol(protocol.orElse(common.protocol())).plusJvmArgs(jvmArgs);
    }

    public static ArmSpec parse(String option, String text) {
        Optional<String> profile = Optional.empty();
        Optional<Path> binary = Optional.empty();
        Optional<RedisTarget> target = Optional.empty();
        Optional<Injection> injection = Optional.empty();
        Optional<String> protocol = Optional.empty();
        List<String> jvmArgs = List.of();
        for (String part : parts(text)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new BadInputException(option + " " + Redaction.commandLine(text) + ": \"" + Redaction.commandLine(part)
                        + "\" is not kind:value, expected profile:NAME, binary:PATH, target:URL, inject:spin:D[@P], "
                        + "protocol:RESP2|RESP3 or jvm:OPTIONS");
            }
            String kind = part.substring(0, colon).strip();
            String value = part.substring(colon + 1).strip();
            switch (kind) {
                case "profile" -> profile = Optional.of(value);
                case "binary" -> binary = Optional.of(Path.of(value));
                case "target" -> target = Optional.of(RedisTarget.parse(value));
                case "inject" -> injection = Optional.of(Injection.parse(option + " inject:", value));
                case "protocol" -> protocol = Optional.of(ForkOptions.protocol(value).orElseThrow(() ->
                        new BadInputException(option + " protocol:" + value + ": expected RESP2 or RESP3")));
                case "jvm" -> jvmArgs = armJvmArgs(option, value);
                default -> throw new BadInputException(option + " " + Redaction.commandLine(text)
                        + ": unknown arm kind \"" + kind + "\", expected profile, binary, target, inject, protocol or jvm");
            }
        }
        if (target.isPresent() && (profile.isPresent() || binary.isPresent())) {
            throw new BadInputException(option + " " + text
                    + ": target: cannot be combined with profile: or binary: (tailgate does not reconfigure an external target here; use redis-config apply)");
        }
        return new ArmSpec(text, profile, binary, target, injection, protocol, jvmArgs);
    }

    private static final Set<String> KINDS = Set.of("profile", "binary", "target", "inject", "protocol", "jvm");

    /**
     * The spec split at commas, except that the seed list of a {@code target:redis-cluster://}
     * (or {@code rediss-cluster://}) URL stays whole: a part after it that does not start with a known kind is its next seed
     * ({@code target:redis-cluster://h1:7000,h2:7000,inject:spin:1ms}).
     */
    private static List<String> parts(String text) {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            String kind = colon > 0 ? part.substring(0, colon).strip() : "";
            int last = parts.size() - 1;
            String previous = last >= 0 ? parts.get(last).strip() : "";
            if (last >= 0 && !KINDS.contains(kind) && (previous.startsWith("target:redis-cluster://")
                    || previous.startsWith("target:rediss-cluster://"))) {
                parts.set(last, parts.get(last) + "," + part);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private static List<String> armJvmArgs(String option, String value) {
        try {
            return ForkOptions.jvmArgs(option + " jvm:", List.of(value));
        } catch (UsageException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The A/B variables: what differs between the two arms. */
    public static Set<LikeWithLike.Variable> declared(ArmSpec a, ArmSpec b) {
        return declared(a, b, ForkOptions.DEFAULT);
    }

    /** As above, the arms' protocols taken over {@code common}'s (the A/B's --protocol). */
    public static Set<LikeWithLike.Variable> declared(ArmSpec a, ArmSpec b, ForkOptions common) {
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
        if (!a.forks(common).protocol().equals(b.forks(common).protocol())) {
            v.add(LikeWithLike.Variable.PROTOCOL);
        }
        if (!a.jvmArgs().equals(b.jvmArgs())) {
            v.add(LikeWithLike.Variable.JVM_ARGS);
        }
        return v;
    }
}
