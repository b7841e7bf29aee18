package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {
  static Pixels photo(String name) throws ImageRejected {
    return ImageDecoder.decode(ImageDecoderTest.bytes("photos/" + name), null, null).pixels();
  }

  @Test
  void dhashOfAHorizontalRampIsAllOnesAndOfItsMirrorAllZeros() {
    byte[] ramp = new byte[90 * 8];
    for (int y = 0; y < 8; y++) for (int x = 0; x < 90; x++) ramp[y * 90 + x] = (byte) (x * 2);
    Pixels p = new Pixels(90, 8, 1, ramp);
    assertEquals(-1L, PerceptualHash.dhash(p));
    assertEquals(0L, PerceptualHash.dhash(Orientation.apply(p, 2)));
  }

  @Test
  void phashSetsHalfTheBitsAndIsStableUnderReencodingAndResizing() throws ImageRejected {
    Pixels cat = photo("skimage-chelsea.png");
    long h = PerceptualHash.phash(cat);
    assertEquals(32, Long.bitCount(h), "bits above the median of 64 distinct coefficients");
    // lossless re-encoding: identical hashes
    Pixels again = ImageDecoder.decode(ImageDecoder.encodePng(cat), null, null).pixels();
    assertEquals(h, PerceptualHash.phash(again));
    // JPEG at quality 75 and a half-size copy stay close
    byte[] jpeg = Encodings.jpeg(BufferedImages.fromPixels(cat), 75);
    Pixels lossy = ImageDecoder.decode(jpeg, null, null).pixels();
    assertTrue(PerceptualHash.hamming(h, PerceptualHash.phash(lossy)) <= 2);
    assertTrue(PerceptualHash.hamming(PerceptualHash.dhash(cat), PerceptualHash.dhash(lossy)) <= 4);
    Pixels half = IconGroundTruthTest.resize(cat, cat.width() / 2, cat.height() / 2);
    assertTrue(PerceptualHash.hamming(h, PerceptualHash.phash(half)) <= 2);
  }

  @Test
  void differentPhotosAreFarApart() throws ImageRejected {
    List<Path> photos = Samples.files("photos");
    long[] p = new long[photos.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] =
          PerceptualHash.phash(
              ImageDecoder.decode(Samples.bytes(photos.get(i)), null, null).pixels());
    }
    int closest = 64;
    for (int i = 0; i < p.length; i++) {
      for (int j = i + 1; j < p.length; j++)
        closest = Math.min(closest, PerceptualHash.hamming(p[i], p[j]));
    }
    assertTrue(closest > PerceptualDedupSettings.DEFAULT_THRESHOLD, "closest pair " + closest);
  }

  @Test
  void hashesAreTheSameForGrayAndItsRgbCopy() throws ImageRejected {
    Pixels camera = photo("skimage-camera.png");
    assertEquals(PerceptualHash.phash(camera), PerceptualHash.phash(camera.toRgb()));
    assertEquals(PerceptualHash.dhash(camera), PerceptualHash.dhash(camera.toRgb()));
  }

  @Test
  void hashesArePinnedSoAnyDriftAcrossJvmsShows() throws ImageRejected {
    Pixels cat = photo("skimage-chelsea.png");
    assertEquals("0xb15fe6465121175e", "0x" + Long.toHexString(PerceptualHash.phash(cat)));
    assertEquals("0x54145a9aa94b878f", "0x" + Long.toHexString(PerceptualHash.dhash(cat)));
  }

  @Test
  void theSelectedMedianIsTheSortedOne() {
    // random values, many ties (small integers), signed zeros and sorted or reversed runs:
    // selection must find
    // the same two middle values as sorting, for every kind of input the DCT can give
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 20_000; round++) {
      double[] v = new double[64];
      int kind = round % 4;
      for (int i = 0; i < 64; i++) {
        v[i] =
            switch (kind) {
              case 0 -> random.nextGaussian() * 1e4;
              case 1 -> random.nextInt(5) - 2;
              case 2 -> random.nextBoolean() ? 0.0 : -0.0;
              default -> i * (round % 8 < 4 ? 1.5 : -1.5);
            };
      }
      double[] sorted = v.clone();
      java.util.Arrays.sort(sorted);
      double expected = (sorted[31] + sorted[32]) / 2;
      double got = PerceptualHash.median64(v);
      assertEquals(expected, got, 0.0, "round " + round);
    }
  }

  @Test
  void aPlaneThatDoesNotMatchItsSizeIsAClearError() {
    for (int[] wh : new int[][] {{0, 5}, {5, 0}, {-1, 4}, {3, 3}}) {
      byte[] plane = new byte[wh[0] == 3 ? 8 : 0];
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class, () -> PerceptualHash.phash(plane, wh[0], wh[1]));
      assertTrue(e.getMessage().contains(wh[0] + "x" + wh[1]), e.getMessage());
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> PerceptualHash.dhash(plane, wh[0], wh[1]));
    }
  }

  @Test
  void hammingCountsDifferingBits() {
    assertEquals(0, PerceptualHash.hamming(5, 5));
    assertEquals(64, PerceptualHash.hamming(0, -1));
    assertEquals(2, PerceptualHash.hamming(0b1010, 0b0000));
  }

  @Test
  void smallImagesHashAsTheGeneralResizeGivesThem() {
    // images of up to 32 x 32 take AreaResize.upscaleTo32 and a per-thread plane; their pHash
    // must be the bits the general int resize gives, at every size and on planes with ties
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(29);
    for (int w = 1; w <= 32; w++)
      for (int h = 1; h <= 32; h++)
        for (int kind = 0; kind < 3; kind++) {
          byte[] src = new byte[w * h];
          for (int i = 0; i < src.length; i++)
            src[i] =
                (byte)
                    switch (kind) {
                      case 0 -> rnd.nextInt(256);
                      case 1 -> rnd.nextInt(3) * 127;
                      default -> (i % w) * 255 / w;
                    };
          double[] small = new double[32 * 32];
          PerceptualHash.transpose(AreaResize.areaResizeInt(src, w, h, 32, 32), small);
          assertEquals(
              PerceptualHash.phashOfResized(small),
              PerceptualHash.phash(src, w, h),
              w + "x" + h + " kind " + kind);
        }
  }

  @Test
  void phashIsTheTextbookDctInIndexOrder() {
    // the plain formulation (long sums, each DCT sum added in index order, the median by
    // sorting) on small and large sizes and on planes with ties: the unrolled, transposed code
    // must give the very same bits, since a coefficient at the median flips on any rounding
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(31);
    for (int round = 0; round < 600; round++) {
      int w = 1 + rnd.nextInt(round % 2 == 0 ? 32 : 90),
          h = 1 + rnd.nextInt(round % 3 == 0 ? 32 : 90);
      byte[] src = new byte[w * h];
      int kind = round % 3;
      for (int i = 0; i < src.length; i++)
        src[i] =
            (byte) (kind == 0 ? rnd.nextInt(256) : kind == 1 ? rnd.nextInt(2) * 255 : i % w * 7);
      assertEquals(textbookPhash(src, w, h), PerceptualHash.phash(src, w, h), w + "x" + h);
    }
  }

  @Test
  void phashIsTheTextbookDctAlsoForLargeImages() {
    // over AreaResize.INT_AREA pixels the resize sums in long, and that path transposes too
    int w = 3000, h = 2900;
    assertTrue((long) w * h > AreaResize.INT_AREA);
    byte[] src = new byte[w * h];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(37);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        src[y * w + x] = (byte) ((x / 97 * 31 + y / 89 * 17 + rnd.nextInt(9)) & 0xFF);
    assertEquals(textbookPhash(src, w, h), PerceptualHash.phash(src, w, h));
  }

  private static long textbookPhash(byte[] luma, int w, int h) {
    long[] sums = AreaResize.areaResize(luma, w, h, 32, 32);
    double[][] cos = new double[8][32];
    for (int u = 0; u < 8; u++)
      for (int x = 0; x < 32; x++)
        cos[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / 64.0);
    double[][] rows = new double[32][8];
    for (int y = 0; y < 32; y++)
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int x = 0; x < 32; x++) s += (double) sums[y * 32 + x] * cos[u][x];
        rows[y][u] = s;
      }
    double[] coef = new double[64];
    for (int v = 0; v < 8; v++)
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int y = 0; y < 32; y++) s += rows[y][u] * cos[v][y];
        coef[v * 8 + u] = s;
      }
    double[] sorted = coef.clone();
    java.util.Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long bits = 0;
    for (double c : coef) bits = bits << 1 | (c > median ? 1 : 0);
    return bits;
  }

  static List<Long> asList(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
