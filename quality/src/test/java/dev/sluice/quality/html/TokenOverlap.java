package dev.sluice.quality.html;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bag-of-tokens precision, recall and F1 of an extraction against a label, the measure of trafilatura's and
 * Moz's evaluations: tokens are maximal runs of letters and digits, lower-cased; each token counts as many times
 * as it occurs, and a match uses min(count in label, count in extraction). An empty label and an empty extraction
 * agree perfectly.
 */
final class TokenOverlap {
  private TokenOverlap() {}

  /** {precision, recall, F1}. */
  static double[] score(String label, String extracted) {
    Map<String, Integer> truth = bag(label);
    Map<String, Integer> got = bag(extracted);
    int truthTotal = total(truth);
    int gotTotal = total(got);
    if (truthTotal == 0 && gotTotal == 0) return new double[] {1, 1, 1};
    int common = 0;
    for (Map.Entry<String, Integer> e : got.entrySet())
      common += Math.min(e.getValue(), truth.getOrDefault(e.getKey(), 0));
    double p = gotTotal == 0 ? 0 : common / (double) gotTotal;
    double r = truthTotal == 0 ? 0 : common / (double) truthTotal;
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new double[] {p, r, f};
  }

  static Map<String, Integer> bag(String text) {
    Map<String, Integer> bag = new HashMap<>();
    for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
      if (!t.isEmpty()) bag.merge(t, 1, Integer::sum);
    return bag;
  }

  private static int total(Map<String, Integer> bag) {
    int n = 0;
    for (int v : bag.values()) n += v;
    return n;
  }
}
