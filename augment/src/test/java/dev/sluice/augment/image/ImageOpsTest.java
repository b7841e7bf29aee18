package dev.sluice.augment.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;
import org.junit.jupiter.api.Test;

/** Each op's invariants on generated images. */
class ImageOpsTest {
  private final Pixels rgb = TestImages.rgb(64, 48, 1);
  private final Pixels square = TestImages.rgb(40, 40, 2);
  private final Pixels gray = TestImages.gray(64, 48, 3);

  @Test
  void flippingTwiceGivesTheImageBack() {
    assertEquals(rgb, Geometric.flipHorizontal(Geometric.flipHorizontal(rgb)));
    assertEquals(rgb, Geometric.flipVertical(Geometric.flipVertical(rgb)));
    assertNotEquals(rgb, Geometric.flipHorizontal(rgb));
    assertEquals(rgb.at(0, 5, 1), Geometric.flipHorizontal(rgb).at(63, 5, 1));
    assertEquals(rgb.at(7, 0, 2), Geometric.flipVertical(rgb).at(7, 47, 2));
  }

  @Test
  void zeroMagnitudeWarpsAreTheIdentity() {
    assertEquals(rgb, Geometric.rotate(rgb, 0));
    assertEquals(rgb, Geometric.shearX(rgb, 0));
    assertEquals(rgb, Geometric.shearY(rgb, 0));
    assertEquals(rgb, Geometric.translate(rgb, 0, 0));
    assertEquals(rgb, Geometric.affine(rgb, 0, 0, 0, 0, 0));
    assertEquals(rgb, Geometric.crop(rgb, 1.0, new AugmentRng(1)));
  }

  @Test
  void fourQuarterTurnsGiveASquareImageBack() {
    Pixels p = square;
    for (int i = 0; i < 4; i++) p = Geometric.rotate(p, 90);
    assertEquals(square, p);
    // counter-clockwise: the top-right corner goes to the top-left
    assertEquals(square.at(39, 0, 0), Geometric.rotate(square, 90).at(0, 0, 0));
  }

  @Test
  void rotationFillsUncoveredCornersWithZero() {
    Pixels white = TestImages.constant(50, 50, 3, 255);
    Pixels r = Geometric.rotate(white, 45);
    assertEquals(0, r.at(0, 0, 0));
    assertEquals(255, r.at(25, 25, 2));
  }

  @Test
  void translationMovesByWholePixels() {
    Pixels t = Geometric.translate(rgb, 5, -3);
    assertEquals(rgb.at(10, 20, 0), t.at(15, 17, 0));
    assertEquals(0, t.at(2, 10, 1));
  }

  @Test
  void resizedCropHasTheRequestedSizeAndABoxInsideTheImage() {
    for (int s = 0; s < 200; s++) {
      Geometric.Box b = Geometric.resizedCropBox(rgb, new AugmentRng(s), 0.08, 1, 0.75, 4.0 / 3);
      assertTrue(b.left() >= 0 && b.top() >= 0, b.toString());
      assertTrue(b.left() + b.width() <= 64 && b.top() + b.height() <= 48, b.toString());
      double area = b.area(rgb);
      assertTrue(area >= 0.07 && area <= 1.0, b.toString());
    }
    Pixels out = Geometric.resize(rgb, new Geometric.Box(0, 0, 64, 48), 32, 24);
    assertEquals(32, out.width());
    assertEquals(24, out.height());
    assertEquals(rgb, Geometric.resize(rgb, new Geometric.Box(0, 0, 64, 48), 64, 48));
  }

  @Test
  void posterizeEightBitsAndFactorOneAreTheIdentity() {
    assertEquals(rgb, Tone.posterize(rgb, 8));
    assertEquals(rgb, Tone.brightness(rgb, 1));
    assertEquals(rgb, Tone.contrast(rgb, 1));
    assertEquals(rgb, Tone.saturation(rgb, 1));
    assertEquals(rgb, Tone.sharpness(rgb, 1));
    assertEquals(rgb, Hue.shift(rgb, 0));
    assertEquals(rgb, Tone.solarize(rgb, 256));
    assertEquals(Tone.invert(rgb), Tone.solarize(rgb, 0));
    assertEquals(rgb, Tone.invert(Tone.invert(rgb)));
    for (byte b : Tone.posterize(rgb, 2).data()) assertEquals(0, b & 0x3F);
  }

  @Test
  void brightnessIsMonotoneInItsFactor() {
    Pixels prev = Tone.brightness(rgb, 0);
    for (byte b : prev.data()) assertEquals(0, b);
    for (double f = 0.1; f <= 2.0; f += 0.1) {
      Pixels next = Tone.brightness(rgb, f);
      for (int i = 0; i < rgb.data().length; i++)
        assertTrue((next.data()[i] & 0xFF) >= (prev.data()[i] & 0xFF), "factor " + f + " at " + i);
      assertTrue(TestImages.mean(next) > TestImages.mean(prev));
      prev = next;
    }
  }

  @Test
  void zeroSaturationIsGrayAndContrastZeroIsTheMeanLuma() {
    Pixels s = Tone.saturation(rgb, 0);
    for (int i = 0; i < s.pixelCount(); i++) {
      assertEquals(s.data()[3 * i], s.data()[3 * i + 1]);
      assertEquals(s.data()[3 * i], s.data()[3 * i + 2]);
    }
    Pixels c = Tone.contrast(rgb, 0);
    for (byte b : c.data()) assertEquals(c.data()[0], b);
  }

  @Test
  void hueTurnsRedToGreenAtAThirdOfTheCircle() {
    Pixels red = new Pixels(1, 1, 3, new byte[] {(byte) 255, 0, 0});
    assertEquals(new Pixels(1, 1, 3, new byte[] {0, (byte) 255, 0}), Hue.shift(red, 1.0 / 3));
    assertEquals(new Pixels(1, 1, 3, new byte[] {0, 0, (byte) 255}), Hue.shift(red, -1.0 / 3));
    Pixels p = Hue.shift(rgb, 0.2);
    for (int i = 0; i < rgb.pixelCount(); i++) { // value (max) and chroma (max − min) are kept
      int[] a = {
        rgb.data()[3 * i] & 0xFF, rgb.data()[3 * i + 1] & 0xFF, rgb.data()[3 * i + 2] & 0xFF
      };
      int[] b = {p.data()[3 * i] & 0xFF, p.data()[3 * i + 1] & 0xFF, p.data()[3 * i + 2] & 0xFF};
      assertEquals(max(a), max(b));
      assertEquals(max(a) - min(a), max(b) - min(b));
    }
  }

  @Test
  void equalizedHistogramIsRoughlyFlat() {
    // a skewed gray image: values crowd at the dark end
    byte[] d = new byte[128 * 128];
    for (int i = 0; i < d.length; i++) d[i] = (byte) (i % 251 * (i % 251) / 250);
    Pixels skew = new Pixels(128, 128, 1, d);
    int[] before = quarters(skew), after = quarters(Tone.equalize(skew));
    assertTrue(before[0] > d.length / 2, "the input is skewed");
    for (int q : after) assertTrue(Math.abs(q - d.length / 4) < d.length / 16, "quarter " + q);
  }

  @Test
  void autocontrastStretchesEachChannelToTheFullRange() {
    Pixels p = Tone.autocontrast(Tone.brightness(rgb, 0.5));
    for (int k = 0; k < 3; k++) {
      int lo = 255, hi = 0;
      for (int i = k; i < p.data().length; i += 3) {
        lo = Math.min(lo, p.data()[i] & 0xFF);
        hi = Math.max(hi, p.data()[i] & 0xFF);
      }
      assertEquals(0, lo);
      assertEquals(255, hi);
    }
    Pixels flat = TestImages.constant(8, 8, 1, 77);
    assertEquals(flat, Tone.autocontrast(flat));
  }

  @Test
  void cutoutErasesTheRequestedArea() {
    Pixels white = TestImages.constant(100, 100, 3, 200);
    for (int s = 0; s < 50; s++) {
      Pixels out = Erase.cutout(white, 0.2, new AugmentRng(s));
      int zero = 0;
      for (int i = 0; i < out.pixelCount(); i++) if (out.data()[3 * i] == 0) zero++;
      assertTrue(
          Math.abs(zero - 2000) <= 120, "erased " + zero + " of 10000 for area 0.2, seed " + s);
    }
  }

  @Test
  void blurKeepsAConstantImageAndSmoothsAnother() {
    Pixels flat = TestImages.constant(30, 20, 3, 123);
    assertEquals(flat, Blur.gaussian(flat, 2.5));
    int sum = 0;
    for (int q : Blur.kernel(1.7, 100)) sum += q;
    assertEquals(1 << 14, sum);
    Pixels noisy = Noise.gaussian(TestImages.constant(64, 64, 1, 128), 30, new AugmentRng(5));
    assertTrue(sd(Blur.gaussian(noisy, 2)) < sd(noisy) / 3);
    assertEquals(rgb, Blur.gaussian(rgb, 0));
  }

  @Test
  void noiseHasTheRequestedSigma() {
    Pixels out = Noise.gaussian(TestImages.constant(200, 200, 1, 128), 10, new AugmentRng(9));
    assertEquals(128, TestImages.mean(out), 0.2);
    assertEquals(10, sd(out), 0.3);
    int[] z = Noise.table();
    long sum = 0;
    for (int i = 0; i < z.length; i++) {
      sum += z[i];
      assertEquals(-z[i], z[z.length - 1 - i], "symmetric");
    }
    assertEquals(0, sum);
    assertEquals(1.959964, Noise.inverseNormal(0.975), 1e-6);
  }

  @Test
  void grayImagesStayGrayAndEveryOpKeepsTheSize() {
    for (ImageOp op : ImageOp.values()) {
      double m =
          switch (op) {
            case POSTERIZE -> 4;
            case SOLARIZE -> 128;
            case CROP -> 0.7;
            case ROTATE, AFFINE -> 20;
            case BLUR -> 1.5;
            case NOISE -> 8;
            case CUTOUT -> 0.1;
            default -> 0.3;
          };
      Pixels g = op.apply(gray, m, new AugmentRng(3));
      assertEquals(1, g.channels(), op.label());
      assertEquals(64, g.width(), op.label());
      assertEquals(48, g.height(), op.label());
      Pixels c = op.apply(rgb, m, new AugmentRng(3));
      assertEquals(3, c.channels(), op.label());
      assertEquals(64, c.width(), op.label());
    }
    assertEquals(gray, Tone.saturation(gray, 0));
    assertEquals(gray, Hue.shift(gray, 0.4));
  }

  private static int[] quarters(Pixels p) {
    int[] q = new int[4];
    for (byte b : p.data()) q[(b & 0xFF) / 64]++;
    return q;
  }

  private static double sd(Pixels p) {
    double mean = TestImages.mean(p), s = 0;
    for (byte b : p.data()) s += ((b & 0xFF) - mean) * ((b & 0xFF) - mean);
    return Math.sqrt(s / p.data().length);
  }

  private static int max(int[] a) {
    return Math.max(a[0], Math.max(a[1], a[2]));
  }

  private static int min(int[] a) {
    return Math.min(a[0], Math.min(a[1], a[2]));
  }
}
