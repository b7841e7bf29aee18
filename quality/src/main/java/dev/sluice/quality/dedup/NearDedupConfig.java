package dev.sluice.quality.dedup;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.Map;

/**
 * Near-duplicate settings. Defaults: 5-word shingles, 112 permutations in 14 bands of 8 rows, candidates
 * verified by exact Jaccard over shingle sets at 0.8, and up to 10 rounds of large-star/small-star for the
 * connected components. {@code verify_jaccard: 0} turns verification off (every LSH collision is an edge).
 */
public record NearDedupConfig(
    int shingle,
    int permutations,
    int bands,
    int rows,
    double verifyJaccard,
    int componentRounds,
    int maxBucketPairs)
    implements Serializable {
  public NearDedupConfig {
    if (bands * rows != permutations) {
      throw new Config.ConfigException(
          "dedup.near.bands",
          bands + " x " + rows + " (rows) = " + bands * rows,
          "bands x rows equal to permutations (" + permutations + ")");
    }
  }

  public static NearDedupConfig defaults() {
    return new NearDedupConfig(5, 112, 14, 8, 0.8, 10, 64);
  }

  public boolean verify() {
    return verifyJaccard > 0;
  }

  public static NearDedupConfig from(Map<String, Object> section) {
    Config c =
        Config.of("dedup.near", section)
            .allowOnly(
                "shingle",
                "permutations",
                "bands",
                "rows",
                "verify_jaccard",
                "component_rounds",
                "max_bucket_pairs");
    NearDedupConfig d = defaults();
    return new NearDedupConfig(
        c.getInt("shingle", d.shingle, 1, 64),
        c.getInt("permutations", d.permutations, 1, 4096),
        c.getInt("bands", d.bands, 1, 4096),
        c.getInt("rows", d.rows, 1, 4096),
        c.getFraction("verify_jaccard", d.verifyJaccard),
        c.getInt("component_rounds", d.componentRounds, 1, 64),
        c.getInt("max_bucket_pairs", d.maxBucketPairs, 1, 1 << 20));
  }
}
