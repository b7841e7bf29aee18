package dev.sluice.quality.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's notions of lines and white space, for rules that DataTrove writes with {@code str.splitlines()} and
 * {@code str.strip()}: a line ends at {@code \n}, {@code \r}, {@code \r\n} (one break), {@code \v}, {@code \f},
 * the file, group and record separators (U+001C..U+001E), NEL (U+0085), and the line and paragraph separators
 * (U+2028, U+2029); a break at the very end opens no empty last line. White space is {@code str.isspace()}:
 * Java's {@link Character#isWhitespace} plus the no-break spaces it leaves out (U+00A0, U+2007, U+202F) and NEL.
 */
public final class PyLines {
  private PyLines() {}

  /** Whether {@code c} ends a line for {@code str.splitlines()}. */
  public static boolean isBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\u000C'
        || (c >= '\u001C' && c <= '\u001E')
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /** {@code str.isspace()} for one char. */
  public static boolean isSpace(char c) {
    return Words.isWhitespace(c)
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || c == '\u0085';
  }

  /** {@code text.splitlines()}: the lines without their breaks. */
  public static List<String> split(CharSequence text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!isBreak(c)) continue;
      out.add(text.subSequence(start, i).toString());
      if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
      start = i + 1;
    }
    if (start < n) out.add(text.subSequence(start, n).toString());
    return out;
  }

  /** {@code s.strip()}. */
  public static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSpace(s.charAt(a))) a++;
    while (b > a && isSpace(s.charAt(b - 1))) b--;
    return s.substring(a, b);
  }
}
