package dev.sluice.pipelines.recipe;

import dev.sluice.augment.image.ImageAugmentPolicy;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRules;
import dev.sluice.quality.image.PerceptualDedupSettings;
import java.util.Map;

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

  static void decode(Map<String, Object> decode) {
    ImageDecoder.Settings.from(decode);
  }
}
