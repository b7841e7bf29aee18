package dev.sluice.quality.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers: a fast scan finds candidates, Google's libphonenumber decides. A candidate is a run of 7 to 15
 * digits (any script's digits, full-width ones included) with the separators people write ({@code + ( ) - .},
 * spaces, Unicode dashes and their full-width forms) that starts with '+' or carries at least one separator:
 * a bare run of digits ({@code 4155552671}) is an id, a count or a timestamp far more often than a phone number,
 * so it is left. A number with an international prefix is checked against its own country's plan; one without
 * against each of the configured regions in turn. libphonenumber's {@code isValidNumber} knows every plan's lengths
 * and ranges, so dates ({@code 2023-12-04}), ISBNs and version strings fail it; a candidate right after "ISBN" or
 * one made of dotted groups of four ({@code 10.20.30.40}: an IP or a version), or mixing '.' and '-' (the DFARS
 * clause {@code 252.227-7013} of licence texts), is not even asked.
 */
final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final List<String> regions;

  PhoneNumbers(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  private static boolean plus(char c) {
    return c == '+' || c == '\uFF0B';
  }

  private static boolean separator(char c) {
    return c == ' '
        || c == '-'
        || c == '.'
        || c == '('
        || c == ')'
        || c == '\u00A0'
        || (c >= '\u2010' && c <= '\u2015')
        || c == '\uFF0D'
        || c == '\uFF08'
        || c == '\uFF09'
        || c == '\u3000';
  }

  /** Whether a phone number may start at {@code c}: a digit of any script, '+' or '(' (ASCII or full-width). */
  static boolean mayStart(char c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || c == '+' || c == '(';
    return Character.isDigit(c) || plus(c) || c == '\uFF08';
  }

  /**
   * Looks for a number starting at {@code i} (where {@link #mayStart} holds) and adds it to {@code out}. Returns
   * the index of the last character examined: the number's last, the last digit of the run at {@code i}, or
   * {@code i}.
   */
  int at(String s, int i, List<Span> out) {
    char c = s.charAt(i);
    boolean digit = Character.isDigit(c);
    char prev = Chars.at(s, i - 1);
    if (Chars.glued(prev) || plus(prev) || ".-/:,_".indexOf(prev) >= 0) {
      return digit ? skipDigits(s, i) - 1 : i;
    }
    int end = candidateEnd(s, i);
    int start = i;
    if (end > 0 && !digit && !plus(c) && !closes(s, i, end)) start = i + 1; // "(415-555-2671)"
    if (end > 0 && valid(s, start, end)) {
      out.add(new Span(start, end, PiiKind.PHONE));
      return end - 1;
    }
    return digit ? skipDigits(s, i) - 1 : i;
  }

  private static int skipDigits(String s, int i) {
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    return i;
  }

  /** The end of a phone-shaped run starting at {@code i}, or -1. */
  private static int candidateEnd(String s, int i) {
    int n = s.length();
    int p = i;
    if (plus(s.charAt(p))) p++;
    int digits = 0;
    int lastDigitEnd = -1;
    int run = 0;
    boolean separated = false;
    while (p < n && p - i < 32) {
      char c = s.charAt(p);
      if (Character.isDigit(c)) {
        if (run > 0 && digits > 0) separated = true;
        digits++;
        run = 0;
        lastDigitEnd = p + 1;
      } else if (separator(c)) {
        if (++run > 2) break;
      } else {
        break;
      }
      p++;
    }
    if (digits < 7 || digits > 15 || lastDigitEnd < 0) return -1;
    int end = lastDigitEnd;
    if (Chars.glued(Chars.at(s, end))) return -1;
    if (!plus(s.charAt(i)) && !separated) return -1;
    return end;
  }

  private static boolean closes(String s, int from, int to) {
    for (int k = from; k < to; k++) if (s.charAt(k) == ')' || s.charAt(k) == '\uFF09') return true;
    return false;
  }

  private boolean valid(String s, int start, int end) {
    String number = s.substring(start, end);
    if (dottedQuad(number) || (number.indexOf('.') >= 0 && number.indexOf('-') >= 0)) return false;
    if (Chars.wordBefore(s, start).equals("isbn")) return false;
    try {
      if (plus(number.charAt(0))) {
        return UTIL.isValidNumber(UTIL.parse(number, "ZZ"));
      }
      for (String region : regions) {
        if (UTIL.isValidNumber(UTIL.parse(number, region))) return true;
      }
      return false;
    } catch (NumberParseException notANumber) {
      return false;
    }
  }

  private static boolean dottedQuad(String number) {
    int dots = 0;
    for (int k = 0; k < number.length(); k++) {
      char c = number.charAt(k);
      if (c == '.') dots++;
      else if (!Character.isDigit(c)) return false;
    }
    return dots == 3;
  }
}
