package dev.sluice.quality.pii;

import java.util.List;
import java.util.Set;

/**
 * IPv4 and IPv6 addresses that are globally routable (the DataTrove rule: only a public address can point at a
 * person's machine; private, loopback, link-local, documentation, multicast and reserved ranges, netmasks such as
 * 255.255.255.0 and {@code ::1}, are left as they are: they are everywhere in configuration and code and name no
 * one).
 *
 * <p>IPv4: four dotted decimal octets of 0-255 without leading zeros, not part of a longer dotted or
 * alphanumeric token ({@code 1.2.3.4.5}, {@code v1.2.3.4}, {@code 1.2.3.4-beta} are versions), and not right
 * after a word that says it is a version or a numbered part ({@code Version 1.2.3.4}, {@code build: 10.0.19041.1},
 * {@code Section 2.4.3.5}: {@link #VERSION_WORDS}).
 *
 * <p>IPv6: RFC 4291 text (eight groups of one to four hex digits, one {@code ::} for a run of zero groups, an
 * optional dotted IPv4 tail) in the global unicast range 2000::/3 minus 2001:db8::/32 (documentation) and
 * 2001::/23 (protocol assignments). So C++'s {@code ::}, {@code std::}, times such as {@code 12:30:45} and MAC
 * addresses never match.
 */
final class IpAddresses {
  private IpAddresses() {}

  /** Words that, right before a dotted quad, make it a version number. */
  static final Set<String> VERSION_WORDS =
      Set.of(
          "v",
          "ver",
          "version",
          "versions",
          "release",
          "rel",
          "build",
          "revision",
          "rev",
          "firmware",
          "patch",
          "update",
          "tag",
          "kernel",
          "section",
          "sections",
          "chapter",
          "figure",
          "table",
          "step",
          "item",
          "paragraph",
          "clause",
          "oid");

  /**
   * Words that make a dotted quad a version when they stand among the {@link #CONTEXT_WORDS_BACK} words before it
   * in its sentence ({@code upgraded the library to 1.2.3.4}, {@code requires python>=3.8 and node 18.17.1.0}):
   * software is upgraded and required, an address is not. Words that also go with addresses ({@code updated the A
   * record}, {@code login required}, {@code installed}, {@code package}) are not among them.
   */
  static final Set<String> VERSION_CONTEXT =
      Set.of(
          "upgrade",
          "upgraded",
          "upgrades",
          "upgrading",
          "downgrade",
          "downgraded",
          "bump",
          "bumped",
          "require",
          "requires",
          "requirement",
          "requirements");

  static final int CONTEXT_WORDS_BACK = 5;

  /** How far back the context words are looked for, in chars. */
  static final int CONTEXT_CHARS_BACK = 80;

  /**
   * Whether the quad at {@code i} reads as a version: right after a requirement operator ({@code >=}, {@code ==},
   * {@code ~=}, {@code ^}, {@code ~}: {@code python>=3.8.10.2}), or with a {@link #VERSION_CONTEXT} word among the
   * few words before it in its sentence. Not after a bare {@code <}, {@code >} or {@code @}: HTML cells, arrows and
   * {@code ssh root@81.2.3.4} hold addresses.
   */
  static boolean versionContext(String s, int i) {
    char before = Chars.at(s, i - 1);
    if (before == '^' || before == '~' && Chars.at(s, i - 2) != '~') return true;
    if (before == '=' && "=<>~!".indexOf(Chars.at(s, i - 2)) >= 0) return true;
    int limit = Math.max(0, i - CONTEXT_CHARS_BACK); // bounded: a line of quads costs linear time
    int p = i - 1;
    for (int words = 0; words < CONTEXT_WORDS_BACK && p >= limit; words++) {
      while (p >= limit && !Character.isLetter(s.charAt(p))) {
        if (s.charAt(p) == '\n' || s.charAt(p) == '.' && !Chars.asciiDigit(Chars.at(s, p - 1)))
          return false;
        p--;
      }
      int end = p + 1;
      while (p >= limit && Character.isLetter(s.charAt(p))) p--;
      if (end > p + 1
          && VERSION_CONTEXT.contains(s.substring(p + 1, end).toLowerCase(java.util.Locale.ROOT)))
        return true;
    }
    return false;
  }

  /**
   * Looks for an address starting at the ASCII digit at {@code i} (a public IPv6 address, in 2000::/3, starts
   * with a four-digit group beginning 2 or 3, so candidates never start at the hex letters of ordinary words); adds
   * it to {@code out}. Returns the index of the last character examined: the address's last, or the last digit of
   * the run at {@code i} when there is none.
   */
  static int at(String s, int i, List<Span> out) {
    char c = s.charAt(i);
    char prev = Chars.at(s, i - 1);
    int end = -1;
    if (!Chars.glued(prev) && prev != '.' && prev != '-' && prev != ':') {
      end = ipv4(s, i);
      if (end < 0 && (c == '2' || c == '3')) end = ipv6(s, i);
    }
    if (end > 0) {
      out.add(new Span(i, end, PiiKind.IP));
      return end - 1;
    }
    int j = i;
    while (j + 1 < s.length() && Chars.asciiDigit(s.charAt(j + 1))) j++;
    return j;
  }

  /** The end of a public IPv4 address starting at {@code i}, or -1. */
  static int ipv4(String s, int i) {
    int[] octets = new int[4];
    int p = i;
    for (int k = 0; k < 4; k++) {
      if (k > 0) {
        if (Chars.at(s, p) != '.') return -1;
        p++;
      }
      int q = p;
      int v = 0;
      while (q < s.length() && q - p < 4 && Chars.asciiDigit(s.charAt(q))) {
        v = v * 10 + (s.charAt(q) - '0');
        q++;
      }
      int len = q - p;
      if (len == 0 || len > 3 || v > 255 || (len > 1 && s.charAt(p) == '0')) return -1;
      octets[k] = v;
      p = q;
    }
    char next = Chars.at(s, p);
    if (Chars.glued(next)) return -1;
    if ((next == '.' || next == '-') && Chars.wordAt(s, p + 1)) return -1;
    if (VERSION_WORDS.contains(Chars.wordBefore(s, i)) || versionContext(s, i)) return -1;
    return publicV4(octets[0], octets[1], octets[2]) ? p : -1;
  }

  static boolean publicV4(int a, int b, int c) {
    if (a == 0 || a == 10 || a == 127 || a >= 224)
      return false; // this net, private, loopback, multicast+
    if (a == 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
    if (a == 169 && b == 254) return false; // link-local
    if (a == 172 && b >= 16 && b <= 31) return false;
    if (a == 192 && b == 168) return false;
    if (a == 192 && b == 0 && (c == 0 || c == 2)) return false; // IETF, TEST-NET-1
    if (a == 198 && (b == 18 || b == 19)) return false; // benchmarking
    if (a == 198 && b == 51 && c == 100) return false; // TEST-NET-2
    return !(a == 203 && b == 0 && c == 113); // TEST-NET-3
  }

  /** The end of a public IPv6 address starting at {@code i}, or -1. */
  static int ipv6(String s, int i) {
    int n = s.length();
    int p = i;
    int colons = 0;
    while (p < n && p - i <= 45) {
      char c = s.charAt(p);
      if (c == ':') colons++;
      else if (!Chars.hex(c) && c != '.') break;
      p++;
    }
    if (colons < 2) return -1;
    int end = p;
    while (end > i && s.charAt(end - 1) == '.') end--;
    if (end > i + 1 && s.charAt(end - 1) == ':' && s.charAt(end - 2) != ':') end--;
    if (Chars.glued(Chars.at(s, end))) return -1;
    int first = parseV6(s, i, end);
    if (first < 0x2000 || first > 0x3fff) return -1;
    return first == 0x2001 && documentationOrProtocol(s, i, end) ? -1 : end;
  }

  /**
   * The first 16-bit group of the IPv6 address s[from, to), or -1 when it is not valid RFC 4291 text (0 when
   * it starts with {@code ::}).
   */
  static int parseV6(String s, int from, int to) {
    String a = s.substring(from, to);
    int gap = a.indexOf("::");
    if (gap < 0) {
      int[] g = groups(a);
      return g[0] == 8 ? g[1] : -1;
    }
    if (a.indexOf("::", gap + 1) >= 0) return -1;
    int[] left = groups(a.substring(0, gap));
    int[] right = groups(a.substring(gap + 2));
    if (left[0] < 0 || right[0] < 0 || left[0] + right[0] > 7) return -1;
    return left[0] == 0 ? 0 : left[1];
  }

  /** {count of 16-bit groups, value of the first} of colon-separated groups; {-1, -1} when malformed. */
  private static int[] groups(String a) {
    if (a.isEmpty()) return new int[] {0, 0};
    String[] parts = a.split(":", -1);
    int count = 0;
    int first = -1;
    for (int k = 0; k < parts.length; k++) {
      String g = parts[k];
      if (g.indexOf('.') >= 0) {
        if (k != parts.length - 1 || !ipv4Any(g)) return new int[] {-1, -1};
        count += 2;
        continue;
      }
      if (g.isEmpty() || g.length() > 4) return new int[] {-1, -1};
      for (int q = 0; q < g.length(); q++) if (!Chars.hex(g.charAt(q))) return new int[] {-1, -1};
      if (first < 0) first = Integer.parseInt(g, 16);
      count++;
    }
    return new int[] {count, first < 0 ? 0 : first};
  }

  /** Dotted-quad syntax, whatever the range (an IPv6 tail such as ::ffff:10.0.0.1 may be private). */
  private static boolean ipv4Any(String g) {
    String[] o = g.split("\\.", -1);
    if (o.length != 4) return false;
    for (String x : o) {
      if (x.isEmpty() || x.length() > 3 || (x.length() > 1 && x.charAt(0) == '0')) return false;
      for (int q = 0; q < x.length(); q++) if (!Chars.asciiDigit(x.charAt(q))) return false;
      if (Integer.parseInt(x) > 255) return false;
    }
    return true;
  }

  private static boolean documentationOrProtocol(String s, int from, int to) {
    String[] parts = s.substring(from, to).split(":", -1);
    int second = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1], 16) : 0;
    return second == 0x0db8 || second <= 0x01ff;
  }
}
