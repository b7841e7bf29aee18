package dev.sluice.bench;

import dev.sluice.quality.pii.PiiConfig;
import dev.sluice.quality.pii.PiiKind;
import dev.sluice.quality.pii.PiiRedactor;
import dev.sluice.quality.pii.Span;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PII redaction: precision and recall per kind on {@link PiiLabelledSet} (real and synthetic parts apart; a
 * match is the same kind over exactly the same characters), the misses and false alarms listed, then speed: MB per
 * CPU-second of one thread (MB/s per core) over the real text, several timed passes after a warm-up. Run: bin/sluice-bench pii.
 */
public final class PiiEval {
  private PiiEval() {}

  /** Time is this thread's CPU time: MB per CPU-second is MB/s per core, whatever else the machine runs. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args.length > 0 ? args[0] : "samples");
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    List<PiiLabelledSet.Doc> docs = PiiLabelledSet.build(samples);
    PiiRedactor redactor = new PiiRedactor(PiiConfig.defaults());
    for (boolean synthetic : new boolean[] {false, true}) {
      int[] tp = new int[4];
      int[] fp = new int[4];
      int[] fn = new int[4];
      List<String> notes = new ArrayList<>();
      int n = 0;
      for (PiiLabelledSet.Doc d : docs) {
        if (d.synthetic() != synthetic) continue;
        n++;
        Set<String> gold = new HashSet<>();
        for (PiiLabelledSet.Gold g : d.gold()) gold.add(g.kind() + ":" + g.start() + ":" + g.end());
        Set<String> found = new HashSet<>();
        for (Span s : redactor.find(d.text())) {
          String k = s.kind() + ":" + s.start() + ":" + s.end();
          found.add(k);
          if (gold.contains(k)) tp[s.kind().ordinal()]++;
          else {
            fp[s.kind().ordinal()]++;
            notes.add(
                "false alarm "
                    + s.kind()
                    + " "
                    + d.id()
                    + ": "
                    + show(d.text(), s.start(), s.end()));
          }
        }
        for (PiiLabelledSet.Gold g : d.gold()) {
          if (!found.contains(g.kind() + ":" + g.start() + ":" + g.end())) {
            fn[g.kind().ordinal()]++;
            notes.add(
                "missed " + g.kind() + " " + d.id() + ": " + show(d.text(), g.start(), g.end()));
          }
        }
      }
      System.out.printf(
          Locale.ROOT, "%n%s part: %d documents%n", synthetic ? "synthetic" : "real", n);
      System.out.printf(
          Locale.ROOT,
          "%-8s %6s %6s %6s %10s %8s%n",
          "kind",
          "gold",
          "found",
          "tp",
          "precision",
          "recall");
      for (PiiKind k : PiiKind.values()) {
        int i = k.ordinal();
        System.out.printf(
            Locale.ROOT,
            "%-8s %6d %6d %6d %10s %8s%n",
            k.key(),
            tp[i] + fn[i],
            tp[i] + fp[i],
            tp[i],
            ratio(tp[i], tp[i] + fp[i]),
            ratio(tp[i], tp[i] + fn[i]));
      }
      int tpa = Arrays.stream(tp).sum();
      int fpa = Arrays.stream(fp).sum();
      int fna = Arrays.stream(fn).sum();
      System.out.printf(
          Locale.ROOT,
          "%-8s %6d %6d %6d %10s %8s%n",
          "all",
          tpa + fna,
          tpa + fpa,
          tpa,
          ratio(tpa, tpa + fpa),
          ratio(tpa, tpa + fna));
      notes.forEach(x -> System.out.println("  " + x));
    }
    speed(docs, redactor, passes);
  }

  /**
   * MB/s of redaction and, interleaved with it, of the cheapest possible pass over the same text (counting
   * spaces with charAt): on a shared machine the absolute figure moves with the load, the ratio much less.
   */
  private static void speed(List<PiiLabelledSet.Doc> docs, PiiRedactor redactor, int passes) {
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    for (PiiLabelledSet.Doc d : docs) {
      if (d.synthetic()) continue;
      texts.add(d.text());
      bytes += d.text().getBytes(StandardCharsets.UTF_8).length;
    }
    long sink = 0;
    for (int w = 0; w < 5; w++) {
      for (String t : texts) sink += redactor.redact(t).text().length() + spaces(t);
    }
    double[] mbs = new double[passes];
    double[] base = new double[passes];
    double[] ratio = new double[passes];
    for (int p = 0; p < passes; p++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int rep = 0; rep < 5; rep++)
        for (String t : texts) sink += redactor.redact(t).text().length();
      mbs[p] = 5 * bytes / 1e6 / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
      t0 = CPU.getCurrentThreadCpuTime();
      for (int rep = 0; rep < 5; rep++) for (String t : texts) sink += spaces(t);
      base[p] = 5 * bytes / 1e6 / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
      ratio[p] = base[p] / mbs[p];
    }
    Arrays.sort(mbs);
    Arrays.sort(base);
    Arrays.sort(ratio);
    int m = passes / 2;
    System.out.printf(
        Locale.ROOT,
        "%nspeed: %d documents, %.2f MB of UTF-8, one thread's CPU time, %d passes of 5 rounds:%n"
            + "  redaction       median %.0f MB/s (min %.0f, max %.0f) = %.2f µs per KB%n"
            + "  charAt baseline median %.0f MB/s (min %.0f, max %.0f)%n"
            + "  redaction costs %.1fx the baseline pass (min %.1f, max %.1f) [%d]%n",
        texts.size(),
        bytes / 1e6,
        passes,
        mbs[m],
        mbs[0],
        mbs[passes - 1],
        1e3 / mbs[m],
        base[m],
        base[0],
        base[passes - 1],
        ratio[m],
        ratio[0],
        ratio[passes - 1],
        sink % 10);
  }

  private static long spaces(String t) {
    long c = 0;
    for (int i = 0; i < t.length(); i++) if (t.charAt(i) == ' ') c++;
    return c;
  }

  private static String ratio(int a, int b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", a / (double) b);
  }

  private static String show(String t, int s, int e) {
    String v = t.substring(s, e);
    String ctx = t.substring(Math.max(0, s - 30), Math.min(t.length(), e + 20));
    return "'" + v + "' in «" + ctx.replaceAll("\\s+", " ") + "»";
  }
}
