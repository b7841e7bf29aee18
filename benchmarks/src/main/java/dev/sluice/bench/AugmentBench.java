package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.augment.text.AugmentPolicy;
import dev.sluice.augment.text.Augmented;
import java.io.BufferedReader;
import java.io.IOException;
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
 * Single-thread throughput of text augmentation ({@link AugmentPolicy}), no Beam: ~3 KB English documents cut from
 * samples/text/en (Moby-Dick and State of the Union addresses, at sentence ends like {@link BenchCorpus}), the EDA
 * policy {synonym 0.1, insert 0.1, swap 0.1, delete 0.1, typo 0.02} with copy 1, 2, ... per pass, several timed
 * rounds after a warm-up; prints docs/s and MB/s (median and range), then each op alone.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseParallelGC -cp ... dev.sluice.bench.AugmentBench \
 *     [--moby PATH] [--sotu PATH] [--rounds 5] [--round-seconds 2.5] [--warmup-seconds 5] [--op-seconds 1]
 * </pre>
 *
 * <p>A pre-touched heap of fixed size measures the steady state of a long run: with a growing heap, first touches
 * of new heap pages (page faults) cost a short run 10-20%.
 */
public final class AugmentBench {
  private AugmentBench() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static final Map<String, Double> EDA =
      ordered("synonym", 0.1, "insert", 0.1, "swap", 0.1, "delete", 0.1, "typo", 0.02);

  /** The rate each op of {@link AugmentPolicy#OPS} has when measured alone: the EDA policy's, typical ones else. */
  static final double[] ALONE = {0.1, 0.1, 0.1, 0.1, 0.02, 0.02, 0.5, 0.15, 0.15};

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    opt.put("moby", "samples/text/en/moby-dick.jsonl");
    opt.put("sotu", "samples/text/en/sotu-every5y.jsonl");
    opt.put("rounds", "5");
    opt.put("round-seconds", "2.5");
    opt.put("warmup-seconds", "5");
    opt.put("op-seconds", "1");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!opt.containsKey(key)) throw new IllegalArgumentException("unknown option " + args[i]);
      opt.put(key, args[i + 1]);
    }
    List<String> docs = new ArrayList<>();
    for (String file : List.of(opt.get("moby"), opt.get("sotu")))
      docs.addAll(chunks(Path.of(file)));
    long bytes = 0;
    for (String d : docs) bytes += d.getBytes(StandardCharsets.UTF_8).length;
    System.out.printf(
        Locale.ROOT,
        "corpus: %d documents, %.0f bytes average (UTF-8), JVM %s, %d processors available%n",
        docs.size(),
        bytes / (double) docs.size(),
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors());

    AugmentPolicy eda = AugmentPolicy.of(EDA);
    long t0 = System.nanoTime();
    eda.augment(docs.get(0), "en", 1, "load", 1);
    System.out.printf(
        Locale.ROOT,
        "first call (loads thesaurus + stop words): %.0f ms%n",
        (System.nanoTime() - t0) / 1e6);

    int rounds = Integer.parseInt(opt.get("rounds"));
    double roundSeconds = Double.parseDouble(opt.get("round-seconds"));
    Sink sink = new Sink();
    run(eda, docs, Double.parseDouble(opt.get("warmup-seconds")), 1, sink);
    double[] rates = new double[rounds];
    int copy = 1;
    for (int r = 0; r < rounds; r++) {
      Result res = run(eda, docs, roundSeconds, copy, sink);
      copy = res.nextCopy;
      rates[r] = res.docsPerSecond;
      System.out.printf(Locale.ROOT, "  round %d: %,.0f docs/s%n", r + 1, rates[r]);
    }
    double avgBytes = bytes / (double) docs.size();
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    double median = sorted[rounds / 2];
    System.out.printf(
        Locale.ROOT,
        "EDA policy %s, 1 thread: median %,.0f docs/s (range %,.0f–%,.0f), %.1f MB/s (range %.1f–%.1f);"
            + " ops changed per doc: %.2f%n",
        EDA,
        median,
        sorted[0],
        sorted[rounds - 1],
        median * avgBytes / 1e6,
        sorted[0] * avgBytes / 1e6,
        sorted[rounds - 1] * avgBytes / 1e6,
        sink.changed / (double) sink.docs);

    double opSeconds = Double.parseDouble(opt.get("op-seconds"));
    System.out.println("each op alone (median of 3 rounds):");
    for (int i = 0; i < ALONE.length; i++) {
      String op = AugmentPolicy.OPS.get(i);
      AugmentPolicy one = AugmentPolicy.of(Map.of(op, ALONE[i]));
      run(one, docs, opSeconds, 1, sink);
      double[] r3 = new double[3];
      for (int r = 0; r < 3; r++) r3[r] = run(one, docs, opSeconds, 1 + r, sink).docsPerSecond;
      Arrays.sort(r3);
      System.out.printf(
          Locale.ROOT,
          "  %-16s %5.2f  %,9.0f docs/s  %6.1f MB/s%n",
          op,
          ALONE[i],
          r3[1],
          r3[1] * avgBytes / 1e6);
    }
    System.out.println("(checksum " + sink.chars + ")");
  }

  private record Result(double docsPerSecond, int nextCopy) {}

  /** Keeps results alive so the JIT cannot drop the work. */
  private static final class Sink {
    long chars;
    long changed;
    long docs;
  }

  /** Augments every doc, copy after copy, until {@code seconds} have passed; whole passes only. */
  private static Result run(
      AugmentPolicy p, List<String> docs, double seconds, int copy, Sink sink) {
    long limit = (long) (seconds * 1e9);
    long start = System.nanoTime();
    String[] ids = new String[docs.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = "doc-" + i;
    long n = 0;
    long elapsed;
    do {
      for (int i = 0; i < docs.size(); i++) {
        Augmented a = p.augment(docs.get(i), "en", 42, ids[i], copy);
        sink.chars += a.text().length();
        sink.changed += a.changed().size();
        sink.docs++;
      }
      n += docs.size();
      copy++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < limit);
    return new Result(n / (elapsed / 1e9), copy);
  }

  private static List<String> chunks(Path jsonl) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        String text = JSON.readTree(line).get("text").asText();
        for (String c : BenchCorpus.chunks(text))
          if (c.length() >= BenchCorpus.CHUNK / 2) out.add(c);
      }
    }
    return out;
  }

  private static Map<String, Double> ordered(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Double) kv[i + 1]);
    return m;
  }
}
