package dev.sluice.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The allowed name closest to a mistyped one, for "did you mean ...?" hints: edit distance at most a third of it. */
public final class DidYouMean {
  private DidYouMean() {}

  public static Optional<String> closest(String typed, Collection<String> allowed) {
    if (typed == null) return Optional.empty();
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = distance(t, a.toLowerCase(Locale.ROOT));
      if (d < bestDistance || d == bestDistance && best != null && a.compareTo(best) < 0) {
        best = a;
        bestDistance = d;
      }
    }
    int limit = Math.max(1, Math.min(3, t.length() / 3));
    return best != null && !best.equals(typed) && bestDistance <= limit
        ? Optional.of(best)
        : Optional.empty();
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String hint(String typed, Collection<String> allowed) {
    return closest(typed, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
