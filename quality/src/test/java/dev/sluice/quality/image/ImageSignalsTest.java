package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ImageSignalsTest {
  static Pixels gray(int w, int h, int... samples) {
    byte[] b = new byte[samples.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) samples[i];
    return new Pixels(w, h, Pixels.GRAY, b);
  }

  @Test
  void aSolidImageHasNoBlurContrastOrEntropyAndIsFullyUniform() {
    Pixels p = new Pixels(10, 5, 1, filled(50, (byte) 51));
    ImageSignals.Values v = ImageSignals.measure(p, new byte[123], "png");
    assertEquals(10, v.width());
    assertEquals(5, v.height());
    assertEquals(2.0, v.aspectRatio());
    assertEquals(123, v.fileBytes());
    assertEquals(0.0, v.blur());
    assertEquals(0.2, v.brightness(), 1e-12);
    assertEquals(0.0, v.contrast());
    assertEquals(0.0, v.colourfulness());
    assertEquals(0.0, v.entropy());
    assertEquals(1.0, v.uniformFraction());
    assertNull(v.jpegQuality());
  }

  @Test
  void laplacianVarianceMatchesAHandComputation() {
    // 3x3 with a bright centre: one interior pixel, Laplacian = 4 * 0 - 4 * 100 = -400; variance of
    // one value = 0
    assertEquals(0.0, ImageSignals.laplacianVariance(bytes(0, 0, 0, 0, 100, 0, 0, 0, 0), 3, 3));
    // 4x3: interior pixels (1,1) and (2,1): L = 0+100+0+0-0 = 100 and 0+0+0+0-400 = -400; mean
    // -150, var 62500
    assertEquals(
        62500.0, ImageSignals.laplacianVariance(bytes(0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 0), 4, 3));
    assertEquals(0.0, ImageSignals.laplacianVariance(bytes(1, 2, 3, 4), 2, 2));
  }

  @Test
  void halfBlackHalfWhiteHasOneBitOfEntropyAndHalfContrast() {
    Pixels p = gray(2, 1, 0, 255);
    ImageSignals.Values v = ImageSignals.measure(p, null, null);
    assertEquals(1.0, v.entropy(), 1e-12);
    assertEquals(0.5, v.brightness(), 1e-12);
    assertEquals(0.5, v.contrast(), 1e-12);
    assertEquals(0.5, v.uniformFraction());
    assertEquals(0, v.fileBytes());
  }

  @Test
  void uniformFractionCountsLumaWithin8OfTheMode() {
    Pixels p = gray(5, 1, 100, 100, 108, 109, 92);
    assertEquals(0.8, ImageSignals.measure(p, null, "png").uniformFraction(), 1e-12);
  }

  @Test
  void colourfulnessFollowsHaslerAndSuesstrunk() {
    Pixels red = new Pixels(2, 2, 3, new byte[] {-1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0});
    // rg = 255, yb = 127.5 everywhere: no spread, M = 0.3 * sqrt(255^2 + 127.5^2)
    double expected = 0.3 * Math.sqrt(255 * 255 + 127.5 * 127.5);
    assertEquals(expected, ImageSignals.measure(red, null, "png").colourfulness(), 1e-9);
    // red and green pixels: rg = +-255 (sd 255, mean 0); yb = 127.5 both: M = 255 + 0.3 * 127.5
    Pixels rg = new Pixels(2, 1, 3, new byte[] {-1, 0, 0, 0, -1, 0});
    assertEquals(255 + 0.3 * 127.5, ImageSignals.measure(rg, null, "png").colourfulness(), 1e-9);
    assertEquals(0.0, ImageSignals.measure(red.toGray(), null, "png").colourfulness());
  }

  @Test
  void jpegQualityIsRecoveredExactlyForLibjpegTables() throws ImageRejected {
    BufferedImage img = Encodings.quadrants(16, 16, BufferedImage.TYPE_3BYTE_BGR);
    for (int q : new int[] {5, 10, 25, 49, 50, 51, 75, 90, 95, 100}) {
      byte[] jpeg = Encodings.jpeg(img, q);
      assertEquals((double) q, JpegQuality.estimate(jpeg), "quality " + q);
      Pixels p = ImageDecoder.decode(jpeg, null, null).pixels();
      assertEquals((double) q, ImageSignals.measure(p, jpeg, "jpeg").jpegQuality());
    }
    assertEquals(96.0, JpegQuality.estimate(ImageDecoderTest.bytes("photos/skimage-rocket.jpg")));
    assertNull(JpegQuality.estimate(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
    assertNull(JpegQuality.estimate(ImageDecoderTest.bytes("photos/skimage-horse.png")));
  }

  @Test
  void theZigZagStandardTableIsTheAnnexKTable() {
    int[] natural = {
      16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69,
      56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104,
      113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
    };
    int[] zigzag = new int[64];
    int i = 0;
    for (int s = 0; s < 15; s++) { // walk the anti-diagonals, alternating direction
      for (int k = 0; k <= s; k++) {
        int row = s % 2 == 0 ? s - k : k, col = s - row;
        if (row < 8 && col < 8) zigzag[i++] = natural[row * 8 + col];
      }
    }
    assertEquals(
        java.util.Arrays.toString(zigzag), java.util.Arrays.toString(JpegQuality.STD_LUMA_ZIGZAG));
    // quality 50 is the table itself (scale 100 %)
    for (int k = 0; k < 64; k++) assertEquals(zigzag[k], JpegQuality.scaled(zigzag[k], 50));
  }

  @Test
  void asMapUsesTheShardSchemaNamesInOrder() throws Exception {
    ImageSignals.Values v =
        ImageSignals.measure(
            gray(2, 2, 1, 2, 3, 4), Encodings.jpeg(Encodings.quadrants(8, 8, 5), 80), "jpeg");
    assertEquals(
        List.of(
            "width",
            "height",
            "aspect_ratio",
            "file_bytes",
            "blur",
            "brightness",
            "contrast",
            "colourfulness",
            "entropy",
            "uniform_fraction",
            "jpeg_quality"),
        List.copyOf(v.asMap().keySet()));
    assertEquals(80.0, v.asMap().get("jpeg_quality"));
    assertTrue(
        !ImageSignals.measure(gray(1, 1, 0), null, "png").asMap().containsKey("jpeg_quality"));
    // every name is a field of Image.avsc: the signals struct, or width/height/file_bytes at the
    // top level
    String avsc =
        Files.readString(
            Samples.root()
                .getParent()
                .getParent()
                .resolve("schemas/src/main/resources/dev/sluice/schemas/Image.avsc"));
    List<String> fields = new ArrayList<>();
    Matcher m = Pattern.compile("\"name\": \"([a-z_0-9]+)\"").matcher(avsc);
    while (m.find()) fields.add(m.group(1));
    for (String k : v.asMap().keySet()) assertTrue(fields.contains(k), k + " in Image.avsc");
  }

  @Test
  void runsOfIntSumsGiveTheLongSumsEvenAtTheExtremes() {
    // checkerboards of 0 and 255 give every interior Laplacian +-1,020, and alternating yellow and
    // blue pixels every yb2 +-510: the largest squares, in rows that fill a run of int sums (2,050
    // wide: 2,048 interior pixels) and that cross from one run into the next (4,103)
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int w : new int[] {3, 5, 2049, 2050, 4103})
      for (int h : new int[] {3, 4}) {
        for (int kind = 0; kind < 2; kind++) {
          byte[] luma = new byte[w * h], rgb = new byte[3 * w * h];
          for (int i = 0; i < w * h; i++) {
            boolean on = (i % w + i / w) % 2 == 0;
            luma[i] = (byte) (kind == 0 ? (on ? 255 : 0) : rnd.nextInt(256));
            int r = kind == 0 ? (on ? 255 : 0) : rnd.nextInt(256);
            int b = kind == 0 ? (on ? 0 : 255) : rnd.nextInt(256);
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) (kind == 0 ? r : rnd.nextInt(256));
            rgb[3 * i + 2] = (byte) b;
          }
          String at = w + "x" + h + " kind " + kind;
          assertEquals(
              laplacianWithLongs(luma, w, h), ImageSignals.laplacianVariance(luma, w, h), at);
          assertEquals(colourWithLongs(rgb), ImageSignals.colourfulness(rgb, w * h), at);
        }
      }
  }

  /** The definitions with a long sum per pixel, as they were computed before runs of int sums. */
  private static double laplacianWithLongs(byte[] l, int w, int h) {
    long sum = 0, sumSq = 0;
    for (int y = 1; y < h - 1; y++)
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        long lap =
            (l[i - 1] & 0xFF)
                + (l[i + 1] & 0xFF)
                + (l[i - w] & 0xFF)
                + (l[i + w] & 0xFF)
                - 4L * (l[i] & 0xFF);
        sum += lap;
        sumSq += lap * lap;
      }
    double m = (double) (w - 2) * (h - 2);
    return Math.max(0.0, ((double) sumSq * m - (double) sum * sum) / (m * m));
  }

  private static double colourWithLongs(byte[] rgb) {
    long rgSum = 0, rgSq = 0, yb2Sum = 0, yb2Sq = 0;
    int n = rgb.length / 3;
    for (int j = 0; j < rgb.length; j += 3) {
      long r = rgb[j] & 0xFF, g = rgb[j + 1] & 0xFF, b = rgb[j + 2] & 0xFF;
      long rg = r - g, yb2 = r + g - 2 * b;
      rgSum += rg;
      rgSq += rg * rg;
      yb2Sum += yb2;
      yb2Sq += yb2 * yb2;
    }
    double rgMean = (double) rgSum / n, ybMean = (double) yb2Sum / n / 2;
    double rgVar = Math.max(0.0, (double) rgSq / n - rgMean * rgMean);
    double ybVar = Math.max(0.0, (double) yb2Sq / n / 4 - ybMean * ybMean);
    return StrictMath.sqrt(rgVar + ybVar)
        + 0.3 * StrictMath.sqrt(rgMean * rgMean + ybMean * ybMean);
  }

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
    return b;
  }

  static byte[] filled(int n, byte v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, v);
    return b;
  }
}
