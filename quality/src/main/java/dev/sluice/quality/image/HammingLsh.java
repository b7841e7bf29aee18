package dev.sluice.quality.image;

/**
 * Candidate generation for "Hamming distance at most t" over 64-bit hashes without comparing all pairs. The 64
 * bits are cut into {@code bands} contiguous bands (sizes differ by at most one bit); two hashes are candidates
 * when some band is identical. With bands &gt; t this misses nothing, by the pigeonhole principle: t differing
 * bits touch at most t bands, so at least one band of a pair within t is equal, and the pair shares that band's
 * key. {@link #within} then verifies each candidate pair exactly.
 *
 * <p>The price of more bands is fewer bits per band, so larger buckets: with b bands a band has about 64 / b bits,
 * and unrelated hashes meet in a bucket with probability about b / 2^(64 / b).
 */
public final class HammingLsh {
  private final int threshold;
  private final int bands;
  private final int[] start;
  private final int[] width;

  public HammingLsh(int threshold, int bands) {
    if (threshold < 0 || threshold > 63) {
      throw new IllegalArgumentException("threshold " + threshold + " (0..63)");
    }
    if (bands <= threshold || bands > 64) {
      throw new IllegalArgumentException(
          "bands " + bands + ": must be in [threshold + 1, 64] = [" + (threshold + 1) + ", 64]");
    }
    this.threshold = threshold;
    this.bands = bands;
    this.start = new int[bands];
    this.width = new int[bands];
    int at = 0;
    for (int b = 0; b < bands; b++) {
      width[b] = 64 / bands + (b < 64 % bands ? 1 : 0);
      start[b] = at;
      at += width[b];
    }
  }

  public int threshold() {
    return threshold;
  }

  public int bands() {
    return bands;
  }

  /**
   * One key per band, in band order. A key is {@code band << 32 | bits} where bits are the band's bits (bit 0 of
   * the hash is its most significant bit); with a single band (threshold 0) the key is the hash itself. Keys of
   * different bands never collide.
   */
  public long[] bandKeys(long hash) {
    if (bands == 1) return new long[] {hash};
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long bits = (hash >>> (64 - start[b] - width[b])) & ((1L << width[b]) - 1);
      keys[b] = (long) b << 32 | bits;
    }
    return keys;
  }

  /** Whether the two hashes are within the threshold (the check every candidate pair gets). */
  public boolean within(long a, long b) {
    return Long.bitCount(a ^ b) <= threshold;
  }
}
