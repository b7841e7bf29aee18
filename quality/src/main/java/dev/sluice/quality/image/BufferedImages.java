package dev.sluice.quality.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts what an ImageIO reader returns into {@link Pixels} and back. The rules: a gray source (a gray colour
 * space, or a palette whose entries are all gray) stays one channel, everything else becomes RGB; samples wider
 * than 8 bits are rounded to 8 ({@code (v * 255 + max / 2) / max}); alpha is composited onto white with integer
 * arithmetic, so the same file gives the same bytes on every JVM.
 */
final class BufferedImages {
  private BufferedImages() {}

  static Pixels toPixels(BufferedImage img) {
    int w = img.getWidth(), h = img.getHeight();
    ColorModel cm = img.getColorModel();
    Raster r = img.getRaster();
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
        && r.getDataBuffer() instanceof DataBufferByte d
        && d.getNumBanks() == 1
        && d.getData().length == w * h * 3) {
      return fromBgr(d.getData(), w, h);
    }
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY
        && r.getDataBuffer() instanceof DataBufferByte d
        && d.getNumBanks() == 1
        && d.getData().length == w * h) {
      return new Pixels(w, h, Pixels.GRAY, d.getData().clone());
    }
    if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
      return grayFromRaster(cm, r, w, h);
    }
    if (cm instanceof IndexColorModel icm && allGray(icm)) {
      return grayFromArgb(img, w, h);
    }
    return rgbFromArgb(img, w, h);
  }

  /** The image as ImageIO's PNG writer wants it: 8-bit gray, or 8-bit BGR. */
  static BufferedImage fromPixels(Pixels p) {
    int w = p.width(), h = p.height();
    if (p.channels() == Pixels.GRAY) {
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      System.arraycopy(p.data(), 0, dst, 0, dst.length);
      return img;
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    byte[] src = p.data();
    for (int i = 0; i < src.length; i += 3) {
      dst[i] = src[i + 2];
      dst[i + 1] = src[i + 1];
      dst[i + 2] = src[i];
    }
    return img;
  }

  private static Pixels fromBgr(byte[] src, int w, int h) {
    byte[] out = new byte[w * h * 3];
    for (int i = 0; i < out.length; i += 3) {
      out[i] = src[i + 2];
      out[i + 1] = src[i + 1];
      out[i + 2] = src[i];
    }
    return new Pixels(w, h, Pixels.RGB, out);
  }

  /** Gray samples taken as stored (no gamma conversion), scaled to 8 bits, with alpha composited onto white. */
  private static Pixels grayFromRaster(ColorModel cm, Raster r, int w, int h) {
    int bands = r.getNumBands();
    int grayMax = (1 << cm.getComponentSize(0)) - 1;
    boolean alpha = cm.hasAlpha() && bands >= 2;
    int alphaMax = alpha ? (1 << cm.getComponentSize(bands - 1)) - 1 : 1;
    byte[] out = new byte[w * h];
    int[] gray = new int[w], a = alpha ? new int[w] : null;
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, gray);
      if (alpha) r.getSamples(0, y, w, 1, bands - 1, a);
      for (int x = 0; x < w; x++) {
        int v = to8(gray[x], grayMax);
        if (alpha) v = overWhite(v, to8(a[x], alphaMax));
        out[y * w + x] = (byte) v;
      }
    }
    return new Pixels(w, h, Pixels.GRAY, out);
  }

  private static Pixels grayFromArgb(BufferedImage img, int w, int h) {
    byte[] out = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        out[y * w + x] = (byte) overWhite(argb & 0xFF, argb >>> 24);
      }
    }
    return new Pixels(w, h, Pixels.GRAY, out);
  }

  /** Everything else goes through the colour model's sRGB conversion (palettes, 16-bit RGB, CMYK already converted). */
  private static Pixels rgbFromArgb(BufferedImage img, int w, int h) {
    boolean alpha = img.getColorModel().hasAlpha();
    byte[] out = new byte[w * h * 3];
    int[] row = new int[w];
    int o = 0;
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = alpha ? argb >>> 24 : 255;
        out[o++] = (byte) overWhite((argb >> 16) & 0xFF, a);
        out[o++] = (byte) overWhite((argb >> 8) & 0xFF, a);
        out[o++] = (byte) overWhite(argb & 0xFF, a);
      }
    }
    return new Pixels(w, h, Pixels.RGB, out);
  }

  private static boolean allGray(IndexColorModel icm) {
    int n = icm.getMapSize();
    for (int i = 0; i < n; i++) {
      if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) return false;
    }
    return true;
  }

  static int to8(int v, int max) {
    return max == 255 ? v : (v * 255 + max / 2) / max;
  }

  /** v over white with coverage a (0..255), rounded: (v a + 255 (255 - a) + 127) / 255. */
  static int overWhite(int v, int a) {
    return a == 255 ? v : (v * a + 255 * (255 - a) + 127) / 255;
  }
}
