package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;

/**
 * Additive Gaussian noise, sample by sample, clamped to 0..255. A normal draw is a lookup in a table of 4,096
 * standard-normal quantiles (at (i + ½) / 4,096, computed once with Acklam's inverse normal CDF in {@link StrictMath},
 * held as integers × 256), indexed by 12 bits of the generator: five draws per 64-bit word, no per-sample
 * transcendental, and the same bytes on every JVM. The table spans ±3.5σ.
 */
final class Noise {
  private static final int TABLE_BITS = 12;
  private static final int[] Z = table();

  private Noise() {}

  /** Adds N(0, σ²) to every sample, σ in sample units (0..255). */
  static Pixels gaussian(Pixels p, double sigma, AugmentRng rng) {
    int s = (int) Math.round(sigma * 256);
    byte[] in = p.data(), out = new byte[in.length];
    long bits = 0;
    int left = 0;
    for (int i = 0; i < in.length; i++) {
      if (left == 0) {
        bits = rng.nextLong();
        left = 5;
      }
      int z = Z[(int) (bits & ((1 << TABLE_BITS) - 1))];
      bits >>>= TABLE_BITS;
      left--;
      out[i] = (byte) Tone.clamp((in[i] & 0xFF) + ((s * z + 32768) >> 16));
    }
    return Tone.like(p, out);
  }

  /** The quantiles × 256, rounded. */
  static int[] table() {
    int n = 1 << TABLE_BITS;
    int[] z = new int[n];
    for (int i = 0; i < n; i++) z[i] = (int) Math.round(inverseNormal((i + 0.5) / n) * 256);
    return z;
  }

  /**
   * Acklam's rational approximation of the standard normal quantile function (relative error below 1.15e-9),
   * 0 &lt; u &lt; 1.
   */
  static double inverseNormal(double u) {
    final double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    final double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    final double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    final double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (u < low || u > 1 - low) {
      double q = StrictMath.sqrt(-2 * StrictMath.log(u < low ? u : 1 - u));
      double x =
          (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
              / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      return u < low ? x : -x;
    }
    double q = u - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
