package dev.sluice.quality.image;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A direct decoder for the plainest PNGs: 8-bit gray or RGB, not interlaced, no transparency chunk. Those are what
 * ImageIO's reader (as {@link ImageDecoder} calls it, ignoring metadata) turns into exactly the samples of the
 * inflated, unfiltered rows, so this gives the same pixels without ImageIO's per-image set-up, which is most of the
 * cost of a small image (Fashion-MNIST's 28x28: BENCHMARKS.md). Anything else, and anything unusual about a plain
 * file (an unknown critical chunk, IDAT chunks that are not consecutive, a zlib stream that is short, long, has a
 * preset dictionary, fails its checksum or has data after its end, an unknown row filter, more than {@link #MAX_RAW}
 * bytes of rows), returns null, and the caller decodes with ImageIO as before: the fast path never decides whether a
 * file is bad, so every dead letter stays ImageIO's. {@code PlainPngTest} checks the pixels against ImageIO's on every
 * sample PNG it covers and on files written with each row filter and IDAT split.
 */
final class PlainPng {
  private static final int IHDR = 0x49484452,
      IDAT = 0x49444154,
      IEND = 0x49454E44,
      TRNS = 0x74524E53;

  /** The most inflated bytes decoded here (16 MiB: a 2.3-megapixel RGB image); larger images go to ImageIO. */
  static final long MAX_RAW = 16L << 20;

  /** Deflate expands its input at most 1,032-fold (a 258-byte match coded in 2 bits); the rest is room for framing. */
  private static final long MAX_DEFLATE_RATIO = 1_100;

  /** One inflater per thread, reset after each image: creating one allocates zlib's state natively each time. */
  private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

  private PlainPng() {}

  /**
   * Whether the header announces a plain PNG (IHDR first, 13 bytes, 8-bit gray or RGB, the standard compression
   * and filter methods, no interlace): a cheap test before the chunks are walked.
   */
  static boolean plainHeader(byte[] b) {
    return b.length >= 33
        && ContainerChecks.be32(b, 8) == 13
        && ContainerChecks.be32(b, 12) == IHDR
        && (b[24] & 0xFF) == 8
        && (b[25] == 0 || b[25] == 2)
        && b[26] == 0
        && b[27] == 0
        && b[28] == 0;
  }

  /**
   * The pixels of a plain PNG whose chunks are complete and whose critical chunks' CRCs hold (the caller checks
   * both first), or null when ImageIO must decode it.
   */
  static Pixels decode(byte[] b) {
    if (!plainHeader(b)) return null;
    long w = ContainerChecks.be32(b, 16) & 0xFFFFFFFFL,
        h = ContainerChecks.be32(b, 20) & 0xFFFFFFFFL;
    int channels = b[25] == 0 ? Pixels.GRAY : Pixels.RGB;
    long stride = w * channels, rawLength = (stride + 1) * h;
    // the rows are inflated whole before they are unfiltered: past MAX_RAW bytes (a large image,
    // where ImageIO's set-up no longer matters) or past what deflate can expand the file's bytes
    // to (a header that claims more than its data holds), ImageIO decodes it row by row as before
    if (w == 0 || h == 0 || rawLength > MAX_RAW || rawLength > MAX_DEFLATE_RATIO * b.length)
      return null;
    // one spare byte: a stream that inflates to more than the rows is seen, not cut
    byte[] raw = new byte[(int) rawLength + 1];
    int got = 0;
    Inflater inflater = INFLATER.get();
    boolean inData = false, dataDone = false;
    try {
      for (int p = 33; ; ) {
        if (p + 12 > b.length) return null;
        long length = ContainerChecks.be32(b, p) & 0xFFFFFFFFL;
        int type = ContainerChecks.be32(b, p + 4);
        if (p + 12 + length > b.length) return null;
        if (type == IEND) break;
        if (type == IDAT) {
          // ImageIO reads only the first run of IDAT chunks
          if (dataDone || inflater.finished() && length > 0) return null;
          inData = true;
          inflater.setInput(b, p + 8, (int) length);
          while (!inflater.needsInput() && !inflater.finished()) {
            int n = inflater.inflate(raw, got, raw.length - got);
            got += n;
            // more than the rows (the spare byte filled), or a preset dictionary: not a plain file
            if (got > rawLength || inflater.needsDictionary()) return null;
          }
          // data after the zlib stream's end, in the same chunk
          if (inflater.finished() && inflater.getRemaining() > 0) return null;
        } else {
          dataDone = inData;
          // ancillary chunks (lower-case first letter) are skipped by ImageIO's reader when it
          // ignores metadata, except tRNS, which makes a gray or RGB image transparent; a critical
          // chunk it does not know is not plain
          if (type == TRNS || (b[p + 4] & 0x20) == 0) return null;
        }
        p += 12 + (int) length;
      }
      if (!inflater.finished() || got != rawLength) return null;
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.reset(); // ready for the next image, holding no reference to this one's bytes
    }
    byte[] data = new byte[(int) (stride * h)];
    return unfilter(raw, data, (int) stride, (int) h, channels)
        ? new Pixels((int) w, (int) h, channels, data)
        : null;
  }

  /** Undoes each row's filter (PNG spec 9.2: None, Sub, Up, Average, Paeth); false on an unknown filter type. */
  static boolean unfilter(byte[] raw, byte[] out, int stride, int rows, int bpp) {
    for (int y = 0, in = 0, o = 0; y < rows; y++, in += stride + 1, o += stride) {
      int filter = raw[in], src = in + 1, up = o - stride;
      switch (filter) {
        case 0 -> System.arraycopy(raw, src, out, o, stride);
        case 1 -> {
          for (int i = 0; i < bpp; i++) out[o + i] = raw[src + i];
          for (int i = bpp; i < stride; i++) out[o + i] = (byte) (raw[src + i] + out[o + i - bpp]);
        }
        case 2 -> {
          if (y == 0) System.arraycopy(raw, src, out, o, stride);
          else for (int i = 0; i < stride; i++) out[o + i] = (byte) (raw[src + i] + out[up + i]);
        }
        case 3 -> {
          for (int i = 0; i < stride; i++) {
            int left = i >= bpp ? out[o + i - bpp] & 0xFF : 0,
                above = y > 0 ? out[up + i] & 0xFF : 0;
            out[o + i] = (byte) (raw[src + i] + ((left + above) >>> 1));
          }
        }
        case 4 -> {
          for (int i = 0; i < stride; i++) {
            int a = i >= bpp ? out[o + i - bpp] & 0xFF : 0;
            int bb = y > 0 ? out[up + i] & 0xFF : 0;
            int c = i >= bpp && y > 0 ? out[up + i - bpp] & 0xFF : 0;
            out[o + i] = (byte) (raw[src + i] + paeth(a, bb, c));
          }
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }
}
