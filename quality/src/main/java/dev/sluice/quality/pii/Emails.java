package dev.sluice.quality.pii;

import com.google.common.net.InternetDomainName;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses, found around each '@': a local part of letters (any script), digits and {@code ._%+-}, and a
 * domain of at least two labels ending in an alphabetic top-level domain of two or more letters (or a punycode
 * {@code xn--} one). Not addresses, so never redacted: a host without a dot ({@code user@localhost}), a version
 * after the '@' ({@code lodash@4.17.21}: the last label is not alphabetic), the reserved documentation domains
 * of RFC 2606 and 6761 ({@code example.com}, {@code .test}, {@code .invalid}, {@code .localhost}, {@code
 * .example}), an image scale suffix ({@code icon@2x.png}), an SSH remote ({@code git@github.com:org/repo}), a
 * call ({@code A@np.linalg.inv(B)}, Python's matrix product), and a domain that does not end in a public suffix
 * of Mozilla's Public Suffix List (Guava's {@link InternetDomainName}, which also checks IDN labels), such as
 * the made-up {@code webgirl@example.dom} of manuals or {@code data@v2.cache}; and Message-IDs (see
 * {@link #messageId}).
 */
final class Emails {
  private Emails() {}

  private static final List<String> RESERVED_TLDS =
      List.of("test", "example", "invalid", "localhost");
  private static final List<String> RESERVED_DOMAINS =
      List.of("example.com", "example.net", "example.org");

  /** An image's pixel-density suffix: {@code @2x.png}, {@code @1.5x.jpg}. */
  private static final Pattern SCALE_SUFFIX = Pattern.compile("[0-9]+(?:\\.[0-9]+)?[xX]\\.");

  static void find(String s, List<Span> out) {
    int at = s.indexOf('@');
    while (at >= 0) {
      int end = match(s, at);
      if (end > 0) {
        out.add(new Span(localStart(s, at), end, PiiKind.EMAIL));
        at = s.indexOf('@', end);
      } else {
        at = s.indexOf('@', at + 1);
      }
    }
  }

  private static boolean localChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '.'
        || c == '_'
        || c == '%'
        || c == '+'
        || c == '-'
        || c == '\'';
  }

  /**
   * Where the local part before {@code at} starts. In text written without spaces an ASCII address sits right
   * after the words before it ({@code メールはtanaka@...}): the local part then starts after the last letter of such a
   * script that precedes its ASCII characters.
   */
  private static int localStart(String s, int at) {
    int i = at;
    boolean ascii = false;
    while (i > 0 && at - i < 64 && localChar(s.charAt(i - 1))) {
      char c = s.charAt(i - 1);
      if (ascii && Chars.unspaced(c)) break;
      ascii |= c < 128;
      i--;
    }
    while (i < at && (s.charAt(i) == '.' || s.charAt(i) == '\'')) i++;
    return i;
  }

  /** The end of the address whose '@' is at {@code at}, or -1 when it is none. */
  static int match(String s, int at) {
    int start = localStart(s, at);
    if (start == at || s.charAt(at - 1) == '.') return -1;
    if (messageId(s, start, at)) return -1;
    int i = at + 1;
    int n = s.length();
    while (i < n && i - at <= 253) {
      char c = s.charAt(i);
      // an ASCII domain ends where text without spaces resumes (...@example.co.jpまで)
      if (Chars.unspaced(c) && asciiAlnum(s.charAt(i - 1))) break;
      if (Character.isLetterOrDigit(c) || c == '-' || c == '.') i++;
      else break;
    }
    int end = i;
    while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) end--;
    if (end <= at + 1) return -1;
    String domain = s.substring(at + 1, end);
    // an IDN domain in such text runs into the words after it (田中@例子.中国です): the longest one
    // that ends in a public suffix, dropping at most a few letters of that script
    for (int cut = 0; !validDomain(domain); cut++) {
      if (cut == 8 || !Chars.unspaced(s.charAt(end - 1)) || end - 1 <= at + 1) return -1;
      end--;
      domain = s.substring(at + 1, end);
    }
    char next = Chars.at(s, end);
    if (next == '(' || Chars.word(next) && !Chars.unspaced(next)) return -1;
    if (next == ':' && s.startsWith("git@", start) && start + 3 == at) return -1;
    return end;
  }

  /**
   * A Usenet or mail Message-ID rather than a mailbox: a left part that starts with four digits (a serial number
   * or a timestamp: {@code <9695@jpl-devvax.JPL.NASA.GOV>}, {@code <1991Jul13.010945.19157@netlabs.com>}) or
   * ends in Gnus's {@code .fsf}.
   */
  private static boolean messageId(String s, int start, int at) {
    if (at - start >= 4) {
      boolean digits = true;
      for (int k = start; k < start + 4; k++) digits &= Chars.asciiDigit(s.charAt(k));
      if (digits) return true;
    }
    return s.startsWith(".fsf", at - 4);
  }

  private static boolean validDomain(String domain) {
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) return false;
    for (String l : labels) {
      if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-')
        return false;
    }
    if (SCALE_SUFFIX.matcher(domain).lookingAt()) return false;
    String tld = labels[labels.length - 1].toLowerCase(Locale.ROOT);
    if (!alphabeticTld(tld)) return false;
    if (RESERVED_TLDS.contains(tld)) return false;
    String lower = domain.toLowerCase(Locale.ROOT);
    for (String r : RESERVED_DOMAINS) {
      if (lower.equals(r) || lower.endsWith("." + r)) return false;
    }
    try {
      return InternetDomainName.from(domain).hasPublicSuffix();
    } catch (IllegalArgumentException notADomain) {
      return false;
    }
  }

  private static boolean asciiAlnum(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  private static boolean alphabeticTld(String tld) {
    if (tld.startsWith("xn--") && tld.length() > 4) return true;
    if (tld.length() < 2) return false;
    for (int i = 0; i < tld.length(); i++) if (!Character.isLetter(tld.charAt(i))) return false;
    return true;
  }
}
