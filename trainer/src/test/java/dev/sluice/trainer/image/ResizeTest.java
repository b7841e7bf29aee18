package dev.sluice.trainer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.quality.image.Pixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ResizeTest {
  @Test
  void halvingAveragesEachTwoByTwoBlock() {
    byte[] d = new byte[16];
    for (int i = 0; i < 16; i++) d[i] = (byte) (i * 10);
    Pixels out = Resize.square(new Pixels(4, 4, 1, d), 2);
    // block (0,0): 0,10,40,50 -> 25; (1,0): 20,30,60,70 -> 45; (0,1): 80,90,120,130 -> 105; (1,1)
    // -> 125
    assertArrayEquals(new byte[] {25, 45, 105, 125}, out.data());
  }

  @Test
  void fractionalAreasWeighEdgePixelsByOverlap() {
    // 3 -> 2: output 0 covers [0, 1.5): pixel 0 fully, pixel 1 by half
    Pixels in =
        new Pixels(
            3, 1 * 3, 1, new byte[] {0, 90, (byte) 180, 0, 90, (byte) 180, 0, 90, (byte) 180});
    Pixels out = Resize.square(in, 2);
    assertEquals(30, out.at(0, 0, 0)); // (0 + 0.5·90) / 1.5
    assertEquals(150, out.at(1, 0, 0)); // (0.5·90 + 180) / 1.5
  }

  @Test
  void decodingKeepsGrayGrayAndMakesColourRgb() throws IOException {
    BufferedImage g = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    g.getRaster().setSample(1, 1, 0, 77);
    Pixels pg = PixelDecoding.decode(TestImages.png(g), "g");
    assertEquals(1, pg.channels());
    assertEquals(77, pg.at(1, 1, 0));
    BufferedImage c = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    c.setRGB(1, 0, 0x102030);
    Pixels pc = PixelDecoding.decode(TestImages.png(c), "c");
    assertEquals(3, pc.channels());
    assertEquals(0x20, pc.at(1, 0, 1));
  }
}
