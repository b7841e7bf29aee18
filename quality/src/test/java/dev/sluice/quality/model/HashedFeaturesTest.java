package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashedFeaturesTest {
  /** Every bucket the scan gives, words and characters apart, in order. */
  record Grams(List<Integer> words, List<Integer> chars) {}

  static Grams scan(HashedFeatures f, String text) {
    Grams g = new Grams(new ArrayList<>(), new ArrayList<>());
    f.scan(
        text,
        new HashedFeatures.Sink() {
          @Override
          public void word(int bucket) {
            g.words().add(bucket);
          }

          @Override
          public void chars(int bucket) {
            g.chars().add(bucket);
          }
        });
    return g;
  }

  @Test
  void countsOneFeaturePerWordNgramAndCharacterNgram() {
    HashedFeatures f = new HashedFeatures(18, 2, 3, 4);
    // 5 words: 5 unigrams + 4 bigrams; 19 chars (no space runs): 17 trigrams + 16 four-grams
    Grams g = scan(f, "the cat sat onx mat");
    assertEquals(9, g.words().size());
    assertEquals(19 - 2 + 19 - 3, g.chars().size());
    assertEquals(0, scan(f, "").words().size());
    assertEquals(0, scan(f, "").chars().size());
  }

  @Test
  void foldsCaseDigitsAndRunsOfSpaces() {
    HashedFeatures f = HashedFeatures.defaults();
    assertEquals(scan(f, "Hello World 2024"), scan(f, "hello world 1999"));
    assertEquals(scan(f, "a  \t b"), scan(f, "a b"));
    assertEquals(scan(f, "one\r\ntwo"), scan(f, "one\ntwo"));
    assertEquals(scan(f, "ÉCOLE"), scan(f, "école"));
    assertNotEquals(scan(f, "a b").chars(), scan(f, "a\nb").chars(), "line breaks count");
    assertNotEquals(scan(f, "cat dog"), scan(f, "dog cat"));
  }

  @Test
  void bucketsStayInRangeOnRandomText() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    HashedFeatures f = new HashedFeatures(10, 3, 1, 4);
    for (int t = 0; t < 200; t++) {
      StringBuilder s = new StringBuilder();
      int n = r.nextInt(300);
      for (int i = 0; i < n; i++) s.append((char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
      Grams g = scan(f, s.toString());
      for (int b : g.words()) assertTrue(b >= 0 && b < 1024, "seed " + seed);
      for (int b : g.chars()) assertTrue(b >= 0 && b < 1024, "seed " + seed);
    }
  }

  @Test
  void spreadsDistinctNgramsOverTheBuckets() {
    HashedFeatures f = new HashedFeatures(16, 1, 0, 0);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      for (int v = i + 1; v > 0; v /= 26) s.append((char) ('a' + v % 26)); // one word per i
      s.append(' ');
    }
    long distinct = scan(f, s.toString()).words().stream().distinct().count();
    // 5,000 distinct words in 65,536 buckets: about 4,820 distinct buckets expected if uniform
    assertTrue(distinct > 4700, "distinct buckets " + distinct);
  }

  @Test
  void refusesSettingsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new HashedFeatures(9, 2, 3, 4));
    assertThrows(IllegalArgumentException.class, () -> new HashedFeatures(18, 4, 3, 4));
    assertThrows(IllegalArgumentException.class, () -> new HashedFeatures(18, 2, 3, 5));
    assertThrows(IllegalArgumentException.class, () -> new HashedFeatures(18, 2, 4, 3));
    assertThrows(IllegalArgumentException.class, () -> new HashedFeatures(18, 0, 0, 0));
  }
}
