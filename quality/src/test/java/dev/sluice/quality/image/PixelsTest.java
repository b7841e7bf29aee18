package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PixelsTest {
  @Test
  void thousandthIsTheIntegerDivisionOverTheWholeRangeOfLumaSums() {
    for (int x = 0; x <= 255 * 1000 + 500; x++)
      assertEquals(x / 1000, Pixels.thousandth(x), "x = " + x);
  }

  @Test
  void lumaUsesTheBt601WeightsRoundedToTheNearestInteger() {
    byte[] rgb = {
      (byte) 255,
      0,
      0,
      0,
      (byte) 255,
      0,
      0,
      0,
      (byte) 255,
      (byte) 255,
      (byte) 255,
      (byte) 255,
      1,
      1,
      1
    };
    Pixels p = new Pixels(5, 1, Pixels.RGB, rgb);
    // (299 * 255 + 500) / 1000 = 76; 587 * 255 -> 150; 114 * 255 -> 29; white 255; (1000 + 500) /
    // 1000 = 1
    assertArrayEquals(new byte[] {76, (byte) 150, 29, (byte) 255, 1}, p.luma());
  }
}
