package dev.sluice.quality.dedup;

/**
 * MinHash signatures and LSH band keys. Hash function p maps an (already well-mixed 64-bit) shingle hash h to
 * {@code a[p] * h + b[p]} mod 2^64 with odd a[p] (multiply-add, compared as signed longs), one multiply per
 * function; a and b are fixed, so signatures are stable across runs and machines (the cross-run index relies on
 * that). Band b hashes rows [b*r, (b+1)*r) of the signature.
 */
public final class MinHasher {
  private final int permutations;
  private final int bands;
  private final int rows;
  private final long[] keys;
  private final long[] adds;

  public MinHasher(NearDedupConfig cfg) {
    this.permutations = cfg.permutations();
    this.bands = cfg.bands();
    this.rows = cfg.rows();
    this.keys = new long[permutations];
    this.adds = new long[permutations];
    long s = 0x5EED_5107_CE5L;
    for (int i = 0; i < permutations; i++) {
      s += 0x9E3779B97F4A7C15L;
      keys[i] = mix(s) | 1L;
      s += 0x9E3779B97F4A7C15L;
      adds[i] = mix(s);
    }
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The signature: per function p the minimum of {@code a[p] * h + b[p]} over the shingle hashes. Four functions
   * per pass over the shingles, each minimum kept in a register: four independent multiply chains and a quarter
   * of the loads (1.45x faster than one function at a time through the array on this machine, measured; eight at
   * a time is no faster: the multiplier is the limit). Same values.
   */
  public long[] signature(long[] shingles) {
    long[] sig = new long[permutations];
    long[] a = keys;
    long[] b = adds;
    int p = 0;
    for (; p + 4 <= permutations; p += 4) {
      long a0 = a[p];
      long a1 = a[p + 1];
      long a2 = a[p + 2];
      long a3 = a[p + 3];
      long b0 = b[p];
      long b1 = b[p + 1];
      long b2 = b[p + 2];
      long b3 = b[p + 3];
      long m0 = Long.MAX_VALUE;
      long m1 = Long.MAX_VALUE;
      long m2 = Long.MAX_VALUE;
      long m3 = Long.MAX_VALUE;
      for (long h : shingles) {
        m0 = Math.min(m0, a0 * h + b0);
        m1 = Math.min(m1, a1 * h + b1);
        m2 = Math.min(m2, a2 * h + b2);
        m3 = Math.min(m3, a3 * h + b3);
      }
      sig[p] = m0;
      sig[p + 1] = m1;
      sig[p + 2] = m2;
      sig[p + 3] = m3;
    }
    for (; p < permutations; p++) {
      long m = Long.MAX_VALUE;
      for (long h : shingles) m = Math.min(m, a[p] * h + b[p]);
      sig[p] = m;
    }
    return sig;
  }

  /** Hash function p applied to one shingle hash: the definition {@link #signature} takes the minimum of. */
  long apply(int p, long h) {
    return keys[p] * h + adds[p];
  }

  /** One key per band; the band index is part of the key, so equal rows in different bands do not collide. */
  public long[] bandKeys(long[] sig) {
    long[] out = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = 0x243F6A8885A308D3L ^ b;
      for (int r = 0; r < rows; r++) {
        h = mix(h ^ sig[b * rows + r]) + r;
      }
      out[b] = h;
    }
    return out;
  }

  /** The fraction of equal signature positions: an estimate of the Jaccard similarity. */
  public static double estimate(long[] a, long[] b) {
    int eq = 0;
    for (int i = 0; i < a.length; i++) if (a[i] == b[i]) eq++;
    return eq / (double) a.length;
  }
}
