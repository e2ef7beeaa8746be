package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.IterationHistogram;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The raw pair text the merge writes must read exactly as the generator's tokens would. */
class HistogramsJsonTest {

    @Test
    void rawPairsAreTheTokensText() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] edges = {-5.0, -0.0, 1e-9, 0.0005, 0.001, 1.0, 123.456, 15015.0, 9_999_999.0, 1e7, 1.025773E7,
            1.25e7, 1e300};
        List<List<IterationHistogram>> forks = new ArrayList<>();
        forks.add(List.of(IterationHistogram.adopt(edges, counts(edges.length, rnd)),
                IterationHistogram.adopt(new double[0], new long[0])));
        for (int f = 0; f < 2; f++) {
            List<IterationHistogram> its = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                double[] v = new double[200];
                double x = 0;
                for (int i = 0; i < v.length; i++) {
                    x += 1 + rnd.nextInt(1000) * (rnd.nextBoolean() ? 1 : 0.001);
                    v[i] = x * (k == 2 ? 1e5 : 1);
                }
                its.add(IterationHistogram.adopt(v, counts(v.length, rnd)));
            }
            forks.add(its);
        }
        HistogramsJson h = new HistogramsJson(forks);
        assertEquals(text(g -> h.serializeTokens(g)), text(g -> h.serialize(g, null)));
    }

    private static long[] counts(int n, SplittableRandom rnd) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextLong(1, 1L << 40);
        }
        return c;
    }

    private interface Write {
        void to(JsonGenerator g) throws IOException;
    }

    private static String text(Write w) throws IOException {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = JsonFiles.json().getFactory().createGenerator(s)) {
            g.setPrettyPrinter(new MinimalPrettyPrinter());
            w.to(g);
        }
        return s.toString();
    }
}
