package dev.sluice.trainer.image;

import dev.sluice.quality.image.Pixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Encoded image bytes (a shard's {@code image} column) to {@link Pixels}: gray stays one channel, anything else
 * becomes RGB. The one place the trainer decodes, so it can move to quality/'s ImageDecoder in one line.
 */
final class PixelDecoding {
  private PixelDecoding() {}

  /** Decodes or throws an {@link IOException} naming {@code name}. */
  static Pixels decode(byte[] bytes, String name) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    if (img == null) throw new IOException(name + ": not a decodable image");
    int w = img.getWidth();
    int h = img.getHeight();
    boolean gray =
        img.getType() == BufferedImage.TYPE_BYTE_GRAY
            || (img.getColorModel().getNumColorComponents() == 1
                && img.getColorModel().getPixelSize() <= 8
                && !img.getColorModel().hasAlpha());
    if (gray) {
      byte[] out = new byte[w * h];
      img.getRaster().getDataElements(0, 0, w, h, out);
      return new Pixels(w, h, Pixels.GRAY, out);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] out = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = p >>> 24;
      for (int c = 0; c < 3; c++) {
        int v = (p >>> (16 - 8 * c)) & 0xFF;
        out[i * 3 + c] = (byte) ((v * a + 255 * (255 - a) + 127) / 255); // onto white
      }
    }
    return new Pixels(w, h, Pixels.RGB, out);
  }
}
