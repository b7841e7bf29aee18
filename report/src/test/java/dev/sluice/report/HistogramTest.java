package dev.sluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The histogram's sum does not depend on how the values were split into partials or in which order they merged. */
class HistogramTest {
  /** Values of a text signal: ratios, with a few large ones, as per-document signals are. */
  static List<Double> values(int n, long seed) {
    Random r = new Random(seed);
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < n; i++) v.add(i % 97 == 0 ? r.nextDouble() * 1e6 : r.nextDouble() / 3);
    return v;
  }

  /** The values split into partials of random sizes, each filled in order, merged in a shuffled order. */
  static Histogram merged(List<Double> values, long seed) {
    Random r = new Random(seed);
    List<Histogram> parts = new ArrayList<>();
    for (int i = 0; i < values.size(); ) {
      Histogram h = new Histogram(0, 1, false);
      for (int k = 1 + r.nextInt(40); k > 0 && i < values.size(); k--) h.add(values.get(i++));
      parts.add(h);
    }
    Collections.shuffle(parts, r);
    Histogram all = new Histogram(0, 1, false);
    for (Histogram h : parts) all.merge(h);
    return all;
  }

  static double exactSum(List<Double> values) {
    BigDecimal s = BigDecimal.ZERO;
    for (double v : values) s = s.add(new BigDecimal(v));
    return s.round(MathContext.DECIMAL128).doubleValue();
  }

  @Test
  void theSumIsTheNearestDoubleWhateverThePartialsAndTheirOrder() {
    List<Double> v = values(5_000, 1);
    double exact = exactSum(v);
    for (long seed = 0; seed < 20; seed++) {
      Histogram h = merged(v, seed);
      assertEquals(v.size(), h.n);
      assertEquals(exact, h.sum, 0.0, "partials of seed " + seed);
    }
  }

  @Test
  void whatIsLeftAfterMinusIsTheSumOfTheRest() {
    List<Double> v = values(3_000, 2);
    Histogram all = merged(v, 3);
    Histogram kept = merged(v.subList(0, 1_000), 4);
    Histogram rest = all.minus(kept);
    assertEquals(2_000, rest.n);
    assertEquals(exactSum(v.subList(1_000, 3_000)), rest.sum, 0.0);
  }
}
