package dev.sluice.quality.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DedupCoreTest {
  @Test
  void shinglesGoThroughLuceneAnalysisAndJaccardIsExact() {
    try (Shingles s = new Shingles(2)) {
      long[] a = s.of("The quick brown fox"); // the quick, quick brown, brown fox
      long[] b = s.of("the QUICK brown dog"); // the quick, quick brown, brown dog
      assertEquals(3, a.length);
      assertEquals(2.0 / 4, Shingles.jaccard(a, b));
      assertEquals(1, s.of("short").length, "a text shorter than a shingle still gets one");
    }
  }

  @Test
  void fastLowerCaseFilterLowersExactlyAsLucenesLowerCaseFilter() throws Exception {
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder();
    int[] pool = {
      'A', 'Z', 'a', 'q', '7', 0xC0, 0xC9, 0x130, 0x3A3, 0x41F, 0x10400, 0x1E9E, 0x212A, 0xFF21,
      'x', 'Q'
    };
    for (int i = 0; i < 20_000; i++) {
      int k = r.nextInt(10);
      if (k == 0) sb.append(' ');
      else if (k == 1) sb.appendCodePoint(r.nextInt(0x3000));
      else sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    String text = sb + " İstanbul ΣΊΣΥΦΟΣ Straße ÀB𐐀C KELVINK";
    assertEquals(tokens(text, true), tokens(text, false));
    List<String> fast = tokens(text, false);
    assertTrue(
        fast.contains("σίσυφοσ") && fast.contains("straße") && fast.contains("kelvink"),
        fast.toString());
  }

  private static List<String> tokens(String text, boolean lucene) throws Exception {
    List<String> out = new ArrayList<>();
    try (org.apache.lucene.analysis.Tokenizer tok =
            new org.apache.lucene.analysis.standard.StandardTokenizer();
        org.apache.lucene.analysis.TokenStream ts =
            lucene
                ? new org.apache.lucene.analysis.LowerCaseFilter(tok)
                : new FastLowerCaseFilter(tok)) {
      tok.setReader(new java.io.StringReader(text));
      org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    }
    assertTrue(out.size() > 100 || text.length() < 1000);
    return out;
  }

  @Test
  void minHashEstimatesJaccard() {
    NearDedupConfig cfg = NearDedupConfig.defaults();
    MinHasher h = new MinHasher(cfg);
    Random r = new Random(7);
    long[] a = new long[400];
    for (int i = 0; i < a.length; i++) a[i] = r.nextLong();
    long[] b = a.clone();
    for (int i = 0; i < 100; i++) b[i] = r.nextLong(); // 300 shared of 500 -> 0.6
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    double est = MinHasher.estimate(h.signature(a), h.signature(b));
    assertEquals(0.6, est, 0.12);
    assertEquals(14, h.bandKeys(h.signature(a)).length);
  }

  @Test
  void signatureIsThePerFunctionMinimumForAnyNumberOfFunctions() {
    Random r = new Random(11);
    for (NearDedupConfig cfg :
        List.of(
            NearDedupConfig.defaults(),
            new NearDedupConfig(5, 6, 3, 2, 0.8, 10, 64),
            new NearDedupConfig(5, 7, 7, 1, 0.8, 10, 64))) {
      MinHasher h = new MinHasher(cfg);
      for (int n : new int[] {1, 3, 500}) {
        long[] shingles = new long[n];
        for (int i = 0; i < n; i++) shingles[i] = r.nextLong();
        long[] sig = h.signature(shingles);
        assertEquals(cfg.permutations(), sig.length);
        for (int p = 0; p < sig.length; p++) {
          long min = Long.MAX_VALUE;
          for (long x : shingles) min = Math.min(min, h.apply(p, x));
          assertEquals(
              min, sig[p], "function " + p + " of " + cfg.permutations() + ", " + n + " shingles");
        }
      }
    }
  }

  @Test
  void bandsTimesRowsMustEqualPermutations() {
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> NearDedupConfig.from(Map.of("bands", 10)));
    assertTrue(e.getMessage().startsWith("dedup.near.bands"), e.getMessage());
  }

  @Test
  void keepPolicyPrefersQualityThenLengthThenId() {
    KeepPolicy p = KeepPolicy.defaults();
    List<KeepPolicy.Member> ms =
        List.of(
            new KeepPolicy.Member("b", 0.5, 10),
            new KeepPolicy.Member("a", 0.5, 10),
            new KeepPolicy.Member("c", 0.4, 99));
    assertEquals("a", p.survivor(ms).id());
    assertEquals("c", KeepPolicy.of(List.of("length_desc")).survivor(ms).id());
    assertEquals(List.of("length_asc", "id_asc"), KeepPolicy.of(List.of("length_asc")).order());
  }

  /** Runs large-star/small-star to a fixed point in memory and compares with union-find. */
  @Test
  void starOperationsConvergeToTheConnectedComponents() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + r.nextInt(60);
      List<String[]> edges = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (r.nextInt(3) > 0) edges.add(new String[] {id(r.nextInt(n)), id(r.nextInt(n))});
      }
      Map<String, String> expected = unionFind(edges);
      Set<List<String>> e = new HashSet<>();
      for (String[] x : edges) if (!x[0].equals(x[1])) e.add(List.of(x[0], x[1]));
      int rounds = 0;
      while (true) {
        Set<List<String>> next = smallStar(largeStar(e));
        rounds++;
        if (next.equals(e) || rounds > 40) {
          e = next;
          break;
        }
        e = next;
      }
      assertTrue(rounds <= 12, "seed " + seed + ": converged in " + rounds + " rounds");
      Map<String, String> label = new TreeMap<>();
      for (List<String> x : e) {
        label.merge(x.get(0), min(x.get(0), x.get(1)), DedupCoreTest::min);
        label.merge(x.get(1), min(x.get(0), x.get(1)), DedupCoreTest::min);
      }
      assertEquals(expected, label, "seed " + seed);
    }
  }

  private static String id(int i) {
    return String.format("d%03d", i);
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Map<String, TreeSet<String>> adj(Set<List<String>> e, boolean onlySmaller) {
    Map<String, TreeSet<String>> m = new HashMap<>();
    for (List<String> x : e) {
      for (int k = 0; k < 2; k++) {
        String u = x.get(k);
        String v = x.get(1 - k);
        if (onlySmaller && v.compareTo(u) > 0) continue;
        m.computeIfAbsent(u, q -> new TreeSet<>()).add(v);
      }
    }
    return m;
  }

  private static Set<List<String>> largeStar(Set<List<String>> e) {
    Set<List<String>> out = new HashSet<>();
    adj(e, false)
        .forEach(
            (u, nb) ->
                StarComponents.largeStar(u, nb).forEach(x -> out.add(List.of(x.from(), x.to()))));
    return out;
  }

  private static Set<List<String>> smallStar(Set<List<String>> e) {
    Set<List<String>> out = new HashSet<>();
    adj(e, true)
        .forEach(
            (u, nb) ->
                StarComponents.smallStar(u, nb).forEach(x -> out.add(List.of(x.from(), x.to()))));
    return out;
  }

  private static Map<String, String> unionFind(List<String[]> edges) {
    Map<String, String> parent = new HashMap<>();
    java.util.function.Function<String, String>[] find = new java.util.function.Function[1];
    find[0] =
        x -> {
          String p = parent.getOrDefault(x, x);
          return p.equals(x) ? x : find[0].apply(p);
        };
    for (String[] x : edges) {
      if (x[0].equals(x[1])) continue;
      String a = find[0].apply(x[0]);
      String b = find[0].apply(x[1]);
      if (a.equals(b)) continue;
      if (a.compareTo(b) < 0) parent.put(b, a);
      else parent.put(a, b);
    }
    Map<String, String> out = new TreeMap<>();
    for (String[] x : edges) {
      if (x[0].equals(x[1])) continue;
      out.put(x[0], find[0].apply(x[0]));
      out.put(x[1], find[0].apply(x[1]));
    }
    return out;
  }
}
