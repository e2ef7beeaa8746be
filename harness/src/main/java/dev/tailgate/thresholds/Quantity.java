package dev.tailgate.thresholds;

import dev.tailgate.model.MetricUnit;
import java.math.BigDecimal;
import java.util.Objects;

/** A limit value as the threshold file wrote it: {@code 500 us}, {@code 20000 ops/s}. */
public record Quantity(double value, MetricUnit unit) {
    public Quantity {
        Objects.requireNonNull(unit, "unit");
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("quantity must be positive and finite: " + value);
        }
    }

    /** Value converted to {@code target}, which must be of the same kind. */
    public double in(MetricUnit target) {
        return unit.convert(value, target);
    }

    /** Same spelling as the file format, locale-independent: {@code 2.5 ms}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " " + unit.spelling();
    }
}
