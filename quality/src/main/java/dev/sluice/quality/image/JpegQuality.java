package dev.sluice.quality.image;

/**
 * The libjpeg quality (1..100) a JPEG was most likely saved at, from its luminance quantisation table alone: the
 * table is compared with the standard one (ITU T.81 Annex K) scaled by libjpeg's {@code jpeg_quality_scaling} for
 * every quality, and the closest quality (least sum of absolute differences; ties to the higher quality) wins. A
 * file from libjpeg, libjpeg-turbo, Pillow, OpenCV or ImageIO gives its exact setting; a custom table gives the
 * nearest standard quality. Costs a walk over the marker segments, no decoding.
 */
public final class JpegQuality {
  /** Annex K.1 luminance table in zig-zag order, as DQT stores it. */
  static final int[] STD_LUMA_ZIGZAG = {
    16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37,
    29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
    95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99
  };

  private JpegQuality() {}

  /** The estimated quality, or null when the bytes hold no luminance table (not a JPEG, or damaged). */
  public static Double estimate(byte[] jpeg) {
    if (jpeg == null || jpeg.length < 4) return null;
    int[] table = JpegMarkers.lumaQuantTable(jpeg);
    if (table == null) return null;
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int q = 100; q >= 1; q--) {
      long d = 0;
      for (int i = 0; i < 64; i++) d += Math.abs(table[i] - scaled(STD_LUMA_ZIGZAG[i], q));
      if (d < bestDistance) {
        bestDistance = d;
        best = q;
      }
    }
    return (double) best;
  }

  /** libjpeg's table entry for a quality: scale 5000/q below 50, else 200 - 2q; clamped to 1..255 (baseline). */
  static int scaled(int standard, int quality) {
    int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
    int v = (standard * scale + 50) / 100;
    return Math.max(1, Math.min(255, v));
  }
}
