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
  void areaResizeAveragesExactly() {
    // 4x1 -> 2x1: pairs averaged; sums are scaled by w*h = 4
    assertEquals(
        List.of(4L * 15, 4L * 35),
        asList(PerceptualHash.areaResize(ImageSignalsTest.bytes(10, 20, 30, 40), 4, 1, 2, 1)));
    // 3x1 -> 2x1: output 0 covers pixel 0 and half of pixel 1 (weights 2, 1 of 3)
    assertEquals(
        List.of(2L * 30 + 60, 60L + 2 * 90),
        asList(PerceptualHash.areaResize(ImageSignalsTest.bytes(30, 60, 90), 3, 1, 2, 1)));
    // up-scaling 1x1 -> 2x2 repeats the sample
    assertEquals(
        List.of(7L, 7L, 7L, 7L),
        asList(PerceptualHash.areaResize(ImageSignalsTest.bytes(7), 1, 1, 2, 2)));
  }

  @Test
  void areaResizeEqualsTheOverlapWeightedSumAtEverySize() {
    // the definition, one input pixel at a time: on a common axis, input x spans
    // [x ow, (x + 1) ow) and output i spans [i w, (i + 1) w)
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
    int[] sizes = {1, 2, 3, 7, 8, 9, 28, 31, 32, 33, 64, 97, 250, 1000};
    for (int w : sizes)
      for (int h : new int[] {1, 9, 33, 70})
        for (int[] o : new int[][] {{32, 32}, {9, 8}, {5, 3}}) {
          byte[] src = new byte[w * h];
          for (int i = 0; i < src.length; i++) src[i] = (byte) rnd.nextInt(256);
          long[] want = new long[o[0] * o[1]];
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              for (int j = 0; j < o[1]; j++)
                for (int i = 0; i < o[0]; i++) {
                  long ox = overlap(x, o[0], i, w), oy = overlap(y, o[1], j, h);
                  want[j * o[0] + i] += (src[y * w + x] & 0xFF) * ox * oy;
                }
          assertEquals(
              asList(want),
              asList(PerceptualHash.areaResize(src, w, h, o[0], o[1])),
              w + "x" + h + " -> " + o[0] + "x" + o[1]);
          int[] inInt = PerceptualHash.areaResizeInt(src, w, h, o[0], o[1]);
          long[] widened = new long[inInt.length];
          for (int i = 0; i < inInt.length; i++) widened[i] = inInt[i];
          assertEquals(
              asList(want), asList(widened), "int: " + w + "x" + h + " -> " + o[0] + "x" + o[1]);
        }
  }

  @Test
  void theIntResizeHoldsUpToItsLargestImage() {
    // white, the largest sum: every output is 255 w h, just below 2^31 at INT_AREA pixels
    int w = (int) PerceptualHash.INT_AREA;
    byte[] white = new byte[w];
    java.util.Arrays.fill(white, (byte) 255);
    for (int[] o : new int[][] {{32, 32}, {9, 8}}) {
      long[] wide = PerceptualHash.areaResize(white, w, 1, o[0], o[1]);
      int[] narrow = PerceptualHash.areaResizeInt(white, w, 1, o[0], o[1]);
      for (int i = 0; i < wide.length; i++) {
        assertEquals(255L * w, wide[i]);
        assertEquals(wide[i], narrow[i]);
      }
    }
    // and down-scaling both ways (the vertical pass sums rows), 2901 x 2901 just under the bound
    int side = 2901;
    assertTrue((long) side * side <= PerceptualHash.INT_AREA);
    byte[] square = new byte[side * side];
    java.util.Arrays.fill(square, (byte) 255);
    for (int[] o : new int[][] {{32, 32}, {9, 8}}) {
      int[] narrow = PerceptualHash.areaResizeInt(square, side, side, o[0], o[1]);
      for (int v : narrow) assertEquals(255L * side * side, v);
    }
  }

  /** How much input cell x (length n) and output cell i (length m) share on the common axis. */
  private static long overlap(int x, int n, int i, int m) {
    long lo = Math.max((long) x * n, (long) i * m),
        hi = Math.min((long) (x + 1) * n, (long) (i + 1) * m);
    return Math.max(0, hi - lo);
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
  void hammingCountsDifferingBits() {
    assertEquals(0, PerceptualHash.hamming(5, 5));
    assertEquals(64, PerceptualHash.hamming(0, -1));
    assertEquals(2, PerceptualHash.hamming(0b1010, 0b0000));
  }

  static List<Long> asList(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
