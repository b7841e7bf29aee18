package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.quality.pii.PiiKind;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled set behind the PII figures (BENCHMARKS.md, "PII redaction (issue 18)"), built at run time from
 * the samples and from hand-written cases, so nothing generated is committed.
 *
 * <p>Real text: every fortune (13,710), the Apache manual pages of samples/html (tags stripped), Moby-Dick, the
 * SOTU addresses and the UDHR. Its labels come from broad candidate patterns and rules decided by reading every
 * hit (296 distinct ones), written here apart from the redactor's code: an e-mail candidate is a mailbox unless it
 * is a Usenet Message-ID (the fortunes' "... in &lt;id@host&gt;" convention, or a bracketed all-digit serial), a made-up manual address (.dom) or
 * a shell prompt (user@host:/path); a dotted quad is an IP address when the JDK says it is not private, loopback,
 * link-local, multicast or unspecified and it is not in a documentation range, unless a reader sees a section
 * or revision number; a North-American number (with or without area code) is a phone number. Old UUCP and
 * BITNET addresses without a domain (hinojosa@hp-sdd) are labelled e-mail addresses although the redactor, which
 * wants a public suffix, cannot find them.
 *
 * <p>Synthetic: {@link #SYNTHETIC}, marked {@code {{kind:value}}}: credentials of every documented shape (made
 * up: no real key appears in the samples), IPv6 addresses, international and non-ASCII phone numbers and
 * addresses, and the false-positive traps (versions, dates, ISBNs, hashes, package@version, C++ scopes, times).
 */
final class PiiLabelledSet {
  private PiiLabelledSet() {}

  /** One labelled document: its text and the gold spans. */
  record Doc(String id, boolean synthetic, String text, List<Gold> gold) {}

  record Gold(int start, int end, PiiKind kind) {}

  private static final Pattern EMAIL = Pattern.compile("[\\w.+%'-]+@[\\w-]+(?:\\.[\\w-]+)*");
  private static final Pattern QUAD =
      Pattern.compile("(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\w]|\\.\\d)");
  private static final Pattern PHONE =
      Pattern.compile("(?:\\b1-)?(?:\\(\\d{3}\\) |\\b\\d{3}-)?\\b\\d{3}-\\d{4}\\b");

  static List<Doc> build(Path samples) throws IOException {
    List<Doc> docs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String file :
        List.of(
            "text/en/fortunes-en.jsonl",
            "text/en/moby-dick.jsonl",
            "text/en/sotu-every5y.jsonl",
            "text/multi/udhr.jsonl",
            "html/apache-manual.jsonl")) {
      for (String line : Files.readAllLines(samples.resolve(file))) {
        Map<?, ?> m = json.readValue(line, Map.class);
        String text =
            m.containsKey("html") ? stripTags(m.get("html").toString()) : m.get("text").toString();
        docs.add(new Doc(m.get("id").toString(), false, text, labelReal(text)));
      }
    }
    for (int i = 0; i < SYNTHETIC.size(); i++)
      docs.add(synthetic("synthetic-" + i, SYNTHETIC.get(i)));
    return docs;
  }

  static String stripTags(String html) {
    return html.replaceAll("(?s)<!--.*?-->", " ")
        .replaceAll("<[^>]+>", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  static List<Gold> labelReal(String t) {
    List<Gold> gold = new ArrayList<>();
    Matcher m = EMAIL.matcher(t);
    while (m.find()) {
      int s = m.start();
      int e = m.end();
      while (e > s && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) e--;
      String v = t.substring(s, e);
      if (v.indexOf('@') == 0 || v.endsWith("@")) continue;
      boolean bracketed = s > 0 && t.charAt(s - 1) == '<';
      boolean messageId =
          bracketed
              && (t.substring(0, s - 1).strip().endsWith(" in")
                  || v.substring(0, v.indexOf('@')).chars().allMatch(Character::isDigit));
      boolean manual = v.toLowerCase(Locale.ROOT).endsWith(".dom");
      boolean prompt = t.startsWith(":/", e);
      if (!messageId && !manual && !prompt) gold.add(new Gold(s, e, PiiKind.EMAIL));
    }
    m = QUAD.matcher(t);
    while (m.find()) {
      String before = t.substring(Math.max(0, m.start() - 10), m.start()).toLowerCase(Locale.ROOT);
      if (before.contains("section") || before.contains("revision")) continue;
      if (publicAddress(m.group())) gold.add(new Gold(m.start(), m.end(), PiiKind.IP));
    }
    m = PHONE.matcher(t);
    while (m.find()) gold.add(new Gold(m.start(), m.end(), PiiKind.PHONE));
    return gold;
  }

  static boolean publicAddress(String quad) {
    try {
      for (String o : quad.split("\\.")) if (Integer.parseInt(o) > 255) return false;
      InetAddress a = InetAddress.getByName(quad); // a literal: no lookup
      if (a.isAnyLocalAddress()
          || a.isLoopbackAddress()
          || a.isLinkLocalAddress()
          || a.isSiteLocalAddress()
          || a.isMulticastAddress()) return false;
      return !(quad.startsWith("192.0.2.")
          || quad.startsWith("198.51.100.")
          || quad.startsWith("203.0.113.")
          || quad.startsWith("255."));
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static final Pattern MARK = Pattern.compile("(?s)\\{\\{(email|ip|phone|secret):(.*?)}}");

  static Doc synthetic(String id, String marked) {
    StringBuilder text = new StringBuilder();
    List<Gold> gold = new ArrayList<>();
    Matcher m = MARK.matcher(marked);
    int done = 0;
    while (m.find()) {
      text.append(marked, done, m.start());
      int s = text.length();
      text.append(m.group(2));
      gold.add(new Gold(s, text.length(), PiiKind.valueOf(m.group(1).toUpperCase(Locale.ROOT))));
      done = m.end();
    }
    text.append(marked.substring(done));
    return new Doc(id, true, text.toString(), gold);
  }

  static final List<String> SYNTHETIC = PiiSyntheticCases.CASES;
}
