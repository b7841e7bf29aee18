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

  static {
    for (int c = 0; c < 128; c++) ASCII_PUNCT[c] = (c > ' ' && c < 127) && !Character.isLetterOrDigit(c);
  }

  public static boolean isPunct(int c) {
    if (c < 128) return ASCII_PUNCT[c];
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION || t == Character.MATH_SYMBOL
        || t == Character.CURRENCY_SYMBOL || t == Character.MODIFIER_SYMBOL || t == Character.OTHER_SYMBOL;
  }

  /** Tokens of {@code text}: words, and the punctuation split off their ends. */
  public static List<String> tokens(String text) {
    char[] c = text.toCharArray();
    int n = c.length;
    List<String> out = new ArrayList<>(Math.max(16, n / 5));
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(c[i])) i++;
      if (i >= n) break;
      int start = i;
      while (i < n && !isSpace(c[i])) i++;
      int end = i;
      int s = start;
      while (s < end && isPunct(c[s])) {
        out.add(String.valueOf(c[s]));
        s++;
      }
      int e = end;
      while (e > s && isPunct(c[e - 1])) e--;
      if (e > s) out.add(new String(c, s, e - s));
      for (int k = e; k < end; k++) out.add(String.valueOf(c[k]));
    }
    return out;
  }

  static boolean isSpace(char ch) {
    return ch == ' ' || ch == '\n' || (ch < 128 ? (ch >= 9 && ch <= 13) || ch == 28 || ch == 29 || ch == 30 || ch == 31
        : Character.isWhitespace(ch));
  }

  /** True when every char of the token is punctuation or a symbol. */
  public static boolean isSymbolOnly(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (!isPunct(token.charAt(i))) return false;
    }
    return true;
  }

  public static boolean hasAlpha(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) return true;
    }
    return false;
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
