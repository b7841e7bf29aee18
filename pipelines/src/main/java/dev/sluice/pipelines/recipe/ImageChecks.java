package dev.sluice.pipelines.recipe;

import dev.sluice.augment.image.ImageAugmentPolicy;
import dev.sluice.core.config.Config;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRules;
import dev.sluice.quality.image.PerceptualDedupSettings;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the image sections with the pure classes that own them, before any work starts: each {@code from(Map)}
 * throws a recipe error naming the field. A null section is off.
 */
final class ImageChecks {
  private ImageChecks() {}

  static void quality(Map<String, Object> image) {
    if (image != null) ImageRules.from(image);
  }

  static void perceptual(Map<String, Object> perceptual) {
    if (perceptual != null) PerceptualDedupSettings.from(perceptual);
  }

  static void augment(Map<String, Object> image) {
    if (image != null) ImageAugmentPolicy.from(image);
  }

  /** The decoder's settings live at input.decode in a recipe: its errors are renamed to say so. */
  static void decode(Map<String, Object> decode) {
    try {
      ImageDecoder.Settings.from(decode);
    } catch (Config.ConfigException e) {
      Matcher m = MESSAGE.matcher(e.getMessage());
      if (!m.matches()) throw e;
      String key = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
      // the value as the message printed it (already quoted when it was a string)
      throw new Config.ConfigException(
          "input.decode." + key, new StringBuilder(m.group(2)), m.group(3));
    }
  }

  private static final Pattern MESSAGE = Pattern.compile("(?s)([\\w.]+): got (.*?), expected (.*)");
}
