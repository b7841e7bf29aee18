package dev.sluice.quality.pii;

/** Character tests shared by the detectors; "word" characters decide where a candidate may start and end. */
final class Chars {
  private Chars() {}

  static boolean asciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean hex(char c) {
    return asciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A letter or digit of any script, or '_': a candidate touching one is part of a longer token. */
  static boolean word(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * Whether a number touching {@code c} is part of a longer token: a digit of any script, '_', or a letter of a
   * script written with spaces between words. Letters of scripts written without them (Han, kana, Hangul, Thai,
   * Lao, Khmer, Myanmar) sit right next to numbers in ordinary prose ({@code 電話03-3224-5000まで}).
   */
  static boolean glued(char c) {
    if (c == '_' || Character.isDigit(c)) return true;
    if (!Character.isLetter(c)) return false;
    if (c < 0x0E00) return true;
    return switch (Character.UnicodeScript.of(c)) {
      case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR -> false;
      default -> true;
    };
  }

  /** A letter of a script written without spaces between words (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar). */
  static boolean unspaced(char c) {
    return Character.isLetter(c) && !glued(c);
  }

  static boolean wordAt(CharSequence s, int i) {
    return i >= 0 && i < s.length() && word(s.charAt(i));
  }

  static char at(CharSequence s, int i) {
    return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
  }

  /**
   * The word just before {@code start} on the same line, lower-cased, skipping spaces and the punctuation that
   * separates a label from its value ({@code "Version: 1.2.3.4"}, {@code "build=1.2.3.4"}); empty when none.
   */
  static String wordBefore(String s, int start) {
    int i = start - 1;
    int limit = Math.max(0, start - 24);
    while (i >= limit && " \t:=(\"'#".indexOf(s.charAt(i)) >= 0) i--;
    int end = i + 1;
    while (i >= limit && Character.isLetter(s.charAt(i))) i--;
    return s.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT);
  }
}
