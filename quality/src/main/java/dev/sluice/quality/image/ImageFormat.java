package dev.sluice.quality.image;

import java.util.Locale;
import java.util.Optional;

/**
 * The encodings the decoder knows, recognised from their leading bytes (never from the file name: the name only
 * serves to catch a file whose extension says one format while its bytes are another).
 */
public enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  GIF("gif"),
  BMP("bmp"),
  WEBP("webp"),
  TIFF("tiff"),
  /** Netpbm: PBM, PGM, PPM (P1-P6, ASCII or binary) and PAM (P7). */
  PNM("pnm");

  private final String id;

  ImageFormat(String id) {
    this.id = id;
  }

  /**
   * The name written to shards ({@code source_format}) and passed to ImageIO: jpeg, png, gif, bmp, webp, tiff,
   * pnm.
   */
  public String id() {
    return id;
  }

  /** The format whose signature starts these bytes, or empty when none does. */
  public static Optional<ImageFormat> sniff(byte[] b) {
    if (b.length >= 3 && u(b, 0) == 0xFF && u(b, 1) == 0xD8 && u(b, 2) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (b.length >= 8
        && u(b, 0) == 0x89
        && b[1] == 'P'
        && b[2] == 'N'
        && b[3] == 'G'
        && b[4] == 0x0D
        && b[5] == 0x0A
        && b[6] == 0x1A
        && b[7] == 0x0A) {
      return Optional.of(PNG);
    }
    if (b.length >= 6
        && b[0] == 'G'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == '8'
        && (b[4] == '7' || b[4] == '9')
        && b[5] == 'a') {
      return Optional.of(GIF);
    }
    if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') return Optional.of(BMP);
    if (b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return Optional.of(WEBP);
    }
    if (b.length >= 4
        && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
            || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
      return Optional.of(TIFF);
    }
    if (b.length >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7' && pnmSpace(b[2])) {
      return Optional.of(PNM);
    }
    return Optional.empty();
  }

  /**
   * The format a file name's extension claims, or empty when the name has no extension or one that names no
   * image format (such names are never "wrong").
   */
  public static Optional<ImageFormat> fromName(String name) {
    if (name == null) return Optional.empty();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    int dot = name.lastIndexOf('.');
    if (dot <= slash) return Optional.empty();
    return switch (name.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "jpg", "jpeg", "jpe", "jfif" -> Optional.of(JPEG);
      case "png" -> Optional.of(PNG);
      case "gif" -> Optional.of(GIF);
      case "bmp", "dib" -> Optional.of(BMP);
      case "webp" -> Optional.of(WEBP);
      case "tif", "tiff" -> Optional.of(TIFF);
      case "pnm", "pbm", "pgm", "ppm", "pam" -> Optional.of(PNM);
      default -> Optional.empty();
    };
  }

  /** Netpbm's header whitespace (and the '#' that starts a comment, which may follow the magic number directly). */
  static boolean pnmSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == '#';
  }

  private static int u(byte[] b, int i) {
    return b[i] & 0xFF;
  }
}
