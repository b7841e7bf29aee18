package dev.sluice.augment.difficulty;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpolated modified Kneser–Ney written the slow, obvious way (strings, maps, recursion) to check {@link
 * CharNgramModel} against on tiny corpora. Every character of the corpus is in the vocabulary; padding is \u0002
 * and end-of-text \u0003.
 */
final class ReferenceKneserNey {
  private static final char BOS = '\u0002';
  private static final char EOS = '\u0003';

  private final int order;
  private final Set<Character> vocabulary = new HashSet<>();
  private final List<Map<String, Long>> adjusted = new java.util.ArrayList<>();
  private final double[][] discounts;

  ReferenceKneserNey(List<String> docs, int order) {
    this.order = order;
    List<Map<String, Long>> raw = new java.util.ArrayList<>();
    for (int k = 0; k <= order; k++) raw.add(new HashMap<>());
    for (String d : docs) {
      String padded = String.valueOf(BOS).repeat(order - 1) + d + EOS;
      for (int i = order - 1; i < padded.length(); i++) {
        vocabulary.add(padded.charAt(i));
        for (int k = 1; k <= order; k++)
          raw.get(k).merge(padded.substring(i - k + 1, i + 1), 1L, Long::sum);
      }
    }
    vocabulary.add('\u0001'); // <unk>
    for (int k = 0; k <= order; k++) adjusted.add(new HashMap<>());
    adjusted.set(order, raw.get(order));
    for (int k = 1; k < order; k++) {
      Map<String, Long> continuation = new HashMap<>();
      for (String up : raw.get(k + 1).keySet()) continuation.merge(up.substring(1), 1L, Long::sum);
      for (Map.Entry<String, Long> e : raw.get(k).entrySet()) {
        String g = e.getKey();
        adjusted.get(k).put(g, g.charAt(0) == BOS ? e.getValue() : continuation.get(g));
      }
    }
    discounts = new double[order + 1][];
    for (int k = 1; k <= order; k++) {
      long[] n = new long[5];
      for (long a : adjusted.get(k).values()) if (a <= 4) n[(int) a]++;
      double y = n[1] / (n[1] + 2.0 * n[2]);
      double[] d = {0, 1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2], 3 - 4 * y * n[4] / n[3]};
      boolean ok = n[1] > 0 && n[2] > 0 && n[3] > 0 && n[4] > 0;
      for (int c = 1; c <= 3; c++) ok &= d[c] > 0 && d[c] <= c;
      discounts[k] = ok ? d : new double[] {0, 0.5, 1.0, 1.5};
    }
  }

  /** Whether order k's discounts are Chen & Goodman's estimates rather than the fallback. */
  boolean estimated(int k) {
    return discounts[k][1] != 0.5 || discounts[k][2] != 1.0 || discounts[k][3] != 1.5;
  }

  /** P(cp | history); -1 is end-of-text, a character outside the vocabulary is <unk>. */
  double probability(String history, int cp) {
    char w = cp == -1 ? EOS : vocabulary.contains((char) cp) ? (char) cp : '\u0001';
    String padded = String.valueOf(BOS).repeat(order - 1) + history;
    for (int i = 0; i < padded.length(); i++) {
      if (!vocabulary.contains(padded.charAt(i)) && padded.charAt(i) != BOS) {
        padded = padded.substring(0, i) + '\u0001' + padded.substring(i + 1);
      }
    }
    return p(padded.substring(padded.length() - (order - 1)), w, order);
  }

  private double p(String context, char w, int k) {
    if (k == 0) return 1.0 / vocabulary.size();
    String h = context.substring(context.length() - (k - 1));
    double lower = p(context, w, k - 1);
    long total = 0;
    long[] n = new long[4];
    for (Map.Entry<String, Long> e : adjusted.get(k).entrySet()) {
      if (!e.getKey().startsWith(h)) continue;
      total += e.getValue();
      n[(int) Math.min(3, e.getValue())]++;
    }
    if (total == 0) return lower;
    double[] d = discounts[k];
    long a = adjusted.get(k).getOrDefault(h + w, 0L);
    double own = a == 0 ? 0 : (a - d[(int) Math.min(3, a)]) / total;
    double gamma = (d[1] * n[1] + d[2] * n[2] + d[3] * n[3]) / total;
    return own + gamma * lower;
  }
}
