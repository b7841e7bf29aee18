package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaResizeTest {
  @Test
  void areaResizeAveragesExactly() {
    // 4x1 -> 2x1: pairs averaged; sums are scaled by w*h = 4
    assertEquals(
        List.of(4L * 15, 4L * 35),
        asList(AreaResize.areaResize(ImageSignalsTest.bytes(10, 20, 30, 40), 4, 1, 2, 1)));
    // 3x1 -> 2x1: output 0 covers pixel 0 and half of pixel 1 (weights 2, 1 of 3)
    assertEquals(
        List.of(2L * 30 + 60, 60L + 2 * 90),
        asList(AreaResize.areaResize(ImageSignalsTest.bytes(30, 60, 90), 3, 1, 2, 1)));
    // up-scaling 1x1 -> 2x2 repeats the sample
    assertEquals(
        List.of(7L, 7L, 7L, 7L),
        asList(AreaResize.areaResize(ImageSignalsTest.bytes(7), 1, 1, 2, 2)));
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
              asList(AreaResize.areaResize(src, w, h, o[0], o[1])),
              w + "x" + h + " -> " + o[0] + "x" + o[1]);
          int[] inInt = AreaResize.areaResizeInt(src, w, h, o[0], o[1]);
          long[] widened = new long[inInt.length];
          for (int i = 0; i < inInt.length; i++) widened[i] = inInt[i];
          assertEquals(
              asList(want), asList(widened), "int: " + w + "x" + h + " -> " + o[0] + "x" + o[1]);
        }
  }

  @Test
  void theIntResizeHoldsUpToItsLargestImage() {
    // white, the largest sum: every output is 255 w h, just below 2^31 at INT_AREA pixels
    int w = (int) AreaResize.INT_AREA;
    byte[] white = new byte[w];
    java.util.Arrays.fill(white, (byte) 255);
    for (int[] o : new int[][] {{32, 32}, {9, 8}}) {
      long[] wide = AreaResize.areaResize(white, w, 1, o[0], o[1]);
      int[] narrow = AreaResize.areaResizeInt(white, w, 1, o[0], o[1]);
      for (int i = 0; i < wide.length; i++) {
        assertEquals(255L * w, wide[i]);
        assertEquals(wide[i], narrow[i]);
      }
    }
    // and down-scaling both ways (the vertical pass sums rows), 2901 x 2901 just under the bound
    int side = 2901;
    assertTrue((long) side * side <= AreaResize.INT_AREA);
    byte[] square = new byte[side * side];
    java.util.Arrays.fill(square, (byte) 255);
    for (int[] o : new int[][] {{32, 32}, {9, 8}}) {
      int[] narrow = AreaResize.areaResizeInt(square, side, side, o[0], o[1]);
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
  void theSmallImagePathGivesTheIntResizesSums() {
    // every size upscaleTo32 takes, on random planes and on white (the largest sums), transposed
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(23);
    double[] out = new double[32 * 32];
    for (int w = 1; w <= 32; w++)
      for (int h = 1; h <= 32; h++)
        for (boolean white : new boolean[] {false, true}) {
          byte[] src = new byte[w * h];
          for (int i = 0; i < src.length; i++) src[i] = (byte) (white ? 255 : rnd.nextInt(256));
          int[] want = AreaResize.areaResizeInt(src, w, h, 32, 32);
          double[] wide = new double[want.length]; // column after column
          for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) wide[x * 32 + y] = want[y * 32 + x];
          java.util.Arrays.fill(out, -1);
          AreaResize.upscaleTo32(src, w, h, out);
          assertArrayEquals(wide, out, 0.0, w + "x" + h);
        }
  }

  static List<Long> asList(long[] a) {
    return PerceptualHashTest.asList(a);
  }
}
