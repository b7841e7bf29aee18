package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.run.ClassifierTraining;
import dev.sluice.quality.model.HtmlText;
import dev.sluice.quality.model.QualityClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Model-based quality (BENCHMARKS.md): trains the classifier of a classifier .yaml {@code --train-repeats} times
 * (median wall time, held-out AUC and its interval), then scores ~3 KB documents on one thread in timed rounds
 * (median and range of docs/s): the texts of samples/text/en (prose) and the visible text of the Apache manual
 * pages (raw web text), joined and cut at the first whitespace after 3,000 characters. Run from the repository
 * root.
 *
 * <pre>
 * QualityModelBench [--spec samples/quality/classifier.yaml] [--rounds 7] [--round-seconds 2] [--train-repeats 3]
 * </pre>
 */
public final class QualityModelBench {
  private QualityModelBench() {}

  public static void main(String[] args) throws Exception {
    Path spec = Path.of("samples/quality/classifier.yaml");
    int rounds = 7;
    double roundSeconds = 2;
    int repeats = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--spec" -> spec = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--round-seconds" -> roundSeconds = Double.parseDouble(args[++i]);
        case "--train-repeats" -> repeats = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    double[] seconds = new double[repeats];
    ClassifierTraining.Trained t = null;
    for (int r = 0; r < repeats; r++) {
      t = ClassifierTraining.train(spec, "spec");
      seconds[r] = t.seconds();
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s -> %s: training (read, featurise, fit, evaluate) median %.2f s of %d %s%n  metrics %s%n",
        spec,
        t.version(),
        sorted[repeats / 2],
        repeats,
        Arrays.toString(seconds),
        t.description().get("metrics"));
    QualityClassifier c = t.result().classifier();
    mainTextVersusPage(c, t.spec());
    List<String> docs = documents(3000);
    double chars = docs.stream().mapToInt(String::length).average().orElse(0);
    System.out.printf(
        Locale.ROOT, "scoring %d documents of %.0f chars on average%n", docs.size(), chars);
    double once = 0; // one pass in order: the same sum, bit for bit, whatever the implementation
    for (String d : docs) once += c.score(d);
    System.out.printf(Locale.ROOT, "  sum of the %d documents' scores %s%n", docs.size(), once);
    double sink = 0;
    for (int k = 0; k < 3; k++) for (String d : docs) sink += c.score(d); // warm-up
    double[] rates = new double[rounds];
    double[] cpuRates = new double[rounds];
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      long n = 0;
      long cpu0 = mx.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long end = start + (long) (roundSeconds * 1e9);
      long now;
      do {
        for (String d : docs) {
          sink += c.score(d);
          n++;
        }
        now = System.nanoTime();
      } while (now < end);
      rates[r] = n / ((now - start) / 1e9);
      cpuRates[r] = n / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }
    double[] s = rates.clone();
    Arrays.sort(s);
    double[] cs = cpuRates.clone();
    Arrays.sort(cs);
    System.out.printf(
        Locale.ROOT,
        "  score  median %,8.0f docs/s of wall time, range %,.0f..%,.0f; median %,8.0f docs per CPU second of"
            + " the scoring thread, range %,.0f..%,.0f (= %.0f M chars/s)  (%d rounds of %.0f s; checksum %.6g)%n",
        s[rounds / 2],
        s[0],
        s[rounds - 1],
        cs[rounds / 2],
        cs[0],
        cs[rounds - 1],
        cs[rounds / 2] * chars / 1e6,
        rounds,
        roundSeconds,
        sink);
  }

  /**
   * The held-out Apache manual pages: each page's full visible text against its main text alone (the preamble and
   * sections the page's own markup marks, without the language bars, the quick-view box and the "top" links).
   * Topic is the same on both sides; only the boilerplate differs.
   */
  static void mainTextVersusPage(QualityClassifier c, dev.sluice.quality.model.ClassifierSpec spec)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Double> full = new ArrayList<>();
    List<Double> main = new ArrayList<>();
    int higher = 0;
    for (String line : Files.readAllLines(Path.of("samples/html/apache-manual.jsonl"))) {
      String html = json.readTree(line).get("html").asText();
      String page = HtmlText.visible(html);
      if (!dev.sluice.quality.model.ClassifierTrainer.heldOut(html, spec.seed(), spec.holdout())) {
        continue;
      }
      String m = HtmlText.selected(html, MAIN, DROP);
      if (m.isBlank()) continue;
      double f = c.score(page);
      double a = c.score(m);
      full.add(f);
      main.add(a);
      if (a > f) higher++;
    }
    full.sort(null);
    main.sort(null);
    System.out.printf(
        Locale.ROOT,
        "held-out Apache pages: %d; median score of the full page %.3f, of its main text %.3f; main text higher"
            + " on %d of %d%n",
        full.size(),
        full.isEmpty() ? Double.NaN : full.get(full.size() / 2),
        main.isEmpty() ? Double.NaN : main.get(main.size() / 2),
        higher,
        full.size());
  }

  /** The Apache manual's main text, as samples/quality/classifier.yaml labels it. */
  static final String MAIN = "#preamble, #page-content > div.section";

  static final String DROP = ".toplang, .bottomlang, #quickview, .top";

  /** Prose and raw page text, joined per kind and cut into ~size-char documents. */
  static List<String> documents(int size) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    StringBuilder prose = new StringBuilder();
    for (String f :
        List.of("samples/text/en/moby-dick.jsonl", "samples/text/en/sotu-every5y.jsonl")) {
      for (String line : Files.readAllLines(Path.of(f))) {
        if (!line.isBlank()) prose.append(json.readTree(line).get("text").asText()).append("\n\n");
      }
    }
    cut(prose, size, out);
    StringBuilder pages = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("samples/html/apache-manual.jsonl"))) {
      pages.append(HtmlText.visible(json.readTree(line).get("html").asText())).append("\n\n");
    }
    cut(pages, size, out);
    return out;
  }

  private static void cut(StringBuilder all, int size, List<String> out) {
    int start = 0;
    while (start + size < all.length()) {
      int end = start + size;
      while (end < all.length() && !Character.isWhitespace(all.charAt(end))) end++;
      out.add(all.substring(start, end));
      start = end;
    }
  }
}
