package dev.sluice.quality.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The measurements behind BENCHMARKS.md "HTML main-text extraction (issue 18)". Run: bin/sluice-bench html
 * [BENCHMARK_DIR].
 *
 * <ul>
 *   <li>{@code labelled LABELS.jsonl APACHE_SAMPLES.jsonl PYTHON_DOC_ROOT}: bag-of-tokens precision/recall/F1 against the hand-labelled set ({@link
 *       TokenOverlap}), per source and overall (mean over pages, as trafilatura's evaluation does);
 *   <li>{@code benchmark DIR OUT.json}: runs over ScrapingHub's article-extraction-benchmark (DIR holds its
 *       html/*.html.gz and ground-truth.json) and writes OUT in the benchmark's prediction format, to be scored by
 *       the benchmark's own evaluate.py beside the published outputs;
 *   <li>{@code speed DIR ROUNDS [WARMUPS]}: single-thread pages/s over DIR's pages (the benchmark's html/*.html.gz,
 *       or every *.html under DIR), ROUNDS timed passes after WARMUPS untimed ones (default 1), then the median
 *       round. Process CPU time counts the JIT's compiler threads: after one warm-up they still compile through
 *       the first timed rounds, so a steady-state figure needs about 20 warm-ups.
 * </ul>
 */
public final class ExtractionEval {
  private ExtractionEval() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "labelled" -> labelled(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      case "benchmark" -> benchmark(Path.of(args[1]), Path.of(args[2]));
      case "speed" ->
          speed(
              Path.of(args[1]),
              Integer.parseInt(args[2]),
              args.length > 3 ? Integer.parseInt(args[3]) : 1);
      default -> throw new IllegalArgumentException("labelled | benchmark | speed, got " + args[0]);
    }
  }

  /** args: labels.jsonl, samples/html/apache-manual.jsonl, the python3.11-doc html root. */
  private static void labelled(Path labels, Path apacheSamples, Path pythonRoot)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> apache = new LinkedHashMap<>();
    for (String line : Files.readAllLines(apacheSamples)) {
      Map<?, ?> row = json.readValue(line, Map.class);
      apache.put((String) row.get("id"), (String) row.get("html"));
    }
    MainText extractor = new MainText();
    Map<String, List<double[]>> bySource = new LinkedHashMap<>();
    for (String line : Files.readAllLines(labels)) {
      Map<?, ?> page = json.readValue(line, Map.class);
      String id = (String) page.get("id");
      String rule = (String) page.get("rule");
      String got;
      try {
        // the Apache sample holds decoded text: its bytes are UTF-8 whatever the page's meta says
        got =
            rule.equals("apache")
                ? extractor
                    .extract(
                        apache.get(id).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8")
                    .text()
                : extractor
                    .extract(
                        Files.readAllBytes(pythonRoot.resolve(id.substring(id.indexOf('/') + 1))),
                        null)
                    .text();
      } catch (HtmlRejected r) {
        got = "";
      }
      double[] prf = TokenOverlap.score((String) page.get("label"), got);
      System.out.printf(Locale.ROOT, "  %-44s P %.3f R %.3f F1 %.3f%n", id, prf[0], prf[1], prf[2]);
      bySource.computeIfAbsent(rule, k -> new ArrayList<>()).add(prf);
      bySource.computeIfAbsent("all", k -> new ArrayList<>()).add(prf);
    }
    System.out.printf(
        Locale.ROOT, "%-24s %6s %9s %9s %9s%n", "source", "pages", "precision", "recall", "F1");
    for (Map.Entry<String, List<double[]>> e : bySource.entrySet()) {
      double p = 0, r = 0, f = 0;
      for (double[] x : e.getValue()) {
        p += x[0];
        r += x[1];
        f += x[2];
      }
      int n = e.getValue().size();
      System.out.printf(
          Locale.ROOT, "%-24s %6d %9.3f %9.3f %9.3f%n", e.getKey(), n, p / n, r / n, f / n);
    }
  }

  private static void benchmark(Path dir, Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<?, ?> truth = json.readValue(dir.resolve("ground-truth.json").toFile(), Map.class);
    MainText extractor = new MainText();
    ObjectNode output = json.createObjectNode();
    int rejected = 0;
    for (Object key : truth.keySet()) {
      byte[] html = gunzip(dir.resolve("html").resolve(key + ".html.gz"));
      String body;
      try {
        body = extractor.extract(html, null).text();
      } catch (HtmlRejected r) {
        rejected++;
        body = "";
      }
      output.putObject((String) key).put("articleBody", body);
    }
    ObjectNode wrapped = json.createObjectNode();
    wrapped.put("version", "sluice");
    wrapped.set("output", output);
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), wrapped);
    System.out.println(
        "wrote " + truth.size() + " predictions (" + rejected + " rejected) to " + out);
  }

  private static void speed(Path dir, int rounds, int warmups) throws IOException {
    List<byte[]> pages = new ArrayList<>();
    long bytes = 0;
    boolean benchmark = Files.isDirectory(dir.resolve("html"));
    try (var files = Files.walk(benchmark ? dir.resolve("html") : dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".html") && !name.endsWith(".html.gz")) continue;
        byte[] b = name.endsWith(".gz") ? gunzip(p) : Files.readAllBytes(p);
        pages.add(b);
        bytes += b.length;
      }
    }
    MainText extractor = new MainText();
    long sink = 0;
    List<Double> perSecond = new ArrayList<>();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> perCpuSecond = new ArrayList<>();
    for (int round = 1 - warmups; round <= rounds; round++) {
      long cpu = os.getProcessCpuTime();
      long t = System.nanoTime();
      for (byte[] page : pages) {
        try {
          sink += extractor.extract(page, null).text().length();
        } catch (HtmlRejected r) {
          sink++;
        }
      }
      double s = (System.nanoTime() - t) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      if (round > 0) {
        perSecond.add(pages.size() / s);
        perCpuSecond.add(pages.size() / cpuSeconds);
      }
      System.out.printf(
          Locale.ROOT,
          "%s: %d pages (%.1f MB) in %.2f s = %.0f pages/s, %.1f MB/s; %.2f process CPU s%n",
          round <= 0 ? "warm-up " + (round + warmups) : "round " + round,
          pages.size(),
          bytes / 1e6,
          s,
          pages.size() / s,
          bytes / 1e6 / s,
          cpuSeconds);
    }
    java.util.Collections.sort(perSecond);
    java.util.Collections.sort(perCpuSecond);
    System.out.printf(
        Locale.ROOT,
        "median of %d rounds: %.0f pages/s wall (min %.0f, max %.0f); %.0f pages per process-CPU second"
            + " (min %.0f, max %.0f); mean page %.0f KB (checksum %d)%n",
        rounds,
        perSecond.get(rounds / 2),
        perSecond.get(0),
        perSecond.get(rounds - 1),
        perCpuSecond.get(rounds / 2),
        perCpuSecond.get(0),
        perCpuSecond.get(rounds - 1),
        bytes / 1e3 / pages.size(),
        sink);
  }

  private static byte[] gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }
}
