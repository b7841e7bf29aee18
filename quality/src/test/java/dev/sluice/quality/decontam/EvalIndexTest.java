package dev.sluice.quality.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.quality.decontam.EvalIndex.Builder.Outcome;
import dev.sluice.quality.decontam.EvalIndex.Match;
import dev.sluice.quality.decontam.EvalIndex.SetStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvalIndexTest {
  // 20 words; a real sentence from the SOTU sample's kind of prose
  static final String EVAL =
      "the state of the union is strong because our people are strong and we will keep faith with"
          + " every family";

  static EvalIndex index(String... setIdText) {
    EvalIndex.Builder b = new EvalIndex.Builder(13, 8);
    for (int i = 0; i < setIdText.length; i += 3)
      b.add(setIdText[i], setIdText[i + 1], setIdText[i + 2]);
    return b.build();
  }

  static Match match(EvalIndex ix, String text) {
    return ix.matcher().firstMatch(text);
  }

  @Test
  void findsADocumentThatHoldsExactlyThirteenWordsOfAnEvaluationDocument() {
    EvalIndex ix = index("sotu", "q1", EVAL);
    // words 3..15 of EVAL ("of the union ... faith"), inside unrelated text
    String doc =
        "Yesterday he said of the union is strong because our people are strong and we will keep"
            + " and then left the room";
    assertEquals(new Match("sotu", "q1"), match(ix, doc));
    assertEquals("sotu/q1", match(ix, doc).label());
  }

  @Test
  void chineseAndJapaneseMatchByCharacterNgrams() {
    String zh = "夜间河水迅速上涨，到了早上，镇上低洼的街道都被水淹没了。";
    EvalIndex ix = index("zh", "q1", zh);
    assertEquals(new Match("zh", "q1"), match(ix, "据报道，" + zh.substring(2, 18) + "居民们把财物搬到楼上。"));
    assertNull(
        match(ix, "据报道，" + zh.substring(2, 14) + "居民们把财物搬到楼上。"),
        "12 characters (punctuation is no word)");
    EvalIndex ja = index("ja", "a", "東京の川は夜のうちに四メートルも増水しました。");
    assertEquals(new Match("ja", "a"), match(ja, "ニュースによると東京の川は夜のうちに四メートル"));
  }

  @Test
  void twelveSharedWordsAreNotAHit() {
    EvalIndex ix = index("sotu", "q1", EVAL);
    // 12 words of EVAL ("the union ... will"), between words that break every 13-gram
    String doc =
        "Yesterday he said the union is strong because our people are strong and we will"
            + " leave and then left the room";
    assertNull(match(ix, doc));
  }

  @Test
  void matchesAfterNormalisingCasePunctuationAndWhitespace() {
    EvalIndex ix = index("sotu", "q1", EVAL);
    String doc =
        "THE State of the Union -- is \"strong\",\n\tbecause OUR people\u00a0are strong; and we"
            + " will keep faith!";
    assertEquals(new Match("sotu", "q1"), match(ix, doc));
    // punctuation inside a word joins it, as the harness's normalisation does: "do-n't" is "dont"
    EvalIndex contractions =
        index(
            "qa",
            "7",
            "we don't know what e-mail the committee sent to the members of the house last week");
    assertEquals(
        new Match("qa", "7"),
        match(
            contractions,
            "We do-n\u2019t know what email the Committee sent to the members of the house."));
  }

  @Test
  void matchesAcrossUnicodeNormalForms() {
    String german =
        "Über die Straße gingen die Bürger Ödön und Ärzte mit großen Schritten zur Versammlung heute";
    String nfd = java.text.Normalizer.normalize(german, java.text.Normalizer.Form.NFD);
    assertEquals(new Match("de", "a"), match(index("de", "a", nfd), german));
    assertEquals(new Match("de", "a"), match(index("de", "a", german), nfd));
    // compatibility forms: a ligature and full-width letters are the plain words
    String plain = "the office will find the final figures in the fifth file of the fiscal report";
    String compat =
        "the o\ufb03ce will \ufb01nd the final figures in the fifth file of the fiscal \uff52\uff45\uff50\uff4f\uff52\uff54";
    assertEquals(new Match("en", "x"), match(index("en", "x", compat), plain));
  }

  @Test
  void handlesNonAsciiWordsAndCase() {
    String german =
        "Über die Straße gingen die Bürger Ödön und Ärzte mit großen Schritten zur Versammlung heute";
    String greek =
        "Η ΣΥΝΈΛΕΥΣΗ αποφάσισε σήμερα ότι οι πολίτες θα ψηφίσουν για το νέο σύνταγμα της χώρας";
    EvalIndex ix = index("de", "a", german, "el", "b", greek);
    assertEquals(new Match("de", "a"), match(ix, upperCasePerCodePoint(german)));
    // simple case mapping, not full case folding: "STRASSE" is not "straße"
    assertNull(match(ix, german.toUpperCase(java.util.Locale.ROOT)));
    assertEquals(
        new Match("el", "b"), match(ix, "— " + greek.toLowerCase(java.util.Locale.ROOT) + "."));
    // one changed letter in the middle breaks every 13-gram of the 15-word German text? no: the
    // first or last
    // 13 words survive unless the change is in the overlap of all of them (word 3..12)
    assertNull(match(ix, german.replace("Ödön", "Odon")));
    // a supplementary-plane letter is a letter, not a separator
    EvalIndex gothic = index("got", "c", "𐌰𐌱 𐌲 𐌳 𐌴 𐌵 𐌶 𐌷 𐌸 𐌹");
    assertEquals(new Match("got", "c"), match(gothic, "x 𐌰𐌱 𐌲 𐌳 𐌴 𐌵 𐌶 𐌷 𐌸 𐌹 y"));
    assertNull(match(gothic, "x 𐌰 𐌱 𐌲 𐌳 𐌴 𐌵 𐌶 𐌷 𐌸 𐌹 y"));
  }

  @Test
  void shortEvaluationDocumentsAreIndexedWholeOrSkipped() {
    EvalIndex.Builder b = new EvalIndex.Builder(13, 8);
    assertEquals(Outcome.WHOLE, b.add("s", "eight", "one two three four five six seven eight"));
    assertEquals(Outcome.TOO_SHORT, b.add("s", "seven", "alpha beta gamma delta epsilon zeta eta"));
    assertEquals(Outcome.INDEXED, b.add("s", "long", EVAL));
    EvalIndex ix = b.build();
    assertEquals(
        new Match("s", "eight"),
        match(ix, "count: One, two, three, four, five, six, seven, eight!"));
    assertNull(match(ix, "one two three four five six seven"));
    assertNull(match(ix, "alpha beta gamma delta epsilon zeta eta theta and more words here"));
    assertEquals(new SetStats("s", 3, 1, 1, 1, 1 + 8), ix.stats().get("s"));
    assertEquals(9, ix.ngrams());
  }

  @Test
  void aDocumentShorterThanEveryNgramNeverMatchesAndEmptyTextIsFine() {
    EvalIndex ix = index("sotu", "q1", EVAL);
    assertNull(match(ix, "the state of the union"));
    assertNull(match(ix, ""));
    assertNull(match(ix, " ,.;!? \n"));
    assertNull(match(new EvalIndex.Builder(13, 8).build(), EVAL));
  }

  @Test
  void reportsTheEarliestMatchAndTheFirstAddedEvaluationDocument() {
    String a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    String b = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu";
    EvalIndex ix = index("first", "a", a, "second", "b", b, "second", "a-again", a);
    assertEquals(new Match("second", "b"), match(ix, b + " " + a));
    assertEquals(new Match("first", "a"), match(ix, a + " " + b));
    // the duplicate of a in set second adds no n-gram
    Map<String, SetStats> stats = ix.stats();
    assertEquals(new SetStats("second", 2, 2, 0, 0, 1), stats.get("second"));
    assertEquals(List.of("first", "second"), new ArrayList<>(stats.keySet()));
  }

  @Test
  void sameInputSameMatchesWhateverTheTableSize() {
    // many evaluation documents force the table to grow several times; a rebuilt index answers the
    // same
    Random rnd = new Random(18);
    List<String> evals = new ArrayList<>();
    for (int i = 0; i < 2000; i++) evals.add(randomWords(rnd, 20 + rnd.nextInt(30)));
    EvalIndex.Builder b1 = new EvalIndex.Builder(13, 8);
    EvalIndex.Builder b2 = new EvalIndex.Builder(13, 8);
    for (int i = 0; i < evals.size(); i++) {
      b1.add("r", "d" + i, evals.get(i));
      b2.add("r", "d" + i, evals.get(i));
    }
    EvalIndex ix1 = b1.build();
    EvalIndex ix2 = b2.build();
    EvalIndex.Matcher m1 = ix1.matcher();
    EvalIndex.Matcher m2 = ix2.matcher();
    int hits = 0;
    for (int i = 0; i < 500; i++) {
      String words = evals.get(rnd.nextInt(evals.size()));
      String[] w = words.split(" ");
      int from = rnd.nextInt(w.length - 12);
      int len = 12 + rnd.nextInt(2);
      String doc =
          randomWords(rnd, 5) + " " + String.join(" ", List.of(w).subList(from, from + len));
      Match x = m1.firstMatch(doc);
      assertEquals(x, m2.firstMatch(doc));
      if (len == 13) {
        assertEquals(true, x != null, doc);
        hits++;
      }
    }
    assertEquals(true, hits > 100);
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThrows(IllegalArgumentException.class, () -> new EvalIndex.Builder(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new EvalIndex.Builder(13, 14));
  }

  static String upperCasePerCodePoint(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
    return sb.toString();
  }

  static String randomWords(Random rnd, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) sb.append(' ');
      int len = 2 + rnd.nextInt(6);
      for (int k = 0; k < len; k++) sb.append((char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }
}
