package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.run.ClassifierTraining;
import dev.sluice.quality.html.HtmlRejected;
import dev.sluice.quality.html.MainText;
import dev.sluice.quality.model.Auc;
import dev.sluice.quality.model.ClassifierSpec;
import dev.sluice.quality.model.ClassifierTrainer;
import dev.sluice.quality.model.LabelledFiles;
import dev.sluice.quality.model.Passages;
import dev.sluice.quality.model.QualityClassifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model-based quality (BENCHMARKS.md): trains the classifier of a classifier .yaml {@code --train-repeats} times
 * (median wall time, held-out AUC and its interval), then scores ~3 KB documents on one thread in timed rounds
 * (median and range of docs/s): the texts of samples/text/en (prose) and the Apache manual pages (web text: each
 * page's main text as the warc input extracts it, and its HTML source, which has the long runs of markup a page
 * without extraction gives), joined and cut at the first whitespace after 3,000 characters. Run from the
 * repository root.
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
    perFile(c, t.spec());
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
   * The held-out documents of each training file, scored whole: how many, their median score, and the AUC of that
   * file's documents against every held-out document of the other class (is one site carrying the AUC?).
   */
  static void perFile(QualityClassifier c, ClassifierSpec spec) throws Exception {
    Map<String, List<Double>> byFile = new LinkedHashMap<>();
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (boolean positive : new boolean[] {true, false}) {
      for (ClassifierSpec.Source s : positive ? spec.positives() : spec.negatives()) {
        for (String f : InputFiles.expand(List.of(s.path()))) {
          List<Double> scores = new ArrayList<>();
          for (LabelledFiles.Document d :
              LabelledFiles.read(s, List.of(Path.of(f)), positive).documents()) {
            if (Passages.split(d.text(), spec.maxChars(), spec.minChars()).isEmpty()) continue;
            if (ClassifierTrainer.split(d.raw(), spec.seed(), spec.holdout(), spec.calibration())
                != ClassifierTrainer.Split.HELD_OUT) {
              continue;
            }
            scores.add(c.score(d.text()));
          }
          byFile.put((positive ? "+ " : "- ") + f, scores);
          (positive ? pos : neg).addAll(scores);
        }
      }
    }
    for (Map.Entry<String, List<Double>> e : byFile.entrySet()) {
      boolean positive = e.getKey().startsWith("+");
      List<Double> mine = e.getValue();
      List<Double> other = positive ? neg : pos;
      double[] s = new double[mine.size() + other.size()];
      boolean[] y = new boolean[s.length];
      for (int i = 0; i < mine.size(); i++) {
        s[i] = mine.get(i);
        y[i] = positive;
      }
      for (int i = 0; i < other.size(); i++) {
        s[mine.size() + i] = other.get(i);
        y[mine.size() + i] = !positive;
      }
      List<Double> sorted = new ArrayList<>(mine);
      sorted.sort(null);
      System.out.printf(
          Locale.ROOT,
          "  held out %-45s %3d documents, median score %.3f, AUC against the other class %.3f%n",
          e.getKey(),
          mine.size(),
          sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
          Auc.of(s, y));
    }
  }

  /** Prose and page text, joined per kind and cut into ~size-char documents. */
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
    MainText extractor = new MainText();
    for (String line : Files.readAllLines(Path.of("samples/html/apache-manual.jsonl"))) {
      String html = json.readTree(line).get("html").asText();
      pages.append(html).append("\n\n");
      try {
        pages
            .append(extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html").text())
            .append("\n\n");
      } catch (HtmlRejected e) {
        // the sample's damaged Korean pages: their source is in already
      }
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
