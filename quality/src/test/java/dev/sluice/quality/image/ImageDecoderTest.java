package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  static ImageDecoder.Decoded decode(byte[] b, String name) throws ImageRejected {
    return ImageDecoder.decode(b, name, ImageDecoder.Settings.DEFAULTS);
  }

  static String reason(byte[] b, String name) {
    return assertThrows(ImageRejected.class, () -> decode(b, name)).reason();
  }

  @Test
  void decodesEverySamplePhotoWithItsShape() throws ImageRejected {
    int n = 0;
    for (Path p : Samples.files("photos")) {
      ImageDecoder.Decoded d = decode(Samples.bytes(p), p.getFileName().toString());
      String name = p.getFileName().toString();
      assertEquals(name.endsWith(".jpg") ? "jpeg" : "png", d.sourceFormat(), name);
      assertEquals(1, d.orientation(), name);
      assertTrue(!d.converted(), name + ": 8-bit gray/RGB(A) samples, nothing converted");
      n++;
    }
    assertEquals(19, n);
    assertEquals(
        "Pixels[512x512x3]",
        decode(bytes("photos/skimage-astronaut.png"), null).pixels().toString());
    assertEquals(
        "Pixels[512x512x1]", decode(bytes("photos/skimage-camera.png"), null).pixels().toString());
    assertEquals(
        "Pixels[1024x717x3]",
        decode(bytes("photos/getty-airplane-from-above.jpg"), null).pixels().toString());
    assertTrue(decode(bytes("photos/skimage-horse.png"), null).hadAlpha());
  }

  @Test
  void everyIconDecodesWithItsTransparencyCompositedOntoWhite() throws ImageRejected {
    for (Path p : Samples.files("icons-tango")) {
      ImageDecoder.Decoded d = decode(Samples.bytes(p), p.toString());
      assertTrue(d.hadAlpha(), p + ": RGBA, or a palette with tRNS (most 24 px ones)");
      Pixels px = d.pixels();
      String size = p.getParent().getParent().getFileName().toString();
      assertEquals(size, px.width() + "x" + px.height());
    }
    // a transparent corner comes out white, never the palette's or the RGBA's hidden colour
    Pixels calc = decode(bytes("icons-tango/24x24/apps/accessories-calculator.png"), null).pixels();
    assertEquals(255, calc.at(0, 0, 0));
  }

  @Test
  void theCorruptSamplesEachHaveTheirReason() {
    assertEquals(ImageRejected.EMPTY_FILE, reason(bytes("corrupt/empty.jpg"), "empty.jpg"));
    assertEquals(ImageRejected.NOT_AN_IMAGE, reason(bytes("corrupt/not-an-image.png"), "x.png"));
    assertEquals(ImageRejected.TRUNCATED_IMAGE, reason(bytes("corrupt/truncated.jpg"), "t.jpg"));
  }

  @Test
  void anExtensionNamingAnotherFormatIsWrongButUnknownOrMissingOnesAreFine() throws ImageRejected {
    byte[] png = Encodings.write(Encodings.quadrants(8, 8, BufferedImage.TYPE_3BYTE_BGR), "png");
    ImageRejected e = assertThrows(ImageRejected.class, () -> decode(png, "dir/photo.JPG"));
    assertEquals(ImageRejected.WRONG_EXTENSION, e.reason());
    assertEquals("the name says jpeg but the bytes are png", e.detail());
    assertEquals("png", decode(png, "dir/photo.dat").sourceFormat());
    assertEquals("png", decode(png, "dir.v2/photo").sourceFormat());
    assertEquals("png", decode(png, null).sourceFormat());
  }

  @Test
  void truncationIsCaughtForEveryFormatWithAnEndMarker() {
    BufferedImage img = Encodings.quadrants(40, 30, BufferedImage.TYPE_3BYTE_BGR);
    for (String f : new String[] {"jpeg", "png", "gif", "bmp"}) {
      byte[] full = Encodings.write(img, f);
      byte[] cut = Arrays.copyOf(full, full.length * 2 / 3);
      assertEquals(ImageRejected.TRUNCATED_IMAGE, reason(cut, null), f);
    }
  }

  @Test
  void aPngWhoseDataStopsShortBeforeItsIendIsNotCalledMissingItsIend() {
    byte[] png = Encodings.write(Encodings.quadrants(40, 30, BufferedImage.TYPE_3BYTE_BGR), "png");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, 8);
    for (int at = 8; at < png.length; ) {
      int len = java.nio.ByteBuffer.wrap(png, at, 4).getInt();
      String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      byte[] data = Arrays.copyOfRange(png, at + 8, at + 8 + len);
      if (type.equals("IDAT"))
        data = Arrays.copyOf(data, data.length / 2); // a valid CRC, half the data
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      crc.update(data);
      out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
      out.writeBytes(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.writeBytes(data);
      out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
      at += 12 + len;
    }
    ImageRejected e = assertThrows(ImageRejected.class, () -> decode(out.toByteArray(), "s.png"));
    assertEquals(ImageRejected.TRUNCATED_IMAGE, e.reason());
    assertTrue(!e.detail().contains("IEND"), e.detail());
  }

  @Test
  void strayBytesBetweenJpegMarkersAreSkippedAsLibjpegDoes() throws ImageRejected {
    byte[] plain = Encodings.jpeg(Encodings.quadrants(24, 16, BufferedImage.TYPE_3BYTE_BGR), 95);
    // after SOI and the APP0 segment that follows it: three bytes that are no marker
    int app0End = 2 + 2 + ((plain[4] & 0xFF) << 8 | (plain[5] & 0xFF));
    byte[] stray = new byte[plain.length + 3];
    System.arraycopy(plain, 0, stray, 0, app0End);
    stray[app0End] = 0x00;
    stray[app0End + 1] = 0x13;
    stray[app0End + 2] = 0x37;
    System.arraycopy(plain, app0End, stray, app0End + 3, plain.length - app0End);
    // it was truncated_image: the marker walk stopped at the first stray byte and found no scan
    assertEquals(decode(plain, null).pixels(), decode(stray, "s.jpg").pixels());
    assertEquals(
        ImageRejected.TRUNCATED_IMAGE, reason(Arrays.copyOf(stray, stray.length - 40), null));
  }

  @Test
  void aPngChunkThatFailsItsCrcIsRejected() throws ImageRejected {
    byte[] png = Encodings.write(Encodings.quadrants(40, 30, BufferedImage.TYPE_3BYTE_BGR), "png");
    decode(png, "ok.png");
    // IHDR's CRC (bytes 29-32): ImageIO decoded the file as if nothing were wrong, Pillow refuses
    // it
    byte[] bad = png.clone();
    bad[29] ^= 0x01;
    ImageRejected e = assertThrows(ImageRejected.class, () -> decode(bad, "bad.png"));
    assertEquals(ImageRejected.UNDECODABLE, e.reason());
    assertTrue(e.getMessage().contains("chunk IHDR fails its CRC"), e.getMessage());
  }

  @Test
  void webpHasAReaderAndADamagedWebpIsRejected() {
    assertTrue(Readers.providerName(ImageFormat.WEBP).startsWith("com.twelvemonkeys."));
    byte[] riff = {
      'R', 'I', 'F', 'F', (byte) 0xE8, 3, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ', 1, 2
    };
    assertEquals(ImageRejected.TRUNCATED_IMAGE, reason(riff, "a.webp"));
    byte[] zeros = Arrays.copyOf(riff, 1008); // a VP8 chunk of zeros announces 0 x 0 pixels
    assertEquals(ImageRejected.ZERO_DIMENSIONS, reason(zeros, "a.webp"));
  }

  @Test
  void aTruncatedTiffIsRejected() {
    byte[] full =
        Encodings.write(Encodings.quadrants(40, 30, BufferedImage.TYPE_3BYTE_BGR), "tiff");
    // TIFF has no end marker: the reader running off the end is what tells
    assertEquals(
        ImageRejected.TRUNCATED_IMAGE, reason(Arrays.copyOf(full, full.length / 2), "t.tif"));
  }

  @Test
  void theHeaderIsCheckedBeforeDecoding() {
    assertEquals(
        ImageRejected.DECOMPRESSION_BOMB,
        reason(Encodings.pngHeaderOnly(100_000, 100_000), "bomb.png"));
    byte[] png = Encodings.write(Encodings.quadrants(8, 8, BufferedImage.TYPE_3BYTE_BGR), "png");
    ImageRejected e =
        assertThrows(
            ImageRejected.class,
            () -> ImageDecoder.decode(png, null, new ImageDecoder.Settings(63, true)));
    assertEquals(ImageRejected.DECOMPRESSION_BOMB, e.reason());
    assertTrue(e.detail().contains("8 x 8 = 64 pixels, over the limit of 63"), e.detail());
    assertEquals(ImageRejected.ZERO_DIMENSIONS, reason(Encodings.pngWithSize(png, 0, 8), null));
    assertEquals(ImageRejected.ZERO_DIMENSIONS, reason(Encodings.pngWithSize(png, 8, 0), null));
  }

  @Test
  void cmykJpegDecodesToRgb() throws ImageRejected {
    ImageDecoder.Decoded d = decode(Encodings.cmykJpeg(32, 32), "cmyk.jpg");
    assertTrue(Readers.providerName(ImageFormat.JPEG).startsWith("com.twelvemonkeys."));
    assertEquals(3, d.pixels().channels());
    assertTrue(d.converted(), "CMYK samples are converted: the file's bytes are not these pixels");
    // cyan ink on the left, yellow ink on top: cyan + yellow = green, no ink = white
    assertTrue(d.pixels().at(4, 28, 0) < 100 && d.pixels().at(4, 28, 2) > 200, "cyan bottom-left");
    assertTrue(d.pixels().at(28, 4, 2) < 100 && d.pixels().at(28, 4, 0) > 200, "yellow top-right");
    assertTrue(d.pixels().at(4, 4, 1) > 200 && d.pixels().at(4, 4, 0) < 100, "green top-left");
    assertEquals(
        255 * 3, d.pixels().at(28, 28, 0) + d.pixels().at(28, 28, 1) + d.pixels().at(28, 28, 2));
  }

  @Test
  void sixteenBitPngsRoundToEightBits() throws ImageRejected {
    BufferedImage gray = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 257 * 100, 257 * 100 + 128, 65535});
    ImageDecoder.Decoded sixteen = decode(Encodings.write(gray, "png"), null);
    assertTrue(sixteen.converted(), "16-bit samples are rounded");
    Pixels g = sixteen.pixels();
    assertEquals(1, g.channels());
    assertArrayEquals(new byte[] {0, 100, 100, (byte) 255}, g.data());

    java.awt.image.ColorModel cm =
        new java.awt.image.ComponentColorModel(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
            false,
            false,
            java.awt.Transparency.OPAQUE,
            java.awt.image.DataBuffer.TYPE_USHORT);
    BufferedImage rgb = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false, null);
    rgb.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 0, 257 * 7, 0, 65535, 257 * 200});
    Pixels c = decode(Encodings.write(rgb, "png"), null).pixels();
    assertArrayEquals(new byte[] {(byte) 255, 0, 7, 0, (byte) 255, (byte) 200}, c.data());
  }

  @Test
  void gifBmpTiffAndPalettePngDecodeToTheSamePixelsAsLosslessPng() throws ImageRejected {
    BufferedImage img = Encodings.quadrants(20, 10, BufferedImage.TYPE_3BYTE_BGR);
    Pixels reference = decode(Encodings.write(img, "png"), null).pixels();
    for (String f : new String[] {"bmp", "tiff"}) {
      ImageDecoder.Decoded d = decode(Encodings.write(img, f), null);
      assertEquals(f, d.sourceFormat());
      assertEquals(reference, d.pixels(), f);
    }
    BufferedImage indexed = Encodings.quadrants(20, 10, BufferedImage.TYPE_BYTE_INDEXED);
    Pixels fromIndexedPng = decode(Encodings.write(indexed, "png"), null).pixels();
    Pixels fromGif = decode(Encodings.write(indexed, "gif"), null).pixels();
    assertEquals(3, fromGif.channels());
    assertEquals(fromIndexedPng, fromGif);
  }

  static byte[] pnm(String header, int... samples) {
    byte[] h = header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b = Arrays.copyOf(h, h.length + samples.length);
    for (int i = 0; i < samples.length; i++) b[h.length + i] = (byte) samples[i];
    return b;
  }

  @Test
  void netpbmDecodesInEveryVariantAndItsDamageHasItsReason() throws ImageRejected {
    // P6: 2 x 1 RGB, with a comment in the header
    Pixels rgb =
        decode(pnm("P6\n# a comment\n2 1\n255\n", 255, 0, 7, 0, 255, 200), "a.ppm").pixels();
    assertEquals(3, rgb.channels());
    assertArrayEquals(new byte[] {(byte) 255, 0, 7, 0, (byte) 255, (byte) 200}, rgb.data());
    assertEquals("pnm", decode(pnm("P6 2 1 255\n", 1, 2, 3, 4, 5, 6), null).sourceFormat());
    // P3: the same pixels in ASCII
    assertEquals(rgb, decode(pnm("P3\n2 1\n255\n255 0 7 0 255 200\n"), "a.ppm").pixels());
    // P5, 16 bits: rounded to 8 as a 16-bit PNG is
    Pixels gray = decode(pnm("P5\n2 1\n65535\n", 0xFF, 0xFF, 0x80, 0x00), "g.pgm").pixels();
    assertEquals(1, gray.channels());
    assertArrayEquals(new byte[] {(byte) 255, (byte) 128}, gray.data());
    // P4: a 3 x 2 bitmap, 1 = black, rows padded to a byte
    Pixels bits = decode(pnm("P4\n3 2\n", 0b1010_0000, 0b0100_0000), "b.pbm").pixels();
    assertArrayEquals(new byte[] {0, (byte) 255, 0, (byte) 255, 0, (byte) 255}, bits.data());

    byte[] full = pnm("P6\n2 2\n255\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertEquals(
        ImageRejected.TRUNCATED_IMAGE, reason(Arrays.copyOf(full, full.length - 1), "c.ppm"));
    assertEquals(ImageRejected.TRUNCATED_IMAGE, reason(Arrays.copyOf(full, 6), "c.ppm"));
    assertEquals(ImageRejected.ZERO_DIMENSIONS, reason(pnm("P6\n0 2\n255\n"), "z.ppm"));
    assertEquals(
        ImageRejected.DECOMPRESSION_BOMB, reason(pnm("P6\n100000 100000\n255\n", 1, 2, 3), null));
    assertEquals(ImageRejected.WRONG_EXTENSION, reason(full, "c.png"));
    byte[] png = Encodings.write(Encodings.quadrants(8, 8, BufferedImage.TYPE_3BYTE_BGR), "png");
    assertEquals(ImageRejected.WRONG_EXTENSION, reason(png, "c.ppm"));
    assertEquals(ImageRejected.NOT_AN_IMAGE, reason(pnm("P9\n1 1\n255\n", 0), null));
  }

  /** A BITMAPINFOHEADER BMP header (24-bit BI_RGB) announcing w x h, with no pixel data. */
  static byte[] bmpHeaderOnly(int w, int h) {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(54).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
    b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0);
    return b.array();
  }

  @Test
  void aBmpBombIsCaughtFromItsHeaderAndAGifWithoutFramesIsNotTruncated() {
    // the JDK's reader refuses these with a generic error before it reports a size
    assertEquals(ImageRejected.DECOMPRESSION_BOMB, reason(bmpHeaderOnly(10_000, 10_000), "b.bmp"));
    assertEquals(ImageRejected.DECOMPRESSION_BOMB, reason(bmpHeaderOnly(20_000, -20_000), "b.bmp"));
    ImageRejected small =
        assertThrows(
            ImageRejected.class,
            () ->
                ImageDecoder.decode(
                    bmpHeaderOnly(30, 20), null, new ImageDecoder.Settings(599, true)));
    assertEquals(ImageRejected.DECOMPRESSION_BOMB, small.reason());
    byte[] noFrames = {'G', 'I', 'F', '8', '9', 'a', 10, 0, 10, 0, 0, 0, 0, ';'};
    ImageRejected gif = assertThrows(ImageRejected.class, () -> decode(noFrames, "g.gif"));
    assertEquals(ImageRejected.UNDECODABLE, gif.reason());
    assertTrue(gif.detail().contains("no frame"), gif.detail());
  }

  @Test
  void aGifGivesItsFirstFrame() throws Exception {
    BufferedImage first = Encodings.quadrants(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
    BufferedImage second = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
    javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var s = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
      w.setOutput(s);
      w.prepareWriteSequence(null);
      w.writeToSequence(new javax.imageio.IIOImage(first, null, null), null);
      w.writeToSequence(new javax.imageio.IIOImage(second, null, null), null);
      w.endWriteSequence();
    }
    Pixels p = decode(out.toByteArray(), "anim.gif").pixels();
    assertEquals(decode(Encodings.write(first, "gif"), null).pixels(), p);
  }

  @Test
  void alphaIsCompositedOntoWhiteAndGrayStaysOneChannel() throws ImageRejected {
    BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00000000); // transparent black -> white
    argb.setRGB(1, 0, 0xFF000000); // opaque black
    argb.setRGB(2, 0, 0x80FF0000); // half red
    ImageDecoder.Decoded d = decode(Encodings.write(argb, "png"), null);
    assertTrue(d.hadAlpha());
    int half = (255 * 127 + 127) / 255; // 0 at coverage 128 over white 255
    assertArrayEquals(
        new byte[] {
          (byte) 255, (byte) 255, (byte) 255, 0, 0, 0, (byte) 255, (byte) half, (byte) half
        },
        d.pixels().data());
    BufferedImage gray = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(2, 2, 0, 77);
    Pixels g = decode(Encodings.write(gray, "png"), null).pixels();
    assertEquals(1, g.channels());
    assertEquals(77, g.at(2, 2, 0));
  }

  @Test
  void exifOrientationTurnsJpegsUpright() throws ImageRejected {
    byte[] plain = Encodings.jpeg(Encodings.quadrants(24, 16, BufferedImage.TYPE_3BYTE_BGR), 95);
    Pixels stored = decode(plain, null).pixels();
    for (int o = 1; o <= 8; o++) {
      byte[] tagged = Encodings.withExifOrientation(plain, o);
      ImageDecoder.Decoded d = decode(tagged, "o.jpg");
      assertEquals(o, d.orientation());
      assertEquals(Orientation.apply(stored, o), d.pixels(), "orientation " + o);
      assertEquals(o >= 5 ? "Pixels[16x24x3]" : "Pixels[24x16x3]", d.pixels().toString());
      ImageDecoder.Decoded raw =
          ImageDecoder.decode(tagged, null, new ImageDecoder.Settings(1 << 20, false));
      assertEquals(stored, raw.pixels());
      assertEquals(o, raw.orientation());
      // what the shard stores: the JPEG's own bytes unless it was turned (with exif_orientation
      // off it is not, and it was re-encoded as PNG all the same)
      assertEquals(o == 1, d.untouched(), "orientation " + o);
      assertTrue(raw.untouched(), "orientation " + o + ", not applied");
    }
    // orientation 6 = turn 90 degrees clockwise: the stored bottom-left (blue) comes to the
    // top-left
    Pixels six = decode(Encodings.withExifOrientation(plain, 6), null).pixels();
    assertTrue(six.at(1, 1, 2) > 180 && six.at(1, 1, 0) < 80, "top-left is blue");
  }

  @Test
  void pixelHashIgnoresTheEncodingAndEncodePngIsDeterministicAndLossless() throws ImageRejected {
    ImageDecoder.Decoded photo = decode(bytes("photos/skimage-chelsea.png"), null);
    byte[] a = ImageDecoder.encodePng(photo.pixels());
    byte[] b = ImageDecoder.encodePng(photo.pixels());
    assertArrayEquals(a, b);
    ImageDecoder.Decoded again = decode(a, "again.png");
    assertEquals(photo.pixels(), again.pixels());
    assertEquals(photo.pixelSha256(), again.pixelSha256());
    ImageDecoder.Decoded bmp =
        decode(Encodings.write(BufferedImages.fromPixels(photo.pixels()), "bmp"), null);
    assertEquals(photo.pixelSha256(), bmp.pixelSha256());
    assertEquals(64, photo.pixelSha256().length());
    // the shape is part of the key: a gray image and its RGB copy differ
    Pixels gray = decode(bytes("photos/skimage-camera.png"), null).pixels();
    assertNotEquals(ImageDecoder.pixelSha256(gray), ImageDecoder.pixelSha256(gray.toRgb()));
    assertEquals(
        ImageDecoder.pixelSha256(gray),
        java.util.HexFormat.of().formatHex(sha256(ImageDecoder.pixelKey(gray))));
  }

  @Test
  void settingsComeFromTheRecipeWithNamedErrors() {
    assertEquals(ImageDecoder.Settings.DEFAULTS, ImageDecoder.Settings.from(null));
    assertEquals(ImageDecoder.Settings.DEFAULTS, ImageDecoder.Settings.from(Map.of()));
    assertEquals(89_478_485L, ImageDecoder.Settings.DEFAULTS.maxPixels());
    assertEquals(
        new ImageDecoder.Settings(1000, false),
        ImageDecoder.Settings.from(Map.of("max_pixels", 1000, "exif_orientation", false)));
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class,
            () -> ImageDecoder.Settings.from(Map.of("max_pixels", "lots")));
    assertEquals("input.image.max_pixels", e.field());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> ImageDecoder.Settings.from(Map.of("exif_orientaton", true)));
    assertTrue(e.getMessage().contains("did you mean 'exif_orientation'?"), e.getMessage());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> ImageDecoder.Settings.from(Map.of("max_pixels", 0)));
    assertEquals("input.image.max_pixels", e.field());
  }

  @Test
  void everyReasonIsDocumentedAndFixed() {
    assertEquals(8, ImageRejected.REASONS.size());
    assertThrows(IllegalArgumentException.class, () -> new ImageRejected("bad_pixels", "x"));
    assertFalse(ImageRejected.class.isAssignableFrom(RuntimeException.class));
  }

  static byte[] bytes(String rel) {
    return Samples.bytes(Samples.root().resolve(rel));
  }

  static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
