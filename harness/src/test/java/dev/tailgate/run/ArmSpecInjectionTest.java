package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compareservice.LikeWithLike;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** inject: in an arm spec, and what it makes the A/B declare. */
class ArmSpecInjectionTest {

    @Test
    void anArmMayCarryAnInjectionBesideItsServer() {
        ArmSpec s = ArmSpec.parse("--candidate", "profile:stock,inject:spin:1ms@0.01");
        assertEquals(Optional.of("stock"), s.profile());
        assertEquals(Optional.of(new Injection(1_000_000, 0.01)), s.injection());
        assertEquals(Optional.empty(), ArmSpec.parse("--baseline", "profile:stock").injection());
    }

    @Test
    void armsDifferingOnlyByInjectionAreNotAnAaRun() {
        ArmSpec a = ArmSpec.parse("--baseline", "profile:stock");
        ArmSpec b = ArmSpec.parse("--candidate", "profile:stock,inject:spin:5us");
        assertEquals(Set.of(LikeWithLike.Variable.INJECTION), ArmSpec.declared(a, b));
        assertEquals(Set.of(), ArmSpec.declared(b, ArmSpec.parse("--baseline", "inject:spin:5000ns,profile:stock")));
    }

    @Test
    void aBadInjectionNamesTheOption() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ArmSpec.parse("--candidate", "profile:stock,inject:spin:5"));
        assertTrue(e.getMessage().startsWith("--candidate inject: spin:5: expected spin:DURATION"), e.getMessage());
    }
}
