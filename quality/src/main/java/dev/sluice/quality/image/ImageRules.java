package dev.sluice.quality.image;

import dev.sluice.core.config.Config;
import dev.sluice.quality.rules.Rejection;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image quality rules, recipe section {@code quality.image}: one threshold per signal of {@link
 * ImageSignals}, checked in a fixed order; the first that fails names the rejection ({@code image.min_width},
 * ...). A minimum fails when the value is below it, a maximum when the value is above it (equal passes). The
 * defaults were chosen from the signals of every sample image (docs/images.md, "Quality signals and rules"): all
 * real samples pass them, a solid colour, a 4x4 image and a 1000x10 strip do not. A minimum of 0 or a maximum of
 * infinity turns its rule off.
 */
public record ImageRules(
    int minWidth,
    int minHeight,
    double maxAspectRatio,
    long minFileBytes,
    long maxFileBytes,
    double minBlur,
    double minBrightness,
    double maxBrightness,
    double minContrast,
    double minEntropy,
    double maxUniformFraction,
    double minJpegQuality)
    implements Serializable {

  /** The recipe keys, in the order the rules are checked. */
  public static final List<String> KEYS =
      List.of(
          "min_width",
          "min_height",
          "max_aspect_ratio",
          "min_file_bytes",
          "max_file_bytes",
          "min_blur",
          "min_brightness",
          "max_brightness",
          "min_contrast",
          "min_entropy",
          "max_uniform_fraction",
          "min_jpeg_quality");

  public static ImageRules defaults() {
    return new ImageRules(8, 8, 4.0, 0, 64L << 20, 1.0, 0.02, 0.98, 0.02, 0.5, 0.95, 30);
  }

  /** The rules of a recipe's {@code quality.image} section; null or empty gives {@link #defaults()}. */
  public static ImageRules from(Map<String, Object> section) {
    Config c = Config.of("quality.image", section).allowOnly(KEYS.toArray(String[]::new));
    ImageRules d = defaults();
    ImageRules r =
        new ImageRules(
            c.getInt("min_width", d.minWidth, 0, Integer.MAX_VALUE),
            c.getInt("min_height", d.minHeight, 0, Integer.MAX_VALUE),
            atLeast(c, "max_aspect_ratio", d.maxAspectRatio, 1.0),
            c.getLong("min_file_bytes", d.minFileBytes, 0, Long.MAX_VALUE),
            c.getLong("max_file_bytes", d.maxFileBytes, 0, Long.MAX_VALUE),
            atLeast(c, "min_blur", d.minBlur, 0.0),
            c.getFraction("min_brightness", d.minBrightness),
            c.getFraction("max_brightness", d.maxBrightness),
            c.getFraction("min_contrast", d.minContrast),
            within(c, "min_entropy", d.minEntropy, 0.0, 8.0), // bits of an 8-bit histogram
            c.getFraction("max_uniform_fraction", d.maxUniformFraction),
            within(c, "min_jpeg_quality", d.minJpegQuality, 0.0, 100.0)); // libjpeg's scale
    if (r.minBrightness > r.maxBrightness) {
      throw new Config.ConfigException(
          "quality.image.min_brightness",
          r.minBrightness,
          "at most max_brightness (" + r.maxBrightness + ")");
    }
    if (r.minFileBytes > r.maxFileBytes) {
      throw new Config.ConfigException(
          "quality.image.min_file_bytes",
          r.minFileBytes,
          "at most max_file_bytes (" + r.maxFileBytes + ")");
    }
    return r;
  }

  private static double atLeast(Config c, String key, double dflt, double min) {
    double v = c.getDouble(key, dflt);
    if (!(v >= min)) throw new Config.ConfigException(c.path(key), v, "a number >= " + min);
    return v;
  }

  private static double within(Config c, String key, double dflt, double min, double max) {
    double v = c.getDouble(key, dflt);
    if (!(v >= min && v <= max)) {
      throw new Config.ConfigException(c.path(key), v, "a number in [" + min + ", " + max + "]");
    }
    return v;
  }

  /** The first failing rule as {@code image.<key>} with the failing value, or empty when the image passes. */
  public Optional<Rejection> check(ImageSignals.Values v) {
    if (v.width() < minWidth) return fail("min_width", v.width());
    if (v.height() < minHeight) return fail("min_height", v.height());
    if (v.aspectRatio() > maxAspectRatio) return fail("max_aspect_ratio", v.aspectRatio());
    if (v.fileBytes() < minFileBytes) return fail("min_file_bytes", v.fileBytes());
    if (v.fileBytes() > maxFileBytes) return fail("max_file_bytes", v.fileBytes());
    if (v.blur() < minBlur) return fail("min_blur", v.blur());
    if (v.brightness() < minBrightness) return fail("min_brightness", v.brightness());
    if (v.brightness() > maxBrightness) return fail("max_brightness", v.brightness());
    if (v.contrast() < minContrast) return fail("min_contrast", v.contrast());
    if (v.entropy() < minEntropy) return fail("min_entropy", v.entropy());
    if (v.uniformFraction() > maxUniformFraction) {
      return fail("max_uniform_fraction", v.uniformFraction());
    }
    if (v.jpegQuality() != null && v.jpegQuality() < minJpegQuality) {
      return fail("min_jpeg_quality", v.jpegQuality());
    }
    return Optional.empty();
  }

  private static Optional<Rejection> fail(String key, double value) {
    return Optional.of(new Rejection("image." + key, value));
  }

  /**
   * The thresholds by the signal they apply to ({@code image.<signal>}, as the text rule sets key theirs), in
   * signal order: [min] , [max] or [min, max].
   */
  public Map<String, List<Double>> thresholds() {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    m.put("image.width", List.of((double) minWidth));
    m.put("image.height", List.of((double) minHeight));
    m.put("image.aspect_ratio", List.of(maxAspectRatio));
    m.put("image.file_bytes", List.of((double) minFileBytes, (double) maxFileBytes));
    m.put("image.blur", List.of(minBlur));
    m.put("image.brightness", List.of(minBrightness, maxBrightness));
    m.put("image.contrast", List.of(minContrast));
    m.put("image.entropy", List.of(minEntropy));
    m.put("image.uniform_fraction", List.of(maxUniformFraction));
    m.put("image.jpeg_quality", List.of(minJpegQuality));
    return Collections.unmodifiableMap(m);
  }
}
