package dev.sluice.quality.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces e-mail addresses, public IP addresses, phone numbers and credentials with their kind's token and
 * counts the replacements per kind. Each detector ({@link Emails}, {@link IpAddresses}, {@link PhoneNumbers},
 * {@link Secrets}) finds spans on its own; where two overlap, the one that starts first wins, and at the same
 * start the higher-priority kind (secret, e-mail, IP, phone: the order of {@link PiiKind}, reversed for secrets
 * first). Text without any match comes back as the same string. Thread-compatible: keep one per thread.
 */
public final class PiiRedactor {
  private static final Comparator<Span> ORDER =
      Comparator.comparingInt(Span::start).thenComparingInt(sp -> priority(sp.kind()));

  private final PiiConfig config;
  private final PhoneNumbers phones;
  private final List<Span> spans = new ArrayList<>();

  public PiiRedactor(PiiConfig config) {
    this.config = config;
    this.phones = new PhoneNumbers(config.phoneRegions());
  }

  /** The redacted text and the number of replacements of each kind (indexed by {@link PiiKind#ordinal()}). */
  public record Redacted(String text, int[] counts) {
    public int count(PiiKind kind) {
      return counts[kind.ordinal()];
    }

    public boolean changed() {
      for (int c : counts) if (c > 0) return true;
      return false;
    }
  }

  private static int priority(PiiKind k) {
    return switch (k) {
      case SECRET -> 0;
      case EMAIL -> 1;
      case IP -> 2;
      case PHONE -> 3;
    };
  }

  /** The spans {@link #redact} replaces, in order, none overlapping (for evaluation against labels). */
  public List<Span> find(String text) {
    spans.clear();
    if (config.on(PiiKind.SECRET)) Secrets.find(text, spans);
    if (config.on(PiiKind.EMAIL)) Emails.find(text, spans);
    if (config.on(PiiKind.IP) || config.on(PiiKind.PHONE)) numbers(text);
    if (spans.isEmpty()) return List.of();
    spans.sort(ORDER);
    List<Span> kept = new ArrayList<>(spans.size());
    int done = 0;
    for (Span sp : spans) {
      if (sp.start() < done) continue; // overlaps one already taken
      kept.add(sp);
      done = sp.end();
    }
    return kept;
  }

  /**
   * IP addresses and phone numbers in one pass over the text: both start at a digit (a phone number also at '+'
   * or '('); at the same start an IP address wins.
   */
  private void numbers(String s) {
    boolean ip = config.on(PiiKind.IP);
    boolean phone = config.on(PiiKind.PHONE);
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && (c > '9' || (c < '0' && c != '+' && c != '('))) continue; // ASCII fast path
      if (!PhoneNumbers.mayStart(c)) continue;
      if (ip && c >= '0' && c <= '9') {
        int size = spans.size();
        int last = IpAddresses.at(s, i, spans);
        if (spans.size() > size || !phone) {
          i = last;
          continue;
        }
      }
      if (phone) i = phones.at(s, i, spans);
    }
  }

  public Redacted redact(String text) {
    List<Span> found = find(text);
    int[] counts = new int[PiiKind.values().length];
    if (found.isEmpty()) return new Redacted(text, counts);
    StringBuilder out = new StringBuilder(text.length());
    int done = 0;
    for (Span sp : found) {
      out.append(text, done, sp.start()).append(config.tokens().get(sp.kind()));
      counts[sp.kind().ordinal()]++;
      done = sp.end();
    }
    out.append(text, done, text.length());
    return new Redacted(out.toString(), counts);
  }
}
