package dev.sluice.quality.image;

/**
 * Structure checks that need no decoding: does a PNG, GIF, BMP, WebP, TIFF or Netpbm file reach its end (a truncated file must
 * be a dead letter, not a half-gray image), and does its header announce a width or height of 0 (which some
 * ImageIO readers report as a generic error). JPEG has its own walk in {@link JpegMarkers}.
 */
final class ContainerChecks {
  private ContainerChecks() {}

  /** Whether the file's own structure says it is complete. */
  static boolean complete(ImageFormat format, byte[] b) {
    return switch (format) {
      case JPEG -> JpegMarkers.complete(b);
      case PNG -> pngReachesIend(b);
      case GIF -> gifFirstFrame(b) == GifFrame.COMPLETE;
      case BMP -> bmpComplete(b);
      case WEBP -> b.length >= 8 + JpegMarkers.u32(b, 4, true);
      case TIFF -> tiffDataInside(b);
      case PNM -> pnmComplete(b);
    };
  }

  /**
   * Whether the header itself announces a width or height of 0: the dimensions of {@link #headerDimensions}, and a
   * GIF's logical screen (a reader reports either as a generic error).
   */
  static boolean headerSaysZero(ImageFormat format, byte[] b) {
    if (format == ImageFormat.GIF) return b.length >= 10 && (le16(b, 6) == 0 || le16(b, 8) == 0);
    long[] size = headerDimensions(format, b);
    return size != null && (size[0] == 0 || size[1] == 0);
  }

  /**
   * Binary PBM, PGM and PPM (P4, P5, P6): whether the bytes reach the end of the samples the header announces
   * (rows of ceil(w / 8) bytes for P4; w samples of 1 byte, or 2 when maxval > 255, per channel for P5 and P6).
   * ASCII variants and PAM have no fixed size: a reader running off their end is caught as truncated anyway.
   */
  private static boolean pnmComplete(byte[] b) {
    long[] h = pnmHeader(b);
    if (h == null)
      return b.length >= 3 && (b[1] == '1' || b[1] == '2' || b[1] == '3' || b[1] == '7');
    long w = h[0], rows = h[1], max = h[2], start = h[3];
    long row =
        switch (b[1]) {
          case '4' -> (w + 7) / 8;
          case '5' -> w * (max > 255 ? 2 : 1);
          case '6' -> 3 * w * (max > 255 ? 2 : 1);
          default -> -1;
        };
    return row < 0 || b.length - start >= row * rows;
  }

  /**
   * The header of a P1-P6 Netpbm file: {width, height, maxval (1 for bitmaps), offset of the first sample}, or
   * null when it is not one or its header is cut or malformed. Comments run from '#' to the end of the line.
   */
  static long[] pnmHeader(byte[] b) {
    if (b.length < 3 || b[0] != 'P' || b[1] < '1' || b[1] > '6') return null;
    boolean bitmap = b[1] == '1' || b[1] == '4';
    long[] v = new long[bitmap ? 2 : 3];
    int p = 2;
    for (int k = 0; k < v.length; k++) {
      while (p < b.length && (ImageFormat.pnmSpace(b[p]))) {
        if (b[p] == '#') while (p < b.length && b[p] != '\n' && b[p] != '\r') p++;
        else p++;
      }
      int digits = 0;
      while (p < b.length && b[p] >= '0' && b[p] <= '9' && digits < 10) {
        v[k] = v[k] * 10 + (b[p++] - '0');
        digits++;
      }
      if (digits == 0 || digits == 10) return null;
    }
    if (p >= b.length) return null; // the single whitespace before the samples
    return new long[] {v[0], v[1], bitmap ? 1 : v[2], p + 1};
  }

  /**
   * Width and height as the header states them, for the formats whose header this class reads (PNG, BMP, binary
   * or ASCII PBM/PGM/PPM; not GIF, whose header gives the logical screen, not the frame decoded), or null: the decompression-bomb check must not depend on a reader, and the JDK's
   * BMP reader refuses a huge BI_RGB header with a generic error before it reports any size.
   */
  static long[] headerDimensions(ImageFormat format, byte[] b) {
    return switch (format) {
      case PNG ->
          b.length >= 24 ? new long[] {be32(b, 16) & 0xFFFFFFFFL, be32(b, 20) & 0xFFFFFFFFL} : null;
      case BMP -> {
        if (b.length < 26) yield null;
        if (le32(b, 14) == 12) yield new long[] {le16(b, 18), le16(b, 20)}; // BITMAPCOREHEADER
        yield new long[] {Math.abs((long) le32(b, 18)), Math.abs((long) le32(b, 22))};
      }
      case PNM -> {
        long[] h = pnmHeader(b);
        yield h == null ? null : new long[] {h[0], h[1]};
      }
      default -> null;
    };
  }

  /** Whether a GIF's block walk meets its trailer before any image: a complete file with no frame to decode. */
  static boolean gifWithoutFrames(byte[] b) {
    return gifFirstFrame(b) == GifFrame.NONE;
  }

  /** Walks the chunks (length, type, data, CRC) from the signature; true when an IEND chunk lies inside the bytes. */
  private static boolean pngReachesIend(byte[] b) {
    long p = 8;
    while (p + 12 <= b.length) {
      long len = be32(b, (int) p) & 0xFFFFFFFFL;
      int t = (int) p + 4;
      if (b[t] == 'I' && b[t + 1] == 'E' && b[t + 2] == 'N' && b[t + 3] == 'D') return true;
      p += 12 + len;
    }
    return false;
  }

  /**
   * The type of the first critical chunk (IHDR, PLTE, IDAT, IEND: an upper-case first letter) whose CRC does not
   * match its type and data (libpng and Pillow refuse such a file; ImageIO decodes it without a word), or null
   * when every one up to IEND checks out. Ancillary chunks (text, colour profiles) are not checked: libpng only
   * warns about theirs and drops them.
   */
  static String pngBadChunk(byte[] b) {
    long p = 8;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    while (p + 12 <= b.length) {
      long len = be32(b, (int) p) & 0xFFFFFFFFL;
      if (p + 12 + len > b.length) return null; // cut short: the truncation check's business
      int t = (int) p + 4;
      if (b[t] >= 'A' && b[t] <= 'Z') { // critical
        crc.reset();
        crc.update(b, t, 4 + (int) len);
        if (crc.getValue() != (be32(b, t + 4 + (int) len) & 0xFFFFFFFFL)) {
          return new String(b, t, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
      }
      if (b[t] == 'I' && b[t + 1] == 'E' && b[t + 2] == 'N' && b[t + 3] == 'D') return null;
      p += 12 + len;
    }
    return null;
  }

  /** What a walk of a GIF's blocks finds first: an image whose data ends inside the bytes, the trailer, or neither. */
  private enum GifFrame {
    COMPLETE,
    NONE,
    CUT
  }

  /**
   * Walks the GIF blocks up to the end of the first image's data sub-blocks (the only frame decoded): whether its
   * block terminator lies inside the bytes ({@code COMPLETE}), the trailer comes first ({@code NONE}), or the bytes
   * end or turn to garbage before either ({@code CUT}).
   */
  private static GifFrame gifFirstFrame(byte[] b) {
    if (b.length < 13) return GifFrame.CUT;
    int p = 13;
    if ((b[10] & 0x80) != 0) p += 3 * (1 << ((b[10] & 7) + 1));
    while (p < b.length) {
      int block = b[p] & 0xFF;
      if (block == 0x3B) return GifFrame.NONE;
      if (block == 0x21) { // extension: label, then sub-blocks
        p = skipSubBlocks(b, p + 2);
        if (p < 0) return GifFrame.CUT;
      } else if (block == 0x2C) {
        // image descriptor, local colour table, LZW code size, data sub-blocks
        if (p + 10 > b.length) return GifFrame.CUT;
        int flags = b[p + 9] & 0xFF;
        p += 10;
        if ((flags & 0x80) != 0) p += 3 * (1 << ((flags & 7) + 1));
        return skipSubBlocks(b, p + 1) >= 0 ? GifFrame.COMPLETE : GifFrame.CUT;
      } else {
        return GifFrame.CUT; // garbage before any image
      }
    }
    return GifFrame.CUT;
  }

  /** Offset after the zero-length terminator of the sub-blocks starting at p, or -1 when they run off the end. */
  private static int skipSubBlocks(byte[] b, int p) {
    while (p < b.length) {
      int n = b[p] & 0xFF;
      if (n == 0) return p + 1;
      p += 1 + n;
    }
    return -1;
  }

  /**
   * Whether the first IFD and every strip (or tile) it points to lie inside the bytes. TIFF has no end marker;
   * its data is wherever the first IFD's StripOffsets/StripByteCounts (or TileOffsets/TileByteCounts) say.
   */
  private static boolean tiffDataInside(byte[] b) {
    if (b.length < 8) return false;
    boolean le = b[0] == 'I';
    long ifd = JpegMarkers.u32(b, 4, le);
    if (ifd + 2 > b.length) return false;
    int p = (int) ifd, count = JpegMarkers.u16(b, p, le);
    if (p + 2 + 12L * count > b.length) return false;
    long[] offsets = null, sizes = null;
    for (int i = 0; i < count; i++) {
      int e = p + 2 + 12 * i, tag = JpegMarkers.u16(b, e, le);
      if (tag == 273 || tag == 324) offsets = values(b, e, le);
      if (tag == 279 || tag == 325) sizes = values(b, e, le);
    }
    if (offsets == null || sizes == null) return true; // no strips to check: let the reader decide
    if (offsets.length != sizes.length) return false;
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] < 0 || sizes[i] < 0 || offsets[i] + sizes[i] > b.length) return false;
    }
    return true;
  }

  /** The SHORT or LONG values of the IFD entry at e; null when they lie outside the bytes or have another type. */
  private static long[] values(byte[] b, int e, boolean le) {
    int type = JpegMarkers.u16(b, e + 2, le);
    long n = JpegMarkers.u32(b, e + 4, le);
    int size = type == 3 ? 2 : type == 4 ? 4 : 0;
    if (size == 0 || n > 1 << 20) return null;
    long at = n * size <= 4 ? e + 8 : JpegMarkers.u32(b, e + 8, le);
    if (at + n * size > b.length) return new long[] {-1};
    long[] v = new long[(int) n];
    for (int i = 0; i < n; i++) {
      int q = (int) (at + (long) i * size);
      v[i] = size == 2 ? JpegMarkers.u16(b, q, le) : JpegMarkers.u32(b, q, le);
    }
    return v;
  }

  /** A BMP is short when it ends before the pixel-data offset or the file size its header declares. */
  private static boolean bmpComplete(byte[] b) {
    long declared = le32(b, 2) & 0xFFFFFFFFL, dataOffset = le32(b, 10) & 0xFFFFFFFFL;
    return b.length > dataOffset && b.length >= declared;
  }

  /** The big-endian 32-bit int at p (PNG lengths and types). */
  static int be32(byte[] b, int p) {
    return (b[p] & 0xFF) << 24
        | (b[p + 1] & 0xFF) << 16
        | (b[p + 2] & 0xFF) << 8
        | (b[p + 3] & 0xFF);
  }

  private static int le32(byte[] b, int p) {
    return (b[p + 3] & 0xFF) << 24
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 1] & 0xFF) << 8
        | (b[p] & 0xFF);
  }

  private static int le16(byte[] b, int p) {
    return (b[p + 1] & 0xFF) << 8 | (b[p] & 0xFF);
  }
}
