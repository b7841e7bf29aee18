package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The direct PNG decoder gives ImageIO's pixels wherever it answers, and leaves every other file to ImageIO. */
class PlainPngTest {
  /** The pixels as ImageDecoder reads them through ImageIO. */
  static Pixels imageIo(byte[] png) throws IOException {
    return BufferedImages.toPixels(ImageDecoder.readOnly(png));
  }

  @Test
  void givesImageIosPixelsForEverySamplePlainPng() throws Exception {
    int plain = 0, other = 0;
    for (String dir : List.of("photos", "icons-tango", "fashion-mnist-1k", "digits-8x8")) {
      for (Path p : Samples.files(dir)) {
        byte[] b = Samples.bytes(p);
        if (!p.toString().endsWith(".png")) continue;
        Pixels fast = PlainPng.decode(b);
        if (fast == null) {
          other++;
          continue;
        }
        Pixels reference = imageIo(b);
        assertEquals(reference.toString(), fast.toString(), p.toString());
        assertArrayEquals(reference.data(), fast.data(), p.toString());
        plain++;
      }
    }
    // Fashion-MNIST, the digits and 11 of the 12 photo PNGs (gray or RGB; some with iCCP, pHYs,
    // text, tIME or vpAg chunks). The icons are RGBA or paletted, and one photo is RGBA.
    assertEquals(1_311, plain);
    assertEquals(313, other);
  }

  @Test
  void everyRowFilterAndChunkingGivesTheSamplesAndImageIosPixels() throws Exception {
    Random random = new Random(17);
    for (int channels : new int[] {1, 3}) {
      for (int[] size : new int[][] {{1, 1}, {3, 2}, {17, 5}, {28, 28}, {64, 33}}) {
        Pixels pixels = randomPixels(random, size[0], size[1], channels);
        for (int filter = -1; filter <= 4; filter++) { // -1: a random filter per row
          for (int idatBytes : new int[] {1, 7, Integer.MAX_VALUE}) {
            byte[] png = png(pixels, random, filter, idatBytes, null);
            String what = pixels + " filter " + filter + " IDAT of " + idatBytes;
            Pixels fast = PlainPng.decode(png);
            assertNotNull(fast, what);
            assertArrayEquals(pixels.data(), fast.data(), what);
            assertArrayEquals(imageIo(png).data(), fast.data(), what);
            ImageDecoder.Decoded d = ImageDecoder.decode(png, "x.png", null);
            assertArrayEquals(pixels.data(), d.pixels().data(), what);
            assertEquals(ImageDecoder.pixelSha256(pixels), d.pixelSha256(), what);
            assertTrue(d.untouched(), what);
          }
        }
      }
    }
  }

  @Test
  void leavesEveryUnusualFileToImageIo() throws Exception {
    Random random = new Random(5);
    Pixels gray = randomPixels(random, 9, 7, 1);
    byte[] good = png(gray, random, -1, Integer.MAX_VALUE, null);
    assertNotNull(PlainPng.decode(good));
    // an ancillary chunk is skipped, as ImageIO skips it; tRNS makes the image transparent
    assertNotNull(
        PlainPng.decode(withChunk(good, "gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F})));
    assertNull(PlainPng.decode(withChunk(good, "tRNS", new byte[] {0, 0})));
    // a critical chunk it does not know
    assertNull(PlainPng.decode(withChunk(good, "PLTE", new byte[] {1, 2, 3})));
    // 16-bit, gray + alpha, paletted and interlaced headers
    for (int[] header : new int[][] {{24, 16}, {25, 4}, {25, 3}, {28, 1}}) {
      byte[] b = good.clone();
      b[header[0]] = (byte) header[1];
      assertNull(PlainPng.decode(b), "header byte " + header[0] + " = " + header[1]);
    }
    // an unknown row filter; a stream with a byte too few, a byte too many, a bad checksum, data
    // after its end
    assertNull(PlainPng.decode(png(gray, random, 5, Integer.MAX_VALUE, null)));
    assertNull(PlainPng.decode(png(gray, random, 0, Integer.MAX_VALUE, raw -> cut(raw, -1))));
    assertNull(PlainPng.decode(png(gray, random, 0, Integer.MAX_VALUE, raw -> cut(raw, 1))));
    byte[] badAdler = png(gray, random, 0, Integer.MAX_VALUE, null);
    badAdler[idatEnd(badAdler) - 1] ^= 1;
    fixCrcs(badAdler);
    assertNull(PlainPng.decode(badAdler));
    assertNull(PlainPng.decode(withChunk(good, "IDAT", new byte[] {0}, idatEnd(good) + 4)));
    assertNull(
        PlainPng.decode(
            withChunk(
                withChunk(good, "IDAT", new byte[0], idatEnd(good) + 4),
                "IDAT",
                new byte[] {0},
                idatEnd(good) + 4)));
    byte[] stream = zlib(new byte[] {0, 1});
    byte[] oneRow = png(new Pixels(1, 1, 1, new byte[] {1}), random, 0, Integer.MAX_VALUE, null);
    assertNotNull(PlainPng.decode(oneRow));
    assertNotNull(PlainPng.decode(withChunk(withoutFirstIdat(oneRow), "IDAT", stream)));
    byte[] trailing =
        Arrays.copyOf(stream, stream.length + 1); // data after the stream's end, same IDAT
    assertNull(PlainPng.decode(withChunk(withoutFirstIdat(oneRow), "IDAT", trailing)));
    assertNull( // the same, followed by an empty IDAT
        PlainPng.decode(
            withChunk(withChunk(withoutFirstIdat(oneRow), "IDAT", new byte[0]), "IDAT", trailing)));
    // a zlib stream with a preset dictionary
    Deflater withDictionary = new Deflater();
    withDictionary.setDictionary(new byte[] {0, 1, 2});
    withDictionary.setInput(new byte[] {0, 1});
    withDictionary.finish();
    byte[] buffer = new byte[64];
    byte[] dictionaryStream = Arrays.copyOf(buffer, withDictionary.deflate(buffer));
    withDictionary.end();
    assertNull(PlainPng.decode(withChunk(withoutFirstIdat(oneRow), "IDAT", dictionaryStream)));
    // a header that claims more rows than its data can inflate to, and an image past MAX_RAW:
    // ImageIO's, without a buffer allocated here
    byte[] claimsTooMuch = good.clone();
    ByteBuffer.wrap(claimsTooMuch, 16, 8).putInt(3_000).putInt(3_000);
    fixCrcs(claimsTooMuch);
    assertNull(PlainPng.decode(claimsTooMuch));
    Pixels large = new Pixels(4_200, 4_200, 1, new byte[4_200 * 4_200]);
    byte[] largePng = png(large, random, 0, Integer.MAX_VALUE, null);
    assertTrue((4_200 + 1) * 4_200L > PlainPng.MAX_RAW);
    assertNull(PlainPng.decode(largePng));
    assertArrayEquals(large.data(), ImageDecoder.decode(largePng, "x.png", null).pixels().data());
    // IDAT chunks that are not consecutive
    byte[] split = png(gray, random, 0, 20, null);
    assertNull(
        PlainPng.decode(
            withChunk(split, "tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1), 33 + 12 + 20)));
    // each of those still goes to ImageIO, which decides: an unknown filter is a bad file
    assertThrows(
        ImageRejected.class,
        () -> ImageDecoder.decode(png(gray, random, 5, Integer.MAX_VALUE, null), "x.png", null));
  }

  private static Pixels randomPixels(Random random, int w, int h, int channels) {
    byte[] data = new byte[w * h * channels];
    // smooth runs and noise, so that every filter meets both small and wrapping differences
    for (int i = 0; i < data.length; i++)
      data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : i % 251);
    return new Pixels(w, h, channels, data);
  }

  /**
   * An 8-bit PNG of the pixels: every row with the given filter (or a random one when -1; 5 is invalid), the zlib
   * stream (after {@code rawEdit}, when given) in IDAT chunks of at most idatBytes.
   */
  static byte[] png(
      Pixels p,
      Random random,
      int filter,
      int idatBytes,
      java.util.function.UnaryOperator<byte[]> rawEdit) {
    int bpp = p.channels(), stride = p.width() * bpp;
    byte[] raw = new byte[(stride + 1) * p.height()];
    byte[] d = p.data();
    for (int y = 0; y < p.height(); y++) {
      int f = filter >= 0 ? filter : random.nextInt(5), o = y * (stride + 1);
      raw[o] = (byte) f;
      for (int i = 0; i < stride; i++) {
        int x = d[y * stride + i] & 0xFF;
        int a = i >= bpp ? d[y * stride + i - bpp] & 0xFF : 0;
        int b = y > 0 ? d[(y - 1) * stride + i] & 0xFF : 0;
        int c = i >= bpp && y > 0 ? d[(y - 1) * stride + i - bpp] & 0xFF : 0;
        int predicted =
            switch (f) {
              case 1 -> a;
              case 2 -> b;
              case 3 -> (a + b) >>> 1;
              case 4 -> paeth(a, b, c);
              default -> 0;
            };
        raw[o + 1 + i] = (byte) (x - predicted);
      }
    }
    if (rawEdit != null) raw = rawEdit.apply(raw);
    byte[] stream = zlib(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(
        out,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(p.width())
            .putInt(p.height())
            .put((byte) 8)
            .put((byte) (bpp == 1 ? 0 : 2))
            .put(new byte[3])
            .array());
    for (int at = 0; at < stream.length; at += idatBytes)
      chunk(
          out,
          "IDAT",
          Arrays.copyOfRange(stream, at, (int) Math.min(stream.length, (long) at + idatBytes)));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] zlib(byte[] raw) {
    Deflater deflater = new Deflater(6);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!deflater.finished()) z.write(buf, 0, deflater.deflate(buf));
    deflater.end();
    return z.toByteArray();
  }

  /** A single-IDAT file without its IDAT chunk. */
  private static byte[] withoutFirstIdat(byte[] png) {
    int end = idatEnd(png) + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    out.write(png, end, png.length - end);
    return out.toByteArray();
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  private static byte[] cut(byte[] raw, int change) {
    return Arrays.copyOf(raw, raw.length + change);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** The file with a chunk inserted just before the first IDAT. */
  private static byte[] withChunk(byte[] png, String type, byte[] data) {
    return withChunk(png, type, data, 33);
  }

  /** The file with a chunk inserted at byte offset at (a chunk boundary). */
  private static byte[] withChunk(byte[] png, String type, byte[] data, int at) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, at);
    chunk(out, type, data);
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  /** The offset just past the data of the (single) IDAT chunk that follows the IHDR. */
  private static int idatEnd(byte[] png) {
    int length = ByteBuffer.wrap(png, 33, 4).getInt();
    return 33 + 8 + length;
  }

  private static void fixCrcs(byte[] png) {
    for (int p = 8; p + 12 <= png.length; ) {
      int length = ByteBuffer.wrap(png, p, 4).getInt();
      CRC32 crc = new CRC32();
      crc.update(png, p + 4, 4 + length);
      ByteBuffer.wrap(png, p + 8 + length, 4).putInt((int) crc.getValue());
      p += 12 + length;
    }
  }
}
