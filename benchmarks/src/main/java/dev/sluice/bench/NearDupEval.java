package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.run.Curation;
import dev.sluice.pipelines.run.Runners;
import dev.sluice.quality.dedup.Shingles;
import dev.sluice.schemas.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Near-dedup quality against brute force. Plants near-duplicates of real text (State of the Union chunks) by
 * replacing a chosen share of words, computes the exact shingle Jaccard of every pair by brute force, runs the
 * real pipeline (embedded runner) at several verification thresholds, and reports, per threshold, precision and
 * recall of "same cluster" pairs against "Jaccard ≥ threshold", recall of pairs with Jaccard ≥ 0.85, and the
 * lowest Jaccard of any pair the run merged (removed document vs its survivor, and any two cluster members).
 */
public final class NearDupEval {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NearDupEval() {}

  public static void main(String[] args) throws Exception {
    Path sotu = Path.of(args.length > 0 ? args[0] : "samples/text/en/sotu-every5y.jsonl");
    Path work = Path.of(args.length > 1 ? args[1] : ".bench/neardup");
    List<String> base = new ArrayList<>();
    for (String line : Files.readAllLines(sotu)) {
      base.addAll(BenchCorpus.chunks((String) JSON.readValue(line, Map.class).get("text")));
    }
    Random r = new Random(20261122L);
    double[] shares = {0.0, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2};
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int groups = Math.min(200, base.size() / 2);
    for (int g = 0; g < base.size(); g++) {
      String t = base.get(g);
      ids.add(String.format(Locale.ROOT, "g%03d-0", g));
      texts.add(t);
      if (g >= groups) continue;
      int variants = 1 + r.nextInt(3);
      for (int v = 1; v <= variants; v++) {
        ids.add(String.format(Locale.ROOT, "g%03d-%d", g, v));
        texts.add(mutate(t, shares[r.nextInt(shares.length)], r, base));
      }
    }
    Files.createDirectories(work.resolve("in"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++)
      lines.add(JSON.writeValueAsString(Map.of("id", ids.get(i), "text", texts.get(i))));
    Files.write(work.resolve("in/planted.jsonl"), lines);

    long[][] sh = new long[texts.size()][];
    try (Shingles s = new Shingles(5)) {
      for (int i = 0; i < texts.size(); i++) sh[i] = s.of(texts.get(i));
    }
    int n = texts.size();
    float[][] jac = new float[n][];
    int[] hist = new int[11];
    for (int i = 0; i < n; i++) {
      jac[i] = new float[i];
      for (int j = 0; j < i; j++) {
        jac[i][j] = (float) Shingles.jaccard(sh[i], sh[j]);
        if (jac[i][j] >= 0.3) hist[(int) (jac[i][j] * 10)]++;
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) index.put(ids.get(i), i);
    System.out.printf(
        Locale.ROOT, "%d documents (%d planted groups); pairs by true Jaccard: ", n, groups);
    for (int b = 3; b <= 10; b++)
      System.out.printf(Locale.ROOT, "[%.1f,%.1f): %d  ", b / 10.0, (b + 1) / 10.0, hist[b]);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-10s %9s %9s %9s %12s %14s %14s%n",
        "verify",
        "pairs",
        "precision",
        "recall",
        "recall@0.85",
        "min J merged",
        "min J member");
    for (double tau : new double[] {0.0, 0.5, 0.6, 0.7, 0.8, 0.9}) {
      int[] parent = new int[n];
      for (int i = 0; i < n; i++) parent[i] = i;
      Path out = work.resolve("out-" + tau);
      Recipe recipe = recipe(work, out, tau);
      Manifest m =
          Curation.run(
                  recipe,
                  InputFiles.expand(recipe.input().paths()),
                  out,
                  "embedded",
                  Runners.options("embedded", null, 0))
              .manifest();
      double minEdge = 1.0;
      for (Manifest.FileEntry f : m.removed()) {
        try (ParquetReader<GenericRecord> rd =
            AvroParquetReader.<GenericRecord>builder(
                    new LocalInputFile(out.resolve(f.path())), new PlainParquetConfiguration())
                .build()) {
          for (GenericRecord g = rd.read(); g != null; g = rd.read()) {
            if (g.get("duplicate_of") == null) continue;
            int a = index.get(g.get("id").toString());
            int b = index.get(g.get("duplicate_of").toString());
            minEdge = Math.min(minEdge, a > b ? jac[a][b] : jac[b][a]);
            parent[find(parent, a)] = find(parent, b);
          }
        }
      }
      double threshold = tau == 0 ? 0.8 : tau;
      long tp = 0;
      long pred = 0;
      long truth = 0;
      long truth85 = 0;
      long found85 = 0;
      double minMember = 1.0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          boolean same = find(parent, i) == find(parent, j);
          boolean real = jac[i][j] >= threshold;
          if (same) {
            pred++;
            minMember = Math.min(minMember, jac[i][j]);
          }
          if (real) truth++;
          if (same && real) tp++;
          if (jac[i][j] >= 0.85) {
            truth85++;
            if (same) found85++;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%-10s %9d %9.3f %9.3f %12.3f %14.3f %14.3f%n",
          tau == 0 ? "off(0.8)" : String.valueOf(tau),
          pred,
          pred == 0 ? 1.0 : tp / (double) pred,
          truth == 0 ? 1.0 : tp / (double) truth,
          truth85 == 0 ? 1.0 : found85 / (double) truth85,
          minEdge,
          minMember);
    }
  }

  static Recipe recipe(Path work, Path out, double tau) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "neardup-eval");
    m.put("input", Map.of("path", work.resolve("in").toString()));
    m.put("dedup", Map.of("exact", true, "near", Map.of("verify_jaccard", tau)));
    m.put("output", Map.of("path", out.toString()));
    return Recipe.from(m);
  }

  static int find(int[] p, int x) {
    while (p[x] != x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  /** Replaces a share of the words with words from other documents. */
  static String mutate(String text, double share, Random r, List<String> pool) {
    String[] w = text.split(" ");
    int k = (int) Math.round(w.length * share);
    for (int i = 0; i < k; i++) {
      String[] donor = pool.get(r.nextInt(pool.size())).split(" ");
      w[r.nextInt(w.length)] = donor[r.nextInt(donor.length)];
    }
    return String.join(" ", w);
  }
}
