package dev.sluice.scaling.pool;

import dev.sluice.quality.dedup.MinHasher;
import dev.sluice.quality.dedup.NearDedupConfig;
import dev.sluice.quality.dedup.Shingles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the training documents that are exact or near duplicates of an evaluation document, so that no arm ever
 * trains on what it is scored on. Exact: the same text once whitespace is collapsed. Near: MinHash LSH over
 * 5-word shingles (the curation's own near-dedup settings: 112 permutations, 14 bands of 8 rows) proposes
 * candidates, and the exact Jaccard similarity of the shingle sets, at or over the threshold, confirms them.
 */
public final class Decontaminator {
  /** A training document that must not train: which evaluation document it copies, and how. */
  public record Hit(PoolDoc doc, String evalId, String how, double jaccard) {}

  private final double threshold;
  private final NearDedupConfig config = NearDedupConfig.defaults();
  private final MinHasher hasher = new MinHasher(config);
  private final Shingles shingles = new Shingles(config.shingle());
  private final Map<String, String> exact = new HashMap<>();
  private final Map<Long, List<Integer>> bands = new HashMap<>();
  private final List<long[]> evalShingles = new ArrayList<>();
  private final List<String> evalIds = new ArrayList<>();

  public Decontaminator(List<PoolDoc> eval, double threshold) {
    this.threshold = threshold;
    for (PoolDoc d : eval) {
      exact.putIfAbsent(squash(d.text()), d.id());
      long[] sh = shingles.of(d.text());
      int index = evalIds.size();
      evalIds.add(d.id());
      evalShingles.add(sh);
      for (long band : hasher.bandKeys(hasher.signature(sh))) {
        bands.computeIfAbsent(band, k -> new ArrayList<>()).add(index);
      }
    }
  }

  /** The hit for {@code doc}, or null when it copies no evaluation document. */
  public Hit check(PoolDoc doc) {
    String same = exact.get(squash(doc.text()));
    if (same != null) return new Hit(doc, same, "exact", 1.0);
    long[] sh = shingles.of(doc.text());
    Hit best = null;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (long band : hasher.bandKeys(hasher.signature(sh))) {
      for (int i : bands.getOrDefault(band, List.of())) {
        if (!seen.add(i)) continue;
        double j = Shingles.jaccard(sh, evalShingles.get(i));
        if (j >= threshold && (best == null || j > best.jaccard()))
          best = new Hit(doc, evalIds.get(i), "near", j);
      }
    }
    return best;
  }

  static String squash(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
