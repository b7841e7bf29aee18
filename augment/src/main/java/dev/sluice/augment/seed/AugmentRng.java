package dev.sluice.augment.seed;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongHashFunction;

/**
 * The seeded generator every augmentation choice comes from, text and image alike: SplitMix64 (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), seeded from (recipe seed, record id, copy,
 * op). One generator per op per copy, so turning one op on or off never moves another op's choices. Every method is
 * pure integer arithmetic (or exact double conversions): the same seed gives the same draws on any JVM and machine.
 */
public class AugmentRng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final LongHashFunction XX3 = LongHashFunction.xx3();

  private long state;

  public AugmentRng(long seed) {
    this.state = seed;
  }

  /** A 64-bit hash of the record id's UTF-8 bytes (xxHash3): computed once per record, shared by its ops. */
  public static long idHash(String id) {
    return XX3.hashBytes(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The seed of op number {@code opIndex} of one copy of one record: four SplitMix64 finalizer rounds. */
  public static long opSeed(long seed, long idHash, int copy, int opIndex) {
    long z = mix64(seed + GOLDEN);
    z = mix64(z ^ idHash);
    z = mix64(z + copy * 0xBF58476D1CE4E5B9L);
    return mix64(z + (opIndex + 1L) * 0x94D049BB133111EBL);
  }

  /** The generator for op number {@code opIndex} of one copy of one record. */
  public static AugmentRng forOp(long seed, long idHash, int copy, int opIndex) {
    return new AugmentRng(opSeed(seed, idHash, copy, opIndex));
  }

  /** SplitMix64's finalizer (Stafford's variant 13). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public final long nextLong() {
    state += GOLDEN;
    return mix64(state);
  }

  /** Uniform in [0, bound), bound > 0, without modulo bias (Lemire's multiply-and-reject). */
  public final int nextInt(int bound) {
    long m = (nextLong() >>> 32) * bound;
    if ((m & 0xFFFFFFFFL) < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while ((m & 0xFFFFFFFFL) < threshold) m = (nextLong() >>> 32) * bound;
    }
    return (int) (m >>> 32);
  }

  /** Uniform in [0, 1), 53 bits. */
  public final double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public final double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  public final boolean chance(double p) {
    return nextDouble() < p;
  }

  /** The 53-bit threshold for {@link #below}: {@code below(threshold(p))} is {@code chance(p)}, cheaper in a loop. */
  public static long threshold(double p) {
    return p >= 1 ? 1L << 53 : (long) Math.ceil(p * 0x1.0p53);
  }

  /** The same draw as {@link #chance} for p with {@code threshold == threshold(p)}. */
  public final boolean below(long threshold) {
    return (nextLong() >>> 11) < threshold;
  }
}
