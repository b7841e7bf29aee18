package dev.sluice.quality.image;

/**
 * A cheap walk over a JPEG's marker segments (no decoding): where the scan starts, whether the file reaches its
 * EOI marker, the EXIF orientation and the luminance quantisation table. Every read is bounds-checked, so damaged
 * bytes give "absent" answers, never an exception.
 */
final class JpegMarkers {
  private static final int SOS = 0xDA, EOI = 0xD9, APP1 = 0xE1, DQT = 0xDB;

  private JpegMarkers() {}

  /**
   * Whether the bytes hold a start of scan and, after it, an EOI marker. ImageIO decodes a JPEG cut short without
   * an error (it pads the missing scan with gray and only warns), so this is how a truncated JPEG is caught. A
   * thumbnail's EOI inside the EXIF segment does not count: it sits before the first scan.
   */
  static boolean complete(byte[] b) {
    int sos = segmentStart(b, SOS);
    if (sos < 0) return false;
    for (int i = b.length - 2; i > sos; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == EOI) return true;
    }
    return false;
  }

  /** The EXIF orientation tag (1..8) of the first APP1 Exif segment, or 1 when there is none or it is damaged. */
  static int exifOrientation(byte[] b) {
    int p = 2;
    while (true) {
      int seg = nextSegment(b, p);
      if (seg < 0) return 1;
      int marker = b[seg + 1] & 0xFF;
      if (marker == SOS || marker == EOI) return 1;
      int len = u16(b, seg + 2, false);
      int data = seg + 4, end = seg + 2 + len;
      if (marker == APP1 && len >= 16 && end <= b.length && startsWithExif(b, data)) {
        int o = orientationInTiff(b, data + 6, end);
        if (o >= 1 && o <= 8) return o;
        return 1;
      }
      p = end;
    }
  }

  /**
   * The first luminance quantisation table (table id 0) in zig-zag order as stored, or null when the bytes hold
   * none before the first scan.
   */
  static int[] lumaQuantTable(byte[] b) {
    int p = 2;
    while (true) {
      int seg = nextSegment(b, p);
      if (seg < 0) return null;
      int marker = b[seg + 1] & 0xFF;
      if (marker == SOS || marker == EOI) return null;
      int len = u16(b, seg + 2, false);
      int end = seg + 2 + len;
      if (marker == DQT && end <= b.length) {
        int q = seg + 4;
        while (q < end) {
          int precision = (b[q] & 0xFF) >> 4, id = b[q] & 0x0F;
          int size = precision == 0 ? 64 : 128;
          if (q + 1 + size > end) return null;
          if (id == 0) {
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
              table[i] = precision == 0 ? b[q + 1 + i] & 0xFF : u16(b, q + 1 + 2 * i, false);
            }
            return table;
          }
          q += 1 + size;
        }
      }
      p = end;
    }
  }

  /** Offset of the first segment with this marker before the scan (or of the SOS itself), -1 when absent. */
  private static int segmentStart(byte[] b, int wanted) {
    int p = 2;
    while (true) {
      int seg = nextSegment(b, p);
      if (seg < 0) return -1;
      int marker = b[seg + 1] & 0xFF;
      if (marker == wanted) return seg;
      if (marker == SOS || marker == EOI) return -1;
      p = seg + 2 + u16(b, seg + 2, false);
    }
  }

  /**
   * Offset of the marker segment at or after p (fill bytes skipped, standalone markers stepped over), when its
   * length field is readable; -1 otherwise. Stray bytes before a marker are skipped, as libjpeg does ("Corrupt JPEG
   * data: N extraneous bytes before marker" is a warning there, and ImageIO decodes the image): a camera or editor
   * that leaves a few made a good photo a dead letter.
   */
  static int nextSegment(byte[] b, int p) {
    while (p + 1 < b.length) {
      if ((b[p] & 0xFF) != 0xFF) {
        p++;
        continue;
      }
      int m = b[p + 1] & 0xFF;
      if (m == 0xFF) {
        p++;
        continue;
      }
      if (m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == 0xD8) {
        p += 2;
        continue;
      }
      if (m == EOI) return p;
      if (p + 3 >= b.length) return -1;
      int len = u16(b, p + 2, false);
      if (len < 2) return -1;
      return p;
    }
    return -1;
  }

  private static boolean startsWithExif(byte[] b, int p) {
    return b[p] == 'E' && b[p + 1] == 'x' && b[p + 2] == 'i' && b[p + 3] == 'f' && b[p + 4] == 0;
  }

  /** Tag 0x0112 of IFD0 of the TIFF structure at t (offsets relative to t), within [t, end); 0 when absent. */
  private static int orientationInTiff(byte[] b, int t, int end) {
    if (t + 8 > end) return 0;
    boolean le;
    if (b[t] == 'I' && b[t + 1] == 'I') le = true;
    else if (b[t] == 'M' && b[t + 1] == 'M') le = false;
    else return 0;
    long ifd = u32(b, t + 4, le);
    if (ifd < 8 || t + ifd + 2 > end) return 0;
    int p = (int) (t + ifd);
    int count = u16(b, p, le);
    p += 2;
    for (int i = 0; i < count && p + 12 <= end; i++, p += 12) {
      if (u16(b, p, le) == 0x0112 && u16(b, p + 2, le) == 3) return u16(b, p + 8, le);
    }
    return 0;
  }

  static int u16(byte[] b, int p, boolean le) {
    int x = b[p] & 0xFF, y = b[p + 1] & 0xFF;
    return le ? y << 8 | x : x << 8 | y;
  }

  static long u32(byte[] b, int p, boolean le) {
    long hi = u16(b, le ? p + 2 : p, le), lo = u16(b, le ? p : p + 2, le);
    return hi << 16 | lo;
  }
}
