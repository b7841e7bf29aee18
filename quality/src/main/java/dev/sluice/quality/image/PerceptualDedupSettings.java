package dev.sluice.quality.image;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.Map;

/**
 * Recipe section {@code dedup.perceptual}: which perceptual hash decides that two images are near duplicates, the
 * Hamming threshold, and the number of LSH bands ({@link HammingLsh}). {@code perceptual: {}} means all defaults.
 * The defaults come from the Tango icon ground truth (docs/images.md, "Perceptual dedup").
 *
 * @param threshold maximum Hamming distance (0..32) between the hashes of two duplicates
 * @param hash {@code phash}, {@code dhash}, or {@code both} (both hashes within the threshold)
 * @param bands LSH bands, in [threshold + 1, 64]; threshold + 1 by default (the fewest that miss no pair)
 */
public record PerceptualDedupSettings(int threshold, String hash, int bands)
    implements Serializable {
  public static final int DEFAULT_THRESHOLD = 4;
  public static final String DEFAULT_HASH = "phash";

  public PerceptualDedupSettings {
    if (threshold < 0 || threshold > 32) {
      throw new Config.ConfigException(
          "dedup.perceptual.threshold", threshold, "an integer in [0, 32]");
    }
    if (!hash.equals("phash") && !hash.equals("dhash") && !hash.equals("both")) {
      throw new Config.ConfigException(
          "dedup.perceptual.hash", hash, "one of [phash, dhash, both]");
    }
    if (bands <= threshold || bands > 64) {
      throw new Config.ConfigException(
          "dedup.perceptual.bands",
          bands,
          "an integer in [threshold + 1, 64] = [" + (threshold + 1) + ", 64]");
    }
  }

  public static PerceptualDedupSettings defaults() {
    return new PerceptualDedupSettings(DEFAULT_THRESHOLD, DEFAULT_HASH, DEFAULT_THRESHOLD + 1);
  }

  public static PerceptualDedupSettings from(Map<String, Object> section) {
    Config c = Config.of("dedup.perceptual", section).allowOnly("threshold", "hash", "bands");
    int threshold = c.getInt("threshold", DEFAULT_THRESHOLD, 0, 32);
    String hash = c.getChoice("hash", DEFAULT_HASH, "phash", "dhash", "both");
    int bands = c.getInt("bands", threshold + 1, threshold + 1, 64);
    return new PerceptualDedupSettings(threshold, hash, bands);
  }

  /** The LSH for this setting. With {@code both}, band on the pHash and verify both. */
  public HammingLsh lsh() {
    return new HammingLsh(threshold, bands);
  }

  /** The hash the LSH buckets on: the dHash when {@code hash: dhash}, else the pHash. */
  public long bandedHash(long phash, long dhash) {
    return hash.equals("dhash") ? dhash : phash;
  }

  /** Whether two images are duplicates under this setting (the per-candidate verification). */
  public boolean duplicates(long phashA, long dhashA, long phashB, long dhashB) {
    boolean p = PerceptualHash.hamming(phashA, phashB) <= threshold;
    boolean d = PerceptualHash.hamming(dhashA, dhashB) <= threshold;
    return switch (hash) {
      case "phash" -> p;
      case "dhash" -> d;
      default -> p && d;
    };
  }
}
