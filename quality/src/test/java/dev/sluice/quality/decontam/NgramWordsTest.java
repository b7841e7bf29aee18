package dev.sluice.quality.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NgramWordsTest {
  @Test
  void lowerCasesDeletesPunctuationAndSplitsOnWhitespace() {
    assertEquals(
        List.of("dont", "email", "the", "états", "unis", "ok"),
        NgramWords.words("Don't  e-mail THE\u00a0États-\nUnis... (ok)"));
    assertEquals(List.of("ab"), NgramWords.words("a\u00adb")); // soft hyphen: a format character
    assertEquals(List.of(), NgramWords.words(" -- ... \u2014 "));
    assertEquals(List.of("x2", "3"), NgramWords.words("x² 3")); // NFKC: a superscript is its digit
  }

  @Test
  void lettersOfScriptsWrittenWithoutSpacesAreWordsOfTheirOwn() {
    assertEquals(List.of("水", "位", "下", "降", "ok"), NgramWords.words("水位下降。OK"));
    assertEquals(List.of("tokyo", "で", "会", "う"), NgramWords.words("Tokyoで会う"));
    // a Thai tone or vowel mark belongs to its letter, which is the word (NFKC splits SARA AM
    // into NIKHAHIT, a mark, and SARA AA)
    assertEquals(List.of("น", "า", "ท", "ว", "ม"), NgramWords.words("น้ำท่วม"));
    // Korean is written with spaces: a Hangul word stays one word
    assertEquals(List.of("물이", "빠졌다"), NgramWords.words("물이 빠졌다."));
  }

  @Test
  void hashesAreTheHashesOfTheWordsOnEveryKindOfCodePoint() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int[] count = new int[1];
    for (int round = 0; round < 2000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(60);
      for (int i = 0; i < len; i++) {
        int cp =
            switch (rnd.nextInt(4)) {
              case 0 -> 0x20 + rnd.nextInt(0x60);
              case 1 -> rnd.nextInt(0x3000);
              case 2 -> 0x10000 + rnd.nextInt(0x2000);
              default -> " \n\t,.-'\u00a0\u200b\u2019".charAt(rnd.nextInt(10));
            };
        if (Character.isSurrogate((char) cp) && cp < 0x10000) cp = 'x';
        sb.appendCodePoint(cp);
      }
      String text = sb.toString();
      List<String> words = NgramWords.words(text);
      long[] h = NgramWords.hashes(text, new long[1], count);
      assertEquals(words.size(), count[0], "seed " + seed + ": " + text);
      for (int i = 0; i < words.size(); i++)
        assertEquals(NgramWords.hash(words.get(i)), h[i], "seed " + seed + ": " + text);
    }
  }
}
