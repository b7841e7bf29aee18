package dev.sluice.quality.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image quality signals of the Image shard schema's {@code signals} struct, from decoded pixels and the
 * encoded bytes. One pass over the pixels builds the luma histogram and the colour-opponent sums; a second pass
 * over the luma computes the Laplacian. All sums are exact integers (longs); floating point only turns them into
 * the final values, so every JVM gives the same doubles.
 */
public final class ImageSignals {
  private static final double LN2 = StrictMath.log(2);

  /** c ln c for the counts of a small image's histogram bins (StrictMath, so the same on every JVM). */
  private static final double[] C_LOG_C = new double[4096];

  static {
    for (int c = 1; c < C_LOG_C.length; c++) C_LOG_C[c] = c * StrictMath.log(c);
  }

  private ImageSignals() {}

  /**
   * The signals of one image.
   *
   * @param aspectRatio max(width, height) / min(width, height)
   * @param fileBytes size of the encoded bytes (0 when they were not given)
   * @param blur variance of the 3x3 Laplacian [0 1 0; 1 -4 1; 0 1 0] of the luma (0..255 scale) over the interior
   *     pixels (OpenCV's {@code Laplacian(ksize=1).var()} without the border); 0 when the image is under 3x3
   * @param brightness mean luma / 255
   * @param contrast population standard deviation of the luma / 255
   * @param colourfulness Hasler and Suesstrunk (2003) M on 0..255 RGB: sqrt(sd_rg^2 + sd_yb^2) + 0.3
   *     sqrt(mean_rg^2 + mean_yb^2) with rg = R - G, yb = (R + G) / 2 - B; 0 for gray
   * @param entropy Shannon entropy of the 256-bin luma histogram, bits (0..8)
   * @param uniformFraction share of pixels whose luma is within 8 of the histogram's mode (lowest on ties)
   * @param jpegQuality {@link JpegQuality#estimate} for JPEG sources, else null
   */
  public record Values(
      int width,
      int height,
      double aspectRatio,
      long fileBytes,
      double blur,
      double brightness,
      double contrast,
      double colourfulness,
      double entropy,
      double uniformFraction,
      Double jpegQuality) {

    /** The signals by their schema names, in schema order; jpeg_quality only when known. */
    public Map<String, Double> asMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("width", (double) width);
      m.put("height", (double) height);
      m.put("aspect_ratio", aspectRatio);
      m.put("file_bytes", (double) fileBytes);
      m.put("blur", blur);
      m.put("brightness", brightness);
      m.put("contrast", contrast);
      m.put("colourfulness", colourfulness);
      m.put("entropy", entropy);
      m.put("uniform_fraction", uniformFraction);
      if (jpegQuality != null) m.put("jpeg_quality", jpegQuality);
      return Collections.unmodifiableMap(m);
    }
  }

  public static Values measure(Pixels p, byte[] encoded, String sourceFormat) {
    return measure(p, p.luma(), encoded, sourceFormat);
  }

  /**
   * The same, with the luma already computed ({@link Pixels#luma()}), so a caller that also hashes the image
   * computes it once.
   */
  public static Values measure(Pixels p, byte[] luma, byte[] encoded, String sourceFormat) {
    int w = p.width(), h = p.height(), n = w * h;
    if (luma.length != n)
      throw new IllegalArgumentException("luma has " + luma.length + " samples, not " + n);
    long[] hist = new long[256];
    for (byte v : luma) hist[v & 0xFF]++;

    long sum = 0, sumSq = 0;
    int mode = 0;
    for (int v = 0; v < 256; v++) {
      sum += v * hist[v];
      sumSq += (long) v * v * hist[v];
      if (hist[v] > hist[mode]) mode = v;
    }
    double mean = (double) sum / n;
    double variance = Math.max(0.0, ((double) sumSq * n - (double) sum * sum) / ((double) n * n));
    // H = log n - (sum c log c) / n, in nats, then bits; c log c from a table for small counts
    double cLogC = 0;
    long nearMode = 0;
    int bins = 0;
    for (int v = 0; v < 256; v++) {
      long c = hist[v];
      if (c > 0) bins++;
      if (c > 1) cLogC += c < C_LOG_C.length ? C_LOG_C[(int) c] : c * StrictMath.log(c);
      if (Math.abs(v - mode) <= 8) nearMode += c;
    }
    double entropy = bins <= 1 ? 0.0 : Math.max(0.0, (StrictMath.log(n) - cLogC / n) / LN2);

    return new Values(
        w,
        h,
        (double) Math.max(w, h) / Math.min(w, h),
        encoded == null ? 0 : encoded.length,
        laplacianVariance(luma, w, h),
        mean / 255.0,
        StrictMath.sqrt(variance) / 255.0,
        p.channels() == Pixels.RGB ? colourfulness(p.data(), n) : 0.0,
        entropy,
        (double) nearMode / n,
        "jpeg".equals(sourceFormat) ? JpegQuality.estimate(encoded) : null);
  }

  /**
   * Pixels per run of int sums: a Laplacian is at most 1,020 in magnitude and a colour-opponent yb2 at most 510, so
   * 2,048 squares stay below 2^31 (2,048 x 1,020^2 = 2,130,739,200). Int sums added into longs per run are the same
   * integers as long sums, and cost less per pixel (BENCHMARKS.md, "Photos: int sums").
   */
  static final int RUN = 2048;

  /** Variance of the 4-neighbour Laplacian over the pixels that have all four neighbours. */
  static double laplacianVariance(byte[] luma, int w, int h) {
    if (w < 3 || h < 3) return 0.0;
    long sum = 0, sumSq = 0;
    for (int y = 1; y < h - 1; y++) {
      int row = y * w;
      for (int x0 = 1; x0 < w - 1; x0 += RUN) {
        int s = 0, q = 0;
        for (int i = row + x0, e = row + Math.min(w - 1, x0 + RUN); i < e; i++) {
          int lap =
              (luma[i - 1] & 0xFF)
                  + (luma[i + 1] & 0xFF)
                  + (luma[i - w] & 0xFF)
                  + (luma[i + w] & 0xFF)
                  - 4 * (luma[i] & 0xFF);
          s += lap;
          q += lap * lap;
        }
        sum += s;
        sumSq += q;
      }
    }
    double m = (double) (w - 2) * (h - 2);
    return Math.max(0.0, ((double) sumSq * m - (double) sum * sum) / (m * m));
  }

  /** Hasler and Suesstrunk's M with exact integer sums (yb kept doubled as R + G - 2B until the end). */
  static double colourfulness(byte[] rgb, int n) {
    long rgSum = 0, rgSq = 0, yb2Sum = 0, yb2Sq = 0;
    for (int j0 = 0; j0 < rgb.length; j0 += 3 * RUN) {
      int a = 0, aa = 0, c = 0, cc = 0;
      for (int j = j0, e = Math.min(rgb.length, j0 + 3 * RUN); j < e; j += 3) {
        int r = rgb[j] & 0xFF, g = rgb[j + 1] & 0xFF, b = rgb[j + 2] & 0xFF;
        int rg = r - g, yb2 = r + g - 2 * b;
        a += rg;
        aa += rg * rg;
        c += yb2;
        cc += yb2 * yb2;
      }
      rgSum += a;
      rgSq += aa;
      yb2Sum += c;
      yb2Sq += cc;
    }
    double rgMean = (double) rgSum / n, ybMean = (double) yb2Sum / n / 2;
    double rgVar = Math.max(0.0, (double) rgSq / n - rgMean * rgMean);
    double ybVar = Math.max(0.0, (double) yb2Sq / n / 4 - ybMean * ybMean);
    return StrictMath.sqrt(rgVar + ybVar)
        + 0.3 * StrictMath.sqrt(rgMean * rgMean + ybMean * ybMean);
  }
}
