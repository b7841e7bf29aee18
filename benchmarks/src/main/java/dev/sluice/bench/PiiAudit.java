package dev.sluice.bench;

import dev.sluice.quality.pii.PiiConfig;
import dev.sluice.quality.pii.PiiKind;
import dev.sluice.quality.pii.PiiRedactor;
import dev.sluice.quality.pii.Span;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A held-out check on real text nobody tuned the rules on: every {@code DIR/<package>/copyright} file (Debian's
 * licence texts, full of maintainers' addresses, phone numbers, clause numbers, versions and years). Prints every
 * finding that is not an e-mail address (few enough to judge by reading), a count of the e-mail addresses, and
 * every address-shaped string a broad pattern sees that the redactor left, with how often, and a seeded sample
 * (one in 400) of the addresses it found, to read. Run:
 * bin/sluice-bench pii-audit [/usr/share/doc].
 */
public final class PiiAudit {
  private PiiAudit() {}

  private static final Pattern BROAD = Pattern.compile("[\\w.+%'-]+@[\\w-]+(?:\\.[\\w-]+)*");

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "/usr/share/doc");
    PiiRedactor redactor = new PiiRedactor(PiiConfig.defaults());
    int[] counts = new int[PiiKind.values().length];
    Map<String, Integer> left = new TreeMap<>();
    java.util.Random pick = new java.util.Random(1);
    java.util.List<String> sample = new java.util.ArrayList<>();
    int files = 0;
    long chars = 0;
    int broad = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        Path f = dir.resolve("copyright");
        if (!Files.isRegularFile(f)) continue;
        String t;
        try {
          t = Files.readString(f);
        } catch (MalformedInputException notUtf8) {
          continue;
        }
        files++;
        chars += t.length();
        java.util.Set<Integer> emailEnds = new java.util.HashSet<>();
        for (Span s : redactor.find(t)) {
          counts[s.kind().ordinal()]++;
          if (s.kind() == PiiKind.EMAIL) {
            emailEnds.add(s.end());
            if (pick.nextInt(400) == 0) sample.add(t.substring(s.start(), s.end()));
          } else
            System.out.printf(
                "%s %s: '%s' in «%s»%n",
                s.kind(),
                dir.getFileName(),
                t.substring(s.start(), s.end()),
                t.substring(Math.max(0, s.start() - 40), Math.min(t.length(), s.end() + 15))
                    .replaceAll("\\s+", " "));
        }
        Matcher m = BROAD.matcher(t);
        while (m.find()) {
          int e = m.end();
          while (e > m.start() && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) e--;
          if (t.indexOf('@', m.start()) >= e) continue;
          broad++;
          if (!emailEnds.contains(e)) left.merge(t.substring(m.start(), e), 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        "%d copyright files, %d characters: e-mail %d, ip %d, phone %d, secret %d; address-shaped strings %d,"
            + " left %d (%d distinct):%n",
        files,
        chars,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        broad,
        left.values().stream().mapToInt(Integer::intValue).sum(),
        left.size());
    left.forEach((k, v) -> System.out.println("  left " + v + " " + k));
    System.out.println("a seeded sample of the e-mail addresses found, to read: " + sample);
  }
}
