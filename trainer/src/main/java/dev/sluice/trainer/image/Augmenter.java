package dev.sluice.trainer.image;

import dev.sluice.core.config.Config;
import dev.sluice.quality.image.Pixels;
import java.util.Map;

/**
 * On-the-fly augmentation of a training image: the recipe's {@code data.augment} section, applied to an image
 * with a seed derived from (recipe seed, image id, epoch), so each epoch sees a different and reproducible view.
 * {@code policy: none} (the default) returns the image as it is.
 */
final class Augmenter {
  private final boolean none;

  private Augmenter(boolean none) {
    this.none = none;
  }

  /** Validates a {@code data.augment} section (empty = none). */
  static void check(Map<String, Object> section) {
    of(section);
  }

  static Augmenter of(Map<String, Object> section) {
    Config c = Config.of("data.augment", section == null ? Map.of() : section);
    String policy = c.getChoice("policy", "none", "none", "randaugment", "trivialaugment");
    if (policy.equals("none")) {
      c.allowOnly("policy");
      return new Augmenter(true);
    }
    throw new Config.ConfigException(
        "data.augment.policy",
        policy,
        "'none' in this build (randaugment and trivialaugment arrive with augment/'s image policies)");
  }

  boolean isNone() {
    return none;
  }

  /** The view of {@code in} for this epoch. */
  Pixels apply(Pixels in, long seed, String imageId, int epoch) {
    return in;
  }
}
