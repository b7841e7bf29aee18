package dev.sluice.quality.image;

import java.util.List;

/**
 * An input that cannot become {@link Pixels}: the pipeline dead-letters it with {@link #reason()} and {@link
 * #detail()}. Checked, because every caller must route it somewhere; the reasons are a fixed set so a manifest can
 * count them.
 */
public final class ImageRejected extends Exception {
  private static final long serialVersionUID = 1L;

  /** Zero bytes. */
  public static final String EMPTY_FILE = "empty_file";

  /** The bytes start with no known image signature (JPEG, PNG, GIF, BMP, WebP, TIFF, Netpbm). */
  public static final String NOT_AN_IMAGE = "not_an_image";

  /** The file name's extension names another image format than the bytes are. */
  public static final String WRONG_EXTENSION = "wrong_extension";

  /** The bytes stop before the image's end (no JPEG EOI, no PNG IEND, short GIF/BMP/WebP/TIFF data). */
  public static final String TRUNCATED_IMAGE = "truncated_image";

  /** A known format whose bytes the decoder could not read. */
  public static final String UNDECODABLE = "undecodable";

  /** The header announces more pixels than the configured limit; nothing was decoded. */
  public static final String DECOMPRESSION_BOMB = "decompression_bomb";

  /** The header announces a width or height of 0. */
  public static final String ZERO_DIMENSIONS = "zero_dimensions";

  /** A known format in a variant no installed decoder handles (e.g. lossless or arithmetic-coded JPEG). */
  public static final String UNSUPPORTED_IMAGE = "unsupported_image";

  /** Every reason, in a fixed order (for counters and docs). */
  public static final List<String> REASONS =
      List.of(
          EMPTY_FILE,
          NOT_AN_IMAGE,
          WRONG_EXTENSION,
          TRUNCATED_IMAGE,
          UNDECODABLE,
          DECOMPRESSION_BOMB,
          ZERO_DIMENSIONS,
          UNSUPPORTED_IMAGE);

  private final String reason;
  private final String detail;

  public ImageRejected(String reason, String detail) {
    super(reason + ": " + detail);
    if (!REASONS.contains(reason)) throw new IllegalArgumentException("unknown reason " + reason);
    this.reason = reason;
    this.detail = detail;
  }

  /** One of {@link #REASONS}. */
  public String reason() {
    return reason;
  }

  /** A sentence for a person: what was wrong with this input. */
  public String detail() {
    return detail;
  }
}
