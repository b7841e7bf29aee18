package dev.sluice.quality.image;

import dev.sluice.core.config.Config;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Bytes in, {@link Pixels} out, or an {@link ImageRejected} naming one of a fixed set of reasons; no other
 * exception escapes for any input. The order of checks is what makes bad files cheap: the format is sniffed from
 * the leading bytes, the dimensions are read from the header and checked against {@link Settings#maxPixels()}
 * before anything is decoded (a decompression bomb costs a header read), and a truncated file is caught from its
 * structure (ImageIO would decode a cut JPEG into a half-gray picture with only a warning).
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * Decoder settings, recipe section {@code input.image} (or wherever the pipeline mounts it).
   *
   * @param maxPixels width x height above which an image is a {@code decompression_bomb} (Pillow's
   *     MAX_IMAGE_PIXELS, 89,478,485 = 1024 x 1024 x 1024 / 4 / 3, by default)
   * @param exifOrientation whether a JPEG's EXIF orientation is applied (true by default)
   */
  public record Settings(long maxPixels, boolean exifOrientation) implements Serializable {
    public static final Settings DEFAULTS = new Settings(89_478_485L, true);

    public Settings {
      if (maxPixels < 1) throw new Config.ConfigException("max_pixels", maxPixels, "at least 1");
    }

    /** The settings in a recipe section; null or empty gives {@link #DEFAULTS}. */
    public static Settings from(Map<String, Object> section) {
      Config c = Config.of("input.image", section).allowOnly("max_pixels", "exif_orientation");
      return new Settings(
          c.getLong("max_pixels", DEFAULTS.maxPixels, 1, Long.MAX_VALUE),
          c.getBool("exif_orientation", DEFAULTS.exifOrientation));
    }
  }

  /**
   * A decoded image.
   *
   * @param pixels 8-bit gray or RGB, upright when the EXIF orientation was applied
   * @param sourceFormat the sniffed encoding: jpeg, png, gif, bmp, webp, tiff or pnm
   * @param pixelSha256 SHA-256 (lower-case hex) of {@link #pixelKey(Pixels)}: the exact-dedup key
   * @param orientation the EXIF orientation found in a JPEG (1..8; 1 when none or not a JPEG), whether or not it
   *     was applied
   * @param hadAlpha whether the source had an alpha channel (composited onto white)
   * @param converted whether the source's samples were not already 8-bit gray or RGB (more than 8 bits per
   *     sample, rounded; or CMYK/YCCK, converted), so that its own bytes do not decode to these pixels
   * @param rotated whether the EXIF orientation turned or flipped the pixels (an orientation other than 1, and
   *     {@code exif_orientation} on)
   */
  public record Decoded(
      Pixels pixels,
      String sourceFormat,
      String pixelSha256,
      int orientation,
      boolean hadAlpha,
      boolean converted,
      boolean rotated) {
    /** Whether the source's own bytes decode to exactly these pixels, so they can be stored as they are. */
    public boolean untouched() {
      return !rotated && !hadAlpha && !converted;
    }
  }

  public static Decoded decode(byte[] bytes, String name, Settings settings) throws ImageRejected {
    if (settings == null) settings = Settings.DEFAULTS;
    if (bytes == null || bytes.length == 0) {
      throw new ImageRejected(ImageRejected.EMPTY_FILE, "the file has 0 bytes");
    }
    ImageFormat format =
        ImageFormat.sniff(bytes)
            .orElseThrow(
                () ->
                    new ImageRejected(
                        ImageRejected.NOT_AN_IMAGE,
                        "the bytes start with "
                            + hexStart(bytes)
                            + ", no JPEG, PNG, GIF, BMP, WebP, TIFF or Netpbm signature"));
    var claimed = ImageFormat.fromName(name);
    if (claimed.isPresent() && claimed.get() != format) {
      throw new ImageRejected(
          ImageRejected.WRONG_EXTENSION,
          "the name says " + claimed.get().id() + " but the bytes are " + format.id());
    }
    if (ContainerChecks.headerSaysZero(format, bytes)) {
      throw new ImageRejected(
          ImageRejected.ZERO_DIMENSIONS, "the header gives a width or height of 0");
    }
    long[] size = ContainerChecks.headerDimensions(format, bytes);
    if (size != null) checkPixels(size[0], size[1], settings);
    if (format == ImageFormat.GIF && ContainerChecks.gifWithoutFrames(bytes)) {
      throw new ImageRejected(
          ImageRejected.UNDECODABLE, "the GIF's trailer comes before any image: it has no frame");
    }
    if (format == ImageFormat.PNG
        && PlainPng.plainHeader(bytes)
        && ContainerChecks.complete(format, bytes)
        && ContainerChecks.pngBadChunk(bytes) == null) {
      Pixels plain = PlainPng.decode(bytes);
      if (plain != null)
        return new Decoded(plain, format.id(), pixelSha256(plain), 1, false, false, false);
    }
    ImageReader reader = Readers.create(format);
    if (reader == null) {
      throw new ImageRejected(
          ImageRejected.UNSUPPORTED_IMAGE,
          "no ImageIO reader for " + format.id() + " is installed");
    }
    try {
      return read(reader, format, bytes, settings);
    } finally {
      reader.dispose();
    }
  }

  /**
   * The ImageIO step of {@link #decode} alone: the sniffed format's reader over the bytes in memory, no checks, no
   * conversion, no hash. The fair "decode alone" reference for benchmarks ({@code ImageIO.read} also searches the
   * registry and copies the stream through a cache).
   */
  public static BufferedImage readOnly(byte[] bytes) throws IOException {
    ImageFormat format =
        ImageFormat.sniff(bytes).orElseThrow(() -> new IOException("not an image signature"));
    ImageReader reader = Readers.create(format);
    if (reader == null) throw new IOException("no ImageIO reader for " + format.id());
    try {
      reader.setInput(new ByteArrayImageInputStream(decoderInput(format, bytes)), true, true);
      return reader.read(0, null);
    } finally {
      reader.dispose();
    }
  }

  private static Decoded read(
      ImageReader reader, ImageFormat format, byte[] bytes, Settings settings)
      throws ImageRejected {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    boolean complete = ContainerChecks.complete(format, bytes);
    BufferedImage img;
    boolean cmyk;
    try {
      reader.setInput(new ByteArrayImageInputStream(decoderInput(format, bytes)), true, true);
      int w = reader.getWidth(0), h = reader.getHeight(0);
      if (w <= 0 || h <= 0) {
        throw new ImageRejected(
            ImageRejected.ZERO_DIMENSIONS, "the header gives " + w + " x " + h + " pixels");
      }
      checkPixels(w, h, settings);
      if (!complete) throw truncated(format);
      String badChunk = format == ImageFormat.PNG ? ContainerChecks.pngBadChunk(bytes) : null;
      if (badChunk != null) {
        throw new ImageRejected(
            ImageRejected.UNDECODABLE,
            "png chunk " + badChunk + " fails its CRC: the file is damaged");
      }
      cmyk = isCmyk(reader.getRawImageType(0));
      img = reader.read(0, null);
    } catch (IOException | RuntimeException e) {
      if (!complete) throw truncated(format);
      if (ranOffTheEnd(e)) {
        // the container is whole (a PNG with its IEND, say) but its compressed data stops short
        throw new ImageRejected(
            ImageRejected.TRUNCATED_IMAGE,
            "the " + format.id() + " image data ends before the picture is complete");
      }
      String msg = String.valueOf(e.getMessage());
      String kind =
          msg.toLowerCase(Locale.ROOT).contains("unsupported")
              ? ImageRejected.UNSUPPORTED_IMAGE
              : ImageRejected.UNDECODABLE;
      throw new ImageRejected(
          kind, format.id() + " decoder failed: " + e.getClass().getSimpleName() + ": " + msg);
    }
    for (String w : warnings) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (lw.contains("premature end") || lw.contains("truncat")) throw truncated(format);
    }
    if (img == null) {
      throw new ImageRejected(
          ImageRejected.UNDECODABLE, format.id() + " decoder returned no image");
    }
    boolean alpha = img.getColorModel().hasAlpha();
    Pixels pixels;
    try {
      pixels = BufferedImages.toPixels(img);
    } catch (RuntimeException e) {
      throw new ImageRejected(
          ImageRejected.UNSUPPORTED_IMAGE,
          "cannot convert the decoded " + format.id() + " to gray or RGB: " + e.getMessage());
    }
    int orientation = format == ImageFormat.JPEG ? JpegMarkers.exifOrientation(bytes) : 1;
    if (settings.exifOrientation()) pixels = Orientation.apply(pixels, orientation);
    boolean converted = cmyk;
    for (int bits : img.getColorModel().getComponentSize()) converted |= bits > 8;
    boolean rotated = settings.exifOrientation() && orientation > 1;
    return new Decoded(
        pixels, format.id(), pixelSha256(pixels), orientation, alpha, converted, rotated);
  }

  /** What the reader decodes: a JPEG without the standard sRGB profile ({@link StandardSrgbProfile}). */
  private static byte[] decoderInput(ImageFormat format, byte[] bytes) {
    return format == ImageFormat.JPEG ? StandardSrgbProfile.strip(bytes) : bytes;
  }

  /** A {@code decompression_bomb} when the stated size is over the limit, before any pixel is decoded. */
  private static void checkPixels(long w, long h, Settings settings) throws ImageRejected {
    if (w * h > settings.maxPixels()) {
      throw new ImageRejected(
          ImageRejected.DECOMPRESSION_BOMB,
          String.format(
              Locale.ROOT,
              "the header gives %d x %d = %d pixels, over the limit of %d (max_pixels)",
              w,
              h,
              w * h,
              settings.maxPixels()));
    }
  }

  private static boolean isCmyk(javax.imageio.ImageTypeSpecifier raw) {
    return raw != null
        && raw.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_CMYK;
  }

  /** Whether the reader failed because the bytes ended (an EOFException anywhere in the cause chain). */
  private static boolean ranOffTheEnd(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.io.EOFException) return true;
    }
    return false;
  }

  private static ImageRejected truncated(ImageFormat format) {
    String what =
        switch (format) {
          case JPEG -> "no EOI marker after the scan data";
          case PNG -> "no IEND chunk";
          case GIF -> "the first frame's data runs off the end";
          case BMP -> "shorter than its header's file size or pixel offset";
          case WEBP -> "shorter than its RIFF size";
          case TIFF -> "its first IFD or image strips lie past the end";
          case PNM -> "shorter than its header's width x height samples";
        };
    return new ImageRejected(
        ImageRejected.TRUNCATED_IMAGE, "the " + format.id() + " file ends early: " + what);
  }

  /**
   * The bytes the exact-dedup hash covers: width, height and channels as big-endian ints, then the samples. Two
   * encodings of the same pixels (a PNG re-save, a lossless WebP) share it; a gray image and its RGB copy do not.
   */
  public static byte[] pixelKey(Pixels p) {
    return ByteBuffer.allocate(12 + p.data().length)
        .putInt(p.width())
        .putInt(p.height())
        .putInt(p.channels())
        .put(p.data())
        .array();
  }

  /** SHA-256 (lower-case hex) over {@link #pixelKey(Pixels)}, computed without copying the samples. */
  public static String pixelSha256(Pixels p) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          ByteBuffer.allocate(12)
              .putInt(p.width())
              .putInt(p.height())
              .putInt(p.channels())
              .array());
      md.update(p.data());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Lossless PNG of the pixels (8-bit gray or RGB, no metadata, deflate level fixed by {@code
   * compressionQuality 0.5}): the same pixels give the same bytes on the same JDK. The exact-dedup key is {@link
   * #pixelSha256}, not these bytes, because another JDK's zlib may compress differently.
   */
  public static byte[] encodePng(Pixels p) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.5f);
      writer.write(null, new IIOImage(BufferedImages.fromPixels(p), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static String hexStart(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, b.length); i++) {
      s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xFF));
    }
    return "0x" + s;
  }
}
