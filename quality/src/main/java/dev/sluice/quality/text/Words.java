package dev.sluice.quality.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Word and line splitting shared by the rule sets. Words are whitespace-separated tokens with leading and
 * trailing punctuation split off as tokens of their own, which is close to what NLTK's word tokenizer (used by
 * DataTrove) does for English, at a fraction of the cost.
 */
public final class Words {
  private Words() {}

  private static final boolean[] ASCII_PUNCT = new boolean[128];

  /** {@link #isPunct} for every BMP char, looked up once: English text is full of curly quotes and dashes. */
  private static final boolean[] BMP_PUNCT = new boolean[0x10000];

  static {
    for (int c = 0; c < 128; c++)
      ASCII_PUNCT[c] = (c > ' ' && c < 127) && !Character.isLetterOrDigit(c);
    for (int c = 0; c < BMP_PUNCT.length; c++)
      BMP_PUNCT[c] = c < 128 ? ASCII_PUNCT[c] : punctOrSymbolType(c);
  }

  public static boolean isPunct(int c) {
    if (c >= 0 && c < BMP_PUNCT.length) return BMP_PUNCT[c];
    return punctOrSymbolType(c);
  }

  private static boolean punctOrSymbolType(int c) {
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION
        || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION
        || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION
        || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION
        || t == Character.MATH_SYMBOL
        || t == Character.CURRENCY_SYMBOL
        || t == Character.MODIFIER_SYMBOL
        || t == Character.OTHER_SYMBOL;
  }

  /** Tokens of {@code text}: words, and the punctuation split off their ends. */
  public static List<String> tokens(String text) {
    Spans sp = spans(text);
    List<String> out = new ArrayList<>(sp.size());
    for (int i = 0; i < sp.size(); i++) out.add(sp.string(i));
    return out;
  }

  /**
   * The same tokens as {@link #tokens}, as ranges of the text's chars: no string per token. Every token is a
   * range of the text (a split-off punctuation mark is a one-char range), so the rules measure, hash and compare
   * tokens in place.
   */
  public static Spans spans(String text) {
    char[] c = text.toCharArray();
    int n = c.length;
    Spans out = new Spans(c, Math.max(16, n / 4));
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(c[i])) i++;
      if (i >= n) break;
      int start = i;
      while (i < n && !isSpace(c[i])) i++;
      int end = i;
      int s = start;
      while (s < end && isPunct(c[s])) {
        out.add(s, s + 1);
        s++;
      }
      int e = end;
      while (e > s && isPunct(c[e - 1])) e--;
      if (e > s) out.add(s, e);
      for (int k = e; k < end; k++) out.add(k, k + 1);
    }
    return out;
  }

  /** Token ranges [start, end) over one char array. */
  public static final class Spans {
    public final char[] chars;
    private int[] starts;
    private int[] ends;
    private int size;

    Spans(char[] chars, int capacity) {
      this.chars = chars;
      this.starts = new int[capacity];
      this.ends = new int[capacity];
    }

    void add(int s, int e) {
      if (size == starts.length) {
        starts = java.util.Arrays.copyOf(starts, size * 2);
        ends = java.util.Arrays.copyOf(ends, size * 2);
      }
      starts[size] = s;
      ends[size] = e;
      size++;
    }

    public int size() {
      return size;
    }

    public int start(int i) {
      return starts[i];
    }

    public int end(int i) {
      return ends[i];
    }

    public int length(int i) {
      return ends[i] - starts[i];
    }

    public String string(int i) {
      return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** True when every char of token {@code i} is punctuation or a symbol. */
    public boolean symbolOnly(int i) {
      for (int k = starts[i]; k < ends[i]; k++) if (!isPunct(chars[k])) return false;
      return true;
    }

    public boolean hasAlpha(int i) {
      for (int k = starts[i]; k < ends[i]; k++) if (isLetter(chars[k])) return true;
      return false;
    }

    /** Token {@code i}'s length in code points (a surrogate pair counts once). */
    public int codePoints(int i) {
      return Character.codePointCount(chars, starts[i], ends[i] - starts[i]);
    }

    /** Whether one of token {@code i}'s code points is a letter (a letter beyond the BMP too). */
    public boolean hasAlphaCodePoint(int i) {
      for (int k = starts[i]; k < ends[i]; ) {
        int cp = Character.codePointAt(chars, k, ends[i]);
        if (Character.isLetter(cp)) return true;
        k += Character.charCount(cp);
      }
      return false;
    }
  }

  static boolean isSpace(char ch) {
    return ch == ' '
        || ch == '\n'
        || (ch < 128
            ? (ch >= 9 && ch <= 13) || ch == 28 || ch == 29 || ch == 30 || ch == 31
            : Character.isWhitespace(ch));
  }

  /** Character.isLetter, without the Unicode tables for ASCII (same answers). */
  public static boolean isLetter(char c) {
    return c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
  }

  /** Character.isLetterOrDigit, without the Unicode tables for ASCII (same answers). */
  public static boolean isLetterOrDigit(char c) {
    return c < 128
        ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')
        : Character.isLetterOrDigit(c);
  }

  /** Character.isWhitespace, without the Unicode tables for ASCII (same answers). */
  public static boolean isWhitespace(char c) {
    return c < 128
        ? c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)
        : Character.isWhitespace(c);
  }

  /** Splits on '\n' like Python's str.split("\n"): n newlines give n + 1 pieces. */
  public static List<String> splitNewline(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  /** Splits on runs of at least {@code minRun} newlines (Python's re.split(r"\n{k,}", text)). */
  public static List<String> splitNewlineRuns(String text, int minRun) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (text.charAt(i) == '\n') {
        int j = i;
        while (j < n && text.charAt(j) == '\n') j++;
        if (j - i >= minRun) {
          out.add(text.substring(start, i));
          start = j;
        }
        i = j;
      } else {
        i++;
      }
    }
    out.add(text.substring(start));
    return out;
  }
}
