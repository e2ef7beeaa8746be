package dev.tailgate.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.run.Suite;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled suite files mean exactly what the compiled-in suites meant. */
class BundledSuitesTest {

    @ParameterizedTest
    @ValueSource(strings = {"smoke", "nightly", "tails"})
    void eachBundledFileResolvesToTheCompiledInSuite(String name) {
        Suite file = SuiteFiles.load(name, Optional.empty());
        Suite compiled = Suite.compiledIn(name);
        assertEquals(compiled.name(), file.name());
        assertEquals(compiled.includes(), file.includes());
        assertEquals(compiled.excludes(), file.excludes());
        assertEquals(compiled.params(), file.params());
        assertEquals(compiled.forks(), file.forks());
        assertEquals(compiled.warmupIterations(), file.warmupIterations());
        assertEquals(compiled.warmupTime(), file.warmupTime());
        assertEquals(compiled.iterations(), file.iterations());
        assertEquals(compiled.iterationTime(), file.iterationTime());
        assertEquals("bundled:suites/" + name + ".yaml", file.source());
        SuiteCheck.benchmarks(file);
    }
}
