package dev.sluice.trainer.data;

/**
 * SplitMix64: a tiny generator whose whole state is one long, so a checkpoint can save it and a resumed run
 * continues the exact same sequence. Seeds are derived with {@link #mix}, never from the clock.
 */
public final class SplitMix {
  private long state;

  public SplitMix(long state) {
    this.state = state;
  }

  public long state() {
    return state;
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in [0, bound), without modulo bias (Lemire's method with rejection). */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
    while (true) {
      long r = nextLong() >>> 32;
      long m = r * bound;
      long low = m & 0xFFFFFFFFL;
      if (low >= ((1L << 32) % bound)) return (int) (m >>> 32);
    }
  }

  /** The SplitMix64 finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for one purpose, derived from the run seed and a few integers (epoch, shard, ...). */
  public static long derive(long seed, long... parts) {
    long h = mix(seed ^ 0x5EED5EED5EEDL);
    for (long p : parts) h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    return h;
  }

  /** A seeded Fisher-Yates permutation of 0..n-1. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    SplitMix rng = new SplitMix(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
