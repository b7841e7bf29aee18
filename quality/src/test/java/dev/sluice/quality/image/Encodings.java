package dev.sluice.quality.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images made in code for the decoder tests: every format ImageIO can write, and the damage real files carry. */
final class Encodings {
  private Encodings() {}

  /** A picture with a distinct quadrant per corner, so every flip and turn gives different pixels. */
  static BufferedImage quadrants(int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(230, 30, 30));
    g.fillRect(0, 0, w / 2, h / 2);
    g.setColor(new Color(30, 200, 30));
    g.fillRect(w / 2, 0, w - w / 2, h / 2);
    g.setColor(new Color(30, 30, 220));
    g.fillRect(0, h / 2, w / 2, h - h / 2);
    g.setColor(new Color(240, 240, 240));
    g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
    g.dispose();
    return img;
  }

  static byte[] write(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out))
        throw new IllegalStateException("no writer for " + format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A JPEG at a libjpeg quality (ImageIO's quality q/100 uses libjpeg's scaling). */
  static byte[] jpeg(BufferedImage img, int quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(s);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * A CMYK JPEG as Photoshop writes them: an Adobe APP14 marker (transform 0) and inverted ink values (255 = no
   * ink). ImageIO writes the 4-band raster; the marker is spliced in after SOI. The JDK's reader refuses such a
   * file; TwelveMonkeys decodes it. Cyan ink on the left half, yellow ink on the top half.
   */
  static byte[] cmykJpeg(int w, int h) {
    java.awt.image.WritableRaster r =
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setPixel(x, y, new int[] {x < w / 2 ? 55 : 255, 255, y < h / 2 ? 55 : 255, 255});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(s);
      writer.write(null, new IIOImage(r, null, null), writer.getDefaultWriteParam());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    byte[] plain = out.toByteArray();
    ByteArrayOutputStream withAdobe = new ByteArrayOutputStream();
    withAdobe.write(plain, 0, 2);
    withAdobe.writeBytes(
        new byte[] {
          (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
        });
    withAdobe.write(plain, 2, plain.length - 2);
    return withAdobe.toByteArray();
  }

  /** The JPEG with an APP1 Exif segment (big-endian TIFF, IFD0 holding only the orientation) after SOI. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] tiff = {
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // header, IFD0 at 8
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // orientation SHORT
      0,
      0,
      0,
      0 // no next IFD
    };
    int len = 2 + 6 + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A PNG header (signature + IHDR, correct CRC) announcing w x h 8-bit RGB, with no image data after it. */
  static byte[] pngHeaderOnly(int w, int h) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    b.putInt(13);
    int crcStart = b.position();
    b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 2);
    b.put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b.array(), crcStart, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The PNG with an IHDR rewritten to w x h (and its CRC fixed), the image data untouched. */
  static byte[] pngWithSize(byte[] png, int w, int h) {
    byte[] b = png.clone();
    java.nio.ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b, 12, 17);
    java.nio.ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
    return b;
  }
}
