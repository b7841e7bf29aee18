package dev.sluice.augment.text;

import java.util.Locale;

/**
 * Gives a replacement word the case pattern of the word it replaces: lower stays lower, Capitalized gives a
 * Capitalized replacement, ALL CAPS (two letters or more) gives upper case; a mixed pattern ("iPhone") leaves the
 * replacement as the thesaurus has it (lower case). EDA lower-cases everything first; keeping case keeps sentence
 * starts and headings readable.
 */
final class CasePreserver {
  private CasePreserver() {}

  static final int LOWER = 0;
  static final int CAPITALIZED = 1;
  static final int UPPER = 2;
  static final int MIXED = 3;

  /** The case pattern of text[start, end), from its cased letters. */
  static int pattern(String text, int start, int end) {
    int upper = 0;
    int lower = 0;
    boolean firstUpper = false;
    boolean seenLetter = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean u = c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
      boolean l = c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
      if (!seenLetter && (u || l)) {
        firstUpper = u;
        seenLetter = true;
      }
      if (u) upper++;
      if (l) lower++;
    }
    if (upper == 0) return LOWER;
    if (lower == 0) return upper >= 2 ? UPPER : CAPITALIZED;
    return firstUpper && upper == 1 ? CAPITALIZED : MIXED;
  }

  /** {@code word} (lower case) in case pattern {@code pattern}. */
  static String apply(int pattern, String word) {
    switch (pattern) {
      case CAPITALIZED:
        return capitalize(word);
      case UPPER:
        return word.toUpperCase(Locale.ROOT);
      default:
        return word;
    }
  }

  static String capitalize(String word) {
    if (word.isEmpty()) return word;
    int cp = word.codePointAt(0);
    int up = Character.toTitleCase(cp);
    if (up == cp) return word;
    return new StringBuilder(word.length())
        .appendCodePoint(up)
        .append(word, Character.charCount(cp), word.length())
        .toString();
  }
}
