package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.Pixels;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
  @Test
  void aSquareImageIsAveragedInWholeBoxes() {
    byte[] data = new byte[128 * 128];
    for (int y = 0; y < 128; y++)
      for (int x = 0; x < 128; x++) data[y * 128 + x] = (byte) (x % 2 * 100);
    Pixels t = Thumbnails.shrink(new Pixels(128, 128, 1, data));
    assertEquals(64, t.width());
    assertEquals(64, t.height());
    for (int i = 0; i < 64 * 64; i++) assertEquals(50, t.data()[i] & 0xFF);
  }

  @Test
  void aStripThinnerThanTheBoxBecomesOnePixelHigh() {
    // 1000 x 10: the box is 16 px, taller than the strip; each output pixel averages the 16 x 10 it
    // has
    byte[] data = new byte[1000 * 10 * 3];
    for (int y = 0; y < 10; y++)
      for (int x = 0; x < 1000; x++) data[(y * 1000 + x) * 3] = (byte) (y < 5 ? 200 : 0);
    Pixels t = Thumbnails.shrink(new Pixels(1000, 10, 3, data));
    assertEquals(62, t.width());
    assertEquals(1, t.height());
    for (int x = 0; x < 62; x++) assertEquals(100, t.at(x, 0, 0));
    assertNotNull(Thumbnails.uri("strip", ImageDecoder.encodePng(new Pixels(1000, 10, 3, data))));
  }

  @Test
  void aColumnOnePixelWideKeepsItsOnePixel() {
    byte[] data = new byte[300];
    for (int y = 0; y < 300; y++) data[y] = (byte) y;
    Pixels t = Thumbnails.shrink(new Pixels(1, 300, 1, data));
    assertEquals(1, t.width());
    assertEquals(60, t.height());
    assertEquals(2, t.at(0, 0, 0)); // (0 + 1 + 2 + 3 + 4) / 5
  }
}
