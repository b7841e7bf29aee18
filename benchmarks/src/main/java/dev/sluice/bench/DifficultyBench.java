package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.augment.difficulty.DifficultyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Curriculum difficulty (BENCHMARKS.md): for each order, training time and throughput on the reference files,
 * saved model size, load time and heap, then single-thread scoring of ~3 KB documents (the texts of the reference
 * files, or of {@code --score} files, joined and cut at the first whitespace after 3,000 characters) in timed
 * rounds: median and range of docs/s for perplexity, rarity and both. Run from the repository root.
 *
 * <pre>
 * DifficultyBench [--orders 4,5,6] [--rounds 5] [--round-seconds 2] [--train-repeats 3]
 *                 [--score FILE,FILE...] [REFERENCE.jsonl|.txt ...]
 * </pre>
 */
public final class DifficultyBench {
  private DifficultyBench() {}

  private static final List<String> DEFAULT_FILES =
      List.of(
          "samples/text/en/moby-dick.jsonl",
          "samples/text/en/sotu-every5y.jsonl",
          "samples/text/en/fortunes-en.jsonl");

  public static void main(String[] args) throws Exception {
    int[] orders = {DifficultyModel.DEFAULT_ORDER};
    int rounds = 5;
    double roundSeconds = 2;
    int trainRepeats = 3;
    List<Path> files = new ArrayList<>();
    List<Path> scored = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--orders" ->
            orders = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--round-seconds" -> roundSeconds = Double.parseDouble(args[++i]);
        case "--train-repeats" -> trainRepeats = Integer.parseInt(args[++i]);
        case "--score" -> Arrays.stream(args[++i].split(",")).forEach(f -> scored.add(Path.of(f)));
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) DEFAULT_FILES.forEach(f -> files.add(Path.of(f)));
    List<String> docs = documents(scored.isEmpty() ? files : scored, 3000);
    long chars = docs.stream().mapToLong(d -> d.codePointCount(0, d.length())).sum();
    System.out.printf(
        Locale.ROOT,
        "reference %s%nscoring set (%s): %d documents, %.0f code points each on average%n",
        files,
        scored.isEmpty() ? "the reference texts" : scored,
        docs.size(),
        chars / (double) docs.size());
    for (int order : orders) {
      bench(files, order, docs, rounds, roundSeconds, trainRepeats);
    }
  }

  private static void bench(
      List<Path> files, int order, List<String> docs, int rounds, double roundSeconds, int repeats)
      throws Exception {
    DifficultyModel m = null;
    double[] trainSeconds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      m = DifficultyModel.trainFromFiles(files, order);
      trainSeconds[r] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(trainSeconds);
    double train = trainSeconds[repeats / 2];
    Path file = Files.createTempFile("difficulty-bench", ".model");
    long t = System.nanoTime();
    m.save(file);
    double save = (System.nanoTime() - t) / 1e9;
    long size = Files.size(file);
    String version = m.version();
    m = null;
    long before = usedHeap();
    t = System.nanoTime();
    DifficultyModel loaded = DifficultyModel.load(file);
    double load = (System.nanoTime() - t) / 1e9;
    long heap = usedHeap() - before;
    Files.delete(file);
    System.out.printf(
        Locale.ROOT,
        "%norder %d (%s): train %.2f s (median of %d: %s) = %.0f docs/s, %.2f M code points/s "
            + "(%d docs, %d code points); file %.2f MB (save %.2f s, load %.2f s); heap after load ~%.0f MB%n",
        order,
        version,
        train,
        repeats,
        Arrays.toString(round2(trainSeconds)),
        loaded.trainingDocs() / train,
        loaded.trainingCodePoints() / train / 1e6,
        loaded.trainingDocs(),
        loaded.trainingCodePoints(),
        size / 1e6,
        save,
        load,
        heap / 1e6);
    if (rounds <= 0) return;
    DifficultyModel model = loaded;
    measure("perplexity", docs, model::perplexity, rounds, roundSeconds);
    measure("rarity", docs, model::rarity, rounds, roundSeconds);
    measure("both", docs, d -> model.perplexity(d) + model.rarity(d), rounds, roundSeconds);
  }

  private static void measure(
      String what, List<String> docs, ToDoubleFunction<String> f, int rounds, double roundSeconds) {
    double sink = 0;
    for (String d : docs) sink += f.applyAsDouble(d); // warm-up: one pass
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long n = 0;
      long start = System.nanoTime();
      long end = start + (long) (roundSeconds * 1e9);
      long now;
      do {
        for (String d : docs) {
          sink += f.applyAsDouble(d);
          n++;
          if ((n & 63) == 0 && System.nanoTime() >= end) break;
        }
        now = System.nanoTime();
      } while (now < end);
      rates[r] = n / ((now - start) / 1e9);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "  %-10s median %,8.0f docs/s  range %,.0f..%,.0f  (%d rounds of %.0f s; rounds %s; checksum %.3g)%n",
        what,
        sorted[rounds / 2],
        sorted[0],
        sorted[rounds - 1],
        rounds,
        roundSeconds,
        Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()),
        sink);
  }

  private static double[] round2(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** The texts of the files joined by blank lines and cut at the first whitespace after {@code size} chars. */
  static List<String> documents(List<Path> files, int size) throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      if (f.toString().endsWith(".jsonl")) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) all.append(json.readTree(line).get("text").asText()).append("\n\n");
        }
      } else {
        all.append(Files.readString(f)).append("\n\n");
      }
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < all.length()) {
      int cut = Math.min(all.length(), start + size);
      while (cut < all.length() && !Character.isWhitespace(all.charAt(cut))) cut++;
      String doc = all.substring(start, cut).strip();
      if (doc.length() >= size / 2) out.add(doc);
      start = cut;
    }
    return out;
  }
}
