package dev.sluice.augment.text;

import dev.sluice.augment.seed.AugmentRng;

/**
 * The text ops' seeded generator: {@link AugmentRng} (shared with the image ops) plus the geometric gap draw
 * the character ops use. SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), seeded from (recipe seed, document id, copy, op). One generator per
 * op per copy, so turning one op on or off never moves another op's choices. Every method is pure integer or
 * {@link StrictMath} arithmetic: the same seed gives the same draws on any JVM and machine.
 */
final class Rng extends AugmentRng {
  Rng(long seed) {
    super(seed);
  }

  /** The generator for op number {@code opIndex} (its place in {@link AugmentPolicy#OPS}) of one copy of one doc. */
  public static Rng forOp(long seed, long idHash, int copy, int opIndex) {
    return new Rng(opSeed(seed, idHash, copy, opIndex));
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
