package dev.tailgate.fingerprint;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One fingerprint item. "We could not see it" ({@link Absent}: file not found, unreadable,
 * not Linux, no Redis target) is a different fact from "it is off" (a {@link Present} value
 * such as {@code "never"} or {@code "none"}): a drift check must not read a permission
 * problem as a tuning change, and a doctor must say UNKNOWN rather than OK.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "state")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Item.Present.class, name = "PRESENT"),
    @JsonSubTypes.Type(value = Item.Absent.class, name = "ABSENT"),
})
public sealed interface Item permits Item.Present, Item.Absent {

    /** The item was read; {@code value} is what the system said, normalised and redacted. */
    record Present(String value) implements Item {
        public Present {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The item could not be read; {@code reason} says why ("file not found", ...). */
    record Absent(String reason) implements Item {
        public Absent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    String FILE_NOT_FOUND = "file not found";
    String PERMISSION_DENIED = "unreadable: permission denied";
    String NOT_LINUX = "not Linux";

    static Item of(String value) {
        return new Present(value);
    }

    static Item absent(String reason) {
        return new Absent(reason);
    }

    /** Applies {@code f} to a present value; a value {@code f} cannot parse becomes absent, with why. */
    default Item map(java.util.function.Function<String, String> f) {
        if (this instanceof Present p) {
            try {
                return new Present(f.apply(p.value()));
            } catch (RuntimeException e) {
                return new Absent("unparseable: " + e.getMessage());
            }
        }
        return this;
    }

    default boolean present() {
        return this instanceof Present;
    }

    /** The value, or {@code null} when absent; for rules that only look at present values. */
    default String valueOrNull() {
        return this instanceof Present p ? p.value() : null;
    }

    /** Human form: the value, or {@code <absent: reason>}. */
    default String display() {
        if (this instanceof Present p) {
            return p.value().isEmpty() ? "\"\"" : p.value();
        }
        return "<absent: " + ((Absent) this).reason() + ">";
    }
}
