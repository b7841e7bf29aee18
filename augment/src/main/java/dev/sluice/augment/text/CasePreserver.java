package dev.sluice.augment.text;

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

  /** The case pattern of c[from, to), from its cased letters. */
  static int pattern(char[] c, int from, int to) {
    int upper = 0;
    int lower = 0;
    boolean firstUpper = false;
    boolean seenLetter = false;
    for (int i = from; i < to; i++) {
      char ch = c[i];
      boolean u = ch < 128 ? ch >= 'A' && ch <= 'Z' : Character.isUpperCase(ch);
      boolean l = ch < 128 ? ch >= 'a' && ch <= 'z' : Character.isLowerCase(ch);
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

  static int pattern(String s) {
    return pattern(s.toCharArray(), 0, s.length());
  }

  /**
   * {@code word} (lower-case ASCII, from the thesaurus) in case pattern {@code pattern}: the same array when nothing
   * changes, else a new one (the thesaurus' arrays are shared and never written).
   */
  static char[] apply(int pattern, char[] word) {
    switch (pattern) {
      case CAPITALIZED:
        return capitalize(word);
      case UPPER:
        char[] up = new char[word.length];
        for (int i = 0; i < up.length; i++) {
          char c = word[i];
          up[i] = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        return up;
      default:
        return word;
    }
  }

  /** The word with its first letter upper case (a new array), or the same array when it has none to raise. */
  static char[] capitalize(char[] word) {
    if (word.length == 0 || !(word[0] >= 'a' && word[0] <= 'z')) return word;
    char[] out = word.clone();
    out[0] = (char) (out[0] - 32);
    return out;
  }
}
