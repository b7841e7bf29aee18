package dev.sluice.quality.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials by the shapes their issuers document: each shape starts with a fixed prefix, found with
 * {@code indexOf} (cheap on text that has none), and only then is the rest matched. No generic "high entropy"
 * rule: hex hashes (git SHAs, SHA-256 digests), UUIDs and base64 data look random too and are far commoner than
 * keys in real text, so a random-looking string without a known prefix is left.
 *
 * <p>Shapes: AWS access key ids ({@code AKIA}/{@code ASIA} + 16), an AWS secret access key as the value of an
 * {@code aws_secret_access_key} / {@code SecretAccessKey} setting, GitHub tokens ({@code ghp_ gho_ ghu_ ghs_
 * ghr_} + 36, {@code github_pat_} + 82), Slack tokens ({@code xoxb- xoxp- xoxa- xoxr- xoxs- xoxe-}) and incoming
 * webhook URLs, Google API keys ({@code AIza} + 35), Stripe secret and restricted keys ({@code sk_live_ sk_test_
 * rk_live_ rk_test_}; publishable {@code pk_} keys are public by design), OpenAI ({@code sk-proj-}, and legacy
 * {@code sk-} keys with their {@code T3BlbkFJ} marker) and Anthropic ({@code sk-ant-}) keys, npm ({@code npm_} +
 * 36) and Hugging Face ({@code hf_} + 34) tokens, JSON Web Tokens (three base64url parts, header and payload
 * starting {@code eyJ}), and PEM/OpenSSH/PGP private key blocks, BEGIN to END (or to the end of the key's
 * base64 lines when the END line is missing).
 */
final class Secrets {
  private Secrets() {}

  private record Shape(String prefix, Pattern body) {}

  private static Shape shape(String prefix, String body) {
    return new Shape(prefix, Pattern.compile(body));
  }

  private static final List<Shape> SHAPES =
      List.of(
          shape("AKIA", "AKIA[A-Z0-9]{16}"),
          shape("ASIA", "ASIA[A-Z0-9]{16}"),
          shape("gh", "gh[pousr]_[A-Za-z0-9]{36}"),
          shape("github_pat_", "github_pat_[A-Za-z0-9_]{82}"),
          shape("xox", "xox[bparse]-[A-Za-z0-9-]{10,}"),
          shape(
              "https://hooks.slack.com/",
              "https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
          shape("AIza", "AIza[0-9A-Za-z_-]{35}"),
          shape("k_", "[sr]k_(?:live|test)_[0-9A-Za-z]{16,}"),
          shape(
              "sk-",
              "sk-(?:proj-|ant-)[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"),
          shape("npm_", "npm_[A-Za-z0-9]{36}"),
          shape("hf_", "hf_[A-Za-z]{34}"),
          shape("eyJ", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));

  /** Where the shape's match begins relative to where its prefix was found (Stripe's prefix skips s/r). */
  private static int lead(Shape s) {
    return s.prefix().startsWith("k_") ? 1 : 0;
  }

  private static final Pattern AWS_SECRET_SETTING =
      Pattern.compile("(?i)(?:aws_secret_access_key|secretaccesskey)[\"']?\\s*[:=]\\s*[\"']?");
  private static final Pattern AWS_SECRET = Pattern.compile("[A-Za-z0-9/+]{40}");
  private static final Pattern PEM_BEGIN =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern PEM_END =
      Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");

  static void find(String s, List<Span> out) {
    for (Shape shape : SHAPES) {
      int from = 0;
      int at;
      while ((at = s.indexOf(shape.prefix(), from)) >= 0) {
        int start = at - lead(shape);
        from = at + shape.prefix().length();
        if (start < 0 || (start > 0 && token(s.charAt(start - 1)))) continue;
        Matcher m = shape.body().matcher(s).region(start, s.length());
        if (m.lookingAt() && !token(Chars.at(s, m.end()))) {
          out.add(new Span(start, m.end(), PiiKind.SECRET));
          from = m.end();
        }
      }
    }
    awsSecrets(s, out);
    privateKeys(s, out);
  }

  private static boolean token(char c) {
    return Chars.word(c) || c == '-';
  }

  private static void awsSecrets(String s, List<Span> out) {
    if (s.indexOf("ecret_access_key") < 0
        && s.indexOf("ECRET_ACCESS_KEY") < 0
        && s.indexOf("ecretAccessKey") < 0) return;
    Matcher setting = AWS_SECRET_SETTING.matcher(s);
    while (setting.find()) {
      Matcher value = AWS_SECRET.matcher(s).region(setting.end(), s.length());
      if (value.lookingAt()
          && !Chars.word(Chars.at(s, value.end()))
          && Chars.at(s, value.end()) != '/'
          && Chars.at(s, value.end()) != '+') {
        out.add(new Span(value.start(), value.end(), PiiKind.SECRET));
      }
    }
  }

  private static void privateKeys(String s, List<Span> out) {
    int from = 0;
    int at;
    while ((at = s.indexOf("-----BEGIN ", from)) >= 0) {
      Matcher begin = PEM_BEGIN.matcher(s).region(at, s.length());
      if (!begin.lookingAt()) {
        from = at + 11;
        continue;
      }
      Matcher end = PEM_END.matcher(s).region(begin.end(), s.length());
      int stop = end.find() ? end.end() : base64LinesEnd(s, begin.end());
      out.add(new Span(at, stop, PiiKind.SECRET));
      from = stop;
    }
  }

  private static final Pattern KEY_LINE =
      Pattern.compile("[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: [^\\n]*|");

  /**
   * The end of the key lines after a BEGIN line whose END line is missing: lines of base64, PEM headers
   * ({@code Proc-Type: ...}) and blank lines, up to the first other line.
   */
  private static int base64LinesEnd(String s, int from) {
    int lastContent = from;
    int p = from;
    while (p < s.length()) {
      int nl = s.indexOf('\n', p);
      int lineEnd = nl < 0 ? s.length() : nl;
      String line = s.substring(p, lineEnd).strip();
      if (!KEY_LINE.matcher(line).matches()) break;
      if (!line.isEmpty()) lastContent = lineEnd;
      if (nl < 0) break;
      p = nl + 1;
    }
    return lastContent;
  }
}
