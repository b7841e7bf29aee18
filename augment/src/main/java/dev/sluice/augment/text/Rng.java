package dev.sluice.augment.text;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongHashFunction;

/**
 * The seeded generator every augmentation choice comes from: SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), seeded from (recipe seed, document id, copy, op). One generator per
 * op per copy, so turning one op on or off never moves another op's choices. Every method is pure integer or
 * {@link StrictMath} arithmetic: the same seed gives the same draws on any JVM and machine.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final LongHashFunction XX3 = LongHashFunction.xx3();

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** A 64-bit hash of the document id's UTF-8 bytes (xxHash3): computed once per document, shared by its ops. */
  static long idHash(String docId) {
    return XX3.hashBytes(docId.getBytes(StandardCharsets.UTF_8));
  }

  /** The generator for op number {@code opIndex} (its place in {@link AugmentPolicy#OPS}) of one copy of one doc. */
  static Rng forOp(long seed, long idHash, int copy, int opIndex) {
    long z = mix64(seed + GOLDEN);
    z = mix64(z ^ idHash);
    z = mix64(z + copy * 0xBF58476D1CE4E5B9L);
    z = mix64(z + (opIndex + 1L) * 0x94D049BB133111EBL);
    return new Rng(z);
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix64(state);
  }

  /** Uniform in [0, bound), bound > 0, without modulo bias (Lemire's multiply-and-reject). */
  int nextInt(int bound) {
    long m = (nextLong() >>> 32) * bound;
    if ((m & 0xFFFFFFFFL) < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while ((m & 0xFFFFFFFFL) < threshold) m = (nextLong() >>> 32) * bound;
    }
    return (int) (m >>> 32);
  }

  /** Uniform in [0, 1), 53 bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** The 53-bit threshold for {@link #below}: {@code below(threshold(p))} is {@code chance(p)}, cheaper in a loop. */
  static long threshold(double p) {
    return p >= 1 ? 1L << 53 : (long) Math.ceil(p * 0x1.0p53);
  }

  /** The same draw as {@link #chance} for p with {@code threshold == threshold(p)}. */
  boolean below(long threshold) {
    return (nextLong() >>> 11) < threshold;
  }

  /**
   * Failures before the first success of a Bernoulli(p) trial, 0 ≤ p ≤ 1: the gap to the next event, so a rate per
   * letter costs one draw per event, not one per letter. Capped at {@link Integer#MAX_VALUE}; p = 0 never succeeds.
   */
  int failuresBeforeSuccess(double p) {
    return failuresBeforeSuccess(p, StrictMath.log1p(-p));
  }

  /** {@link #failuresBeforeSuccess(double)} with log(1 − p) computed once by the caller. */
  int failuresBeforeSuccess(double p, double logOneMinusP) {
    if (p >= 1) return 0;
    if (p <= 0) return Integer.MAX_VALUE;
    double u = 1.0 - nextDouble(); // (0, 1]
    double k = Math.floor(StrictMath.log(u) / logOneMinusP);
    return k >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) k;
  }
}
