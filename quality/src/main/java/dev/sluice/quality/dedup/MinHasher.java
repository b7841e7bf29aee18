package dev.sluice.quality.dedup;

import java.util.Arrays;

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

  public long[] signature(long[] shingles) {
    long[] sig = new long[permutations];
    Arrays.fill(sig, Long.MAX_VALUE);
    long[] a = keys;
    long[] b = adds;
    for (long h : shingles) {
      for (int p = 0; p < permutations; p++) {
        long v = a[p] * h + b[p];
        if (v < sig[p]) sig[p] = v;
      }
    }
    return sig;
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
