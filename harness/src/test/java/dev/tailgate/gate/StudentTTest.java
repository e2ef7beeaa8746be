package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {
    /** Reference values from standard t tables. */
    @ParameterizedTest
    @CsvSource({
        "0.975, 1, 12.7062",
        "0.975, 2, 4.3027",
        "0.975, 4, 2.7764",
        "0.975, 9, 2.2622",
        "0.975, 30, 2.0423",
        "0.995, 3, 5.8409",
        "0.95, 1000, 1.6464",
    })
    void quantileMatchesTables(double q, int df, double expected) {
        assertEquals(expected, StudentT.quantile(q, df), 5e-4);
    }
}
