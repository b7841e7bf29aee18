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
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 'a'; c <= 'z'; c++) ASCII[c] = LETTER;
    for (int c = 'A'; c <= 'Z'; c++) ASCII[c] = LETTER;
    for (int c = '0'; c <= '9'; c++) ASCII[c] = DIGIT;
    ASCII['\''] = JOINER;
    ASCII['-'] = JOINER;
    for (int c = 0; c < 128; c++) ASCII_WORD[c] = ASCII[c] == LETTER || ASCII[c] == DIGIT;
  }

  /**
   * The text cut at every word edge: gap 0, word 0, gap 1, ..., word count−1, gap count, where piece k is
   * [bounds[k], bounds[k + 1]). {@code bounds[0]} is 0 and {@code bounds[2 · count + 1]} the text's length.
   */
  final int[] bounds;

  final int count;

  private WordSpans(int[] bounds, int count) {
    this.bounds = bounds;
    this.count = count;
  }

  int start(int w) {
    return bounds[2 * w + 1];
  }

  int end(int w) {
    return bounds[2 * w + 2];
  }

  static WordSpans of(String text) {
    char[] c = text.toCharArray();
    return of(c, c.length);
  }

  /**
   * The words of {@code c[0, n)}. One pass that decides for each char whether it is in a word and records a bound
   * wherever that changes, without a branch for plain ASCII letters, digits, spaces and punctuation (word edges are
   * too frequent for branch prediction); apostrophes, hyphens and non-ASCII take the careful path.
   */
  static WordSpans of(char[] c, int n) {
    return of(c, n, new int[n + 3]);
  }

  /** The words of {@code c[0, n)}, their bounds written into {@code b} (at least n + 3 long). */
  static WordSpans of(char[] c, int n, int[] b) {
    // at most a bound per char, plus the two ends
    int k = 1; // b[0] = 0
    int prev = 0; // 1 when the char before is in a word
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      int w;
      if (ch < 128 && ASCII[ch] != JOINER) {
        w = ASCII_WORD[ch] ? 1 : 0;
      } else {
        int cp = Character.isHighSurrogate(ch) ? Character.codePointAt(c, i, n) : ch;
        int len = Character.charCount(cp);
        w = inWord(ch < 128 ? ASCII[ch] : classify(cp), prev, c, i, i + len, n);
        if (len == 2) { // both halves of a pair on the same side
          b[k] = i;
          k += w ^ prev;
          prev = w;
          i++;
          continue;
        }
      }
      b[k] = i;
      k += w ^ prev;
      prev = w;
    }
    if ((k & 1) == 0) b[k++] = n; // the text ends in a word
    b[k] = n;
    return new WordSpans(b, (k - 1) / 2);
  }

  /** 1 when a code point of {@code kind} at [i, next) is in a word, given whether the one before it is. */
  private static int inWord(byte kind, int prev, char[] c, int i, int next, int n) {
    switch (kind) {
      case LETTER:
      case DIGIT:
        return 1;
      case MARK:
        return prev; // a mark belongs to its base
      case JOINER:
        return prev == 1 && afterNonDigit(c, i) && kindAt(c, next, n) == LETTER ? 1 : 0;
      case ZW_JOINER:
        byte nk = kindAt(c, next, n);
        return prev == 1 && (nk == LETTER || nk == MARK) ? 1 : 0;
      default:
        return 0;
    }
  }

  /** True when the code point before {@code i} (inside a word) is not a digit: an apostrophe joins letters. */
  private static boolean afterNonDigit(char[] c, int i) {
    char p = c[i - 1];
    if (p < 128) return ASCII[p] != DIGIT;
    return classify(Character.codePointBefore(c, i)) != DIGIT;
  }

  /** The kind of the code point at {@code i}; OTHER at the end. */
  private static byte kindAt(char[] c, int i, int n) {
    if (i >= n) return OTHER;
    char ch = c[i];
    if (ch < 128) return ASCII[ch];
    return classify(Character.isHighSurrogate(ch) ? Character.codePointAt(c, i, n) : ch);
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

  /** True when the code point at {@code i} (below {@code end}) is a combining mark. */
  static boolean markAt(char[] c, int i, int end) {
    return i < end && c[i] >= 0x300 && isMark(Character.codePointAt(c, i, end));
  }

  /** Space and tab and the other Unicode space separators, not line breaks. */
  static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR;
  }
}
