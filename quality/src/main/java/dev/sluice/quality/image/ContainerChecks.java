package dev.sluice.quality.image;

/**
 * Structure checks that need no decoding: does a PNG, GIF, BMP or WebP file reach its end (a truncated file must
 * be a dead letter, not a half-gray image), and does its header announce a width or height of 0 (which some
 * ImageIO readers report as a generic error). JPEG has its own walk in {@link JpegMarkers}.
 */
final class ContainerChecks {
  private ContainerChecks() {}

  /** Whether the file's own structure says it is complete; formats without a cheap check answer true. */
  static boolean complete(ImageFormat format, byte[] b) {
    return switch (format) {
      case JPEG -> JpegMarkers.complete(b);
      case PNG -> pngReachesIend(b);
      case GIF -> gifFirstFrameComplete(b);
      case BMP -> bmpComplete(b);
      case WEBP -> b.length >= 8 + JpegMarkers.u32(b, 4, true);
      case TIFF -> true;
    };
  }

  /** Whether the header itself announces a width or height of 0 (PNG, GIF and BMP headers are read here). */
  static boolean headerSaysZero(ImageFormat format, byte[] b) {
    return switch (format) {
      case PNG -> b.length >= 24 && (be32(b, 16) == 0 || be32(b, 20) == 0);
      case GIF -> b.length >= 10 && (le16(b, 6) == 0 || le16(b, 8) == 0);
      case BMP -> b.length >= 26 && (le32(b, 18) == 0 || le32(b, 22) == 0);
      default -> false;
    };
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
   * Walks the GIF blocks up to the end of the first image's data sub-blocks (the only frame decoded): true when
   * its block terminator lies inside the bytes.
   */
  private static boolean gifFirstFrameComplete(byte[] b) {
    if (b.length < 13) return false;
    int p = 13;
    if ((b[10] & 0x80) != 0) p += 3 * (1 << ((b[10] & 7) + 1));
    while (p < b.length) {
      int block = b[p] & 0xFF;
      if (block == 0x21) { // extension: label, then sub-blocks
        p = skipSubBlocks(b, p + 2);
        if (p < 0) return false;
      } else if (block
          == 0x2C) { // image descriptor, local colour table, LZW code size, data sub-blocks
        if (p + 10 > b.length) return false;
        int flags = b[p + 9] & 0xFF;
        p += 10;
        if ((flags & 0x80) != 0) p += 3 * (1 << ((flags & 7) + 1));
        return skipSubBlocks(b, p + 1) >= 0;
      } else {
        return false; // trailer or garbage before any image
      }
    }
    return false;
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

  /** A BMP is short when it ends before the pixel-data offset or the file size its header declares. */
  private static boolean bmpComplete(byte[] b) {
    long declared = le32(b, 2) & 0xFFFFFFFFL, dataOffset = le32(b, 10) & 0xFFFFFFFFL;
    return b.length > dataOffset && b.length >= declared;
  }

  private static int be32(byte[] b, int p) {
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
