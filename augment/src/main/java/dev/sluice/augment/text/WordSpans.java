package dev.sluice.augment.text;

/**
 * The words of a text as char ranges, found in one scan with no string per word. A word starts at a letter or digit
 * ({@link Character#isLetterOrDigit}) and runs on through letters, digits and combining marks (types Mn, Me, Mc), and
 * through an apostrophe or hyphen between letters ("don't", "well-known") or a zero-width (non-)joiner inside a word
 * (Persian, Indic scripts). A mark never starts a word: one after a symbol (the variation selector of "❤️") stays with
 * it, so no op can separate a mark from its base. Everything between words (spaces, punctuation, newlines) is a gap
 * that ops leave where it is. Works on code points: a surrogate pair is one char of a word or of a gap, never split.
 */
final class WordSpans {
  private static final byte OTHER = 0;
  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte MARK = 3;
  private static final byte JOINER = 4; // apostrophe or hyphen: joins two letters
  private static final byte ZW_JOINER = 5; // ZWNJ, ZWJ: joins inside a word

  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 'a'; c <= 'z'; c++) ASCII[c] = LETTER;
    for (int c = 'A'; c <= 'Z'; c++) ASCII[c] = LETTER;
    for (int c = '0'; c <= '9'; c++) ASCII[c] = DIGIT;
    ASCII['\''] = JOINER;
    ASCII['-'] = JOINER;
  }

  final String text;
  final int[] starts;
  final int[] ends;
  final int count;

  private WordSpans(String text, int[] starts, int[] ends, int count) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
    this.count = count;
  }

  static WordSpans of(String text) {
    int n = text.length();
    int cap = Math.max(8, n / 5);
    int[] starts = new int[cap];
    int[] ends = new int[cap];
    int count = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int kl = c < 128 ? ASCII[c] | 1 << 8 : kindLen(text, i);
      byte k = (byte) kl;
      i += kl >>> 8;
      if (k != LETTER && k != DIGIT) continue;
      int start = i - (kl >>> 8);
      byte prev = k;
      while (i < n) {
        c = text.charAt(i);
        kl = c < 128 ? ASCII[c] | 1 << 8 : kindLen(text, i);
        k = (byte) kl;
        int len = kl >>> 8;
        if (k == LETTER || k == DIGIT || k == MARK) {
          prev = k;
          i += len;
        } else if ((k == JOINER && prev != DIGIT || k == ZW_JOINER) && i + len < n) {
          byte next = (byte) kindLen(text, i + len);
          boolean joins = k == JOINER ? next == LETTER : next == LETTER || next == MARK;
          if (!joins) break;
          prev = k;
          i += len;
        } else {
          break;
        }
      }
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count * 2);
        ends = java.util.Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      ends[count] = i;
      count++;
    }
    return new WordSpans(text, starts, ends, count);
  }

  /** The kind of the code point at {@code i} in the low byte, its length in chars above. */
  private static int kindLen(String text, int i) {
    char c = text.charAt(i);
    if (c < 128) return ASCII[c] | 1 << 8;
    int cp = text.codePointAt(i);
    return classify(cp) | Character.charCount(cp) << 8;
  }

  static byte classify(int cp) {
    if (cp == 0x2019 || cp == 0x2010) return JOINER; // right single quotation mark, hyphen
    if (cp == 0x200C || cp == 0x200D) return ZW_JOINER;
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
        return LETTER;
      case Character.DECIMAL_DIGIT_NUMBER:
        return DIGIT;
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
        return MARK;
      default:
        return OTHER;
    }
  }

  /** True when {@code cp} is a combining mark (Mn, Me, Mc): it belongs to the char before it. */
  static boolean isMark(int cp) {
    return cp >= 0x300 && classify(cp) == MARK;
  }

  /** True when the code point at {@code i} is a combining mark; false at the end of the text. */
  static boolean markAt(String text, int i) {
    return i < text.length() && text.charAt(i) >= 0x300 && isMark(text.codePointAt(i));
  }

  int start(int w) {
    return starts[w];
  }

  int end(int w) {
    return ends[w];
  }

  /** Space and tab and the other Unicode space separators, not line breaks. */
  static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  /** True when the gap before word {@code w} ends a sentence (. ! ? … or a blank line), or w is the first word. */
  boolean sentenceStart(int w) {
    if (w == 0) return true;
    for (int i = ends[w - 1]; i < starts[w]; i++) {
      char c = text.charAt(i);
      if (c == '.' || c == '!' || c == '?' || c == '…') return true;
      if (c == '\n') {
        int j = i + 1;
        while (j < starts[w] && (text.charAt(j) == '\r' || isHorizontalSpace(text.charAt(j)))) j++;
        if (j < starts[w] && text.charAt(j) == '\n') return true;
      }
    }
    return false;
  }
}
