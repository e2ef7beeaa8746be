package dev.tailgate.fingerprint;

import dev.tailgate.redis.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Properties;
import java.util.stream.Collectors;

/** The JVM this process runs in and the client libraries on its classpath. */
final class JvmProbe {
    private JvmProbe() {
    }

    static Fingerprint.Jvm jvm() {
        String args = String.join(" ", Redaction.jvmArguments(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return new Fingerprint.Jvm(Item.of(System.getProperty("java.vendor", "")),
                Item.of(System.getProperty("java.runtime.version", System.getProperty("java.version", ""))),
                Item.of(System.getProperty("java.vm.name", "")), Item.of(args), Item.of(gc));
    }

    /**
     * @param protocol what the run pinned its clients to (RESP2/RESP3); absent outside a run
     * @param pinning  the run's pinning outcome as the run recorded it; absent outside a run
     */
    static Fingerprint.Clients clients(Item protocol, Item pinning) {
        return new Fingerprint.Clients(mavenVersion("redis.clients", "jedis"),
                mavenVersion("io.lettuce", "lettuce-core"), protocol, affinityImpl(), pinning);
    }

    /** From the jar's {@code pom.properties}, which survives shading, unlike the manifest. */
    static Item mavenVersion(String group, String artifact) {
        String res = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = JvmProbe.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                return Item.absent("not on classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null ? Item.absent("no version in " + res) : Item.of(v);
        } catch (IOException e) {
            return Item.absent("unreadable: " + e.getMessage());
        }
    }

    /**
     * Which implementation OpenHFT's affinity library chose: {@code NullAffinity} means it pins
     * nothing while reporting success (docs/foundations.md), so runs on such a host are not pinned.
     */
    static Item affinityImpl() {
        try {
            return Item.of(net.openhft.affinity.Affinity.getAffinityImpl().getClass().getName());
        } catch (LinkageError | RuntimeException e) {
            return Item.absent("unavailable: " + e.getClass().getSimpleName());
        }
    }
}
