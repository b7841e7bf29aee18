package dev.sluice.trainer.image;

import dev.sluice.augment.image.ImageAugmentPolicy;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.Config;
import dev.sluice.quality.image.Pixels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * On-the-fly augmentation of a training image: the recipe's {@code data.augment} section, applied with augment/'s
 * {@link ImageAugmentPolicy} (the same policies and ops the pipeline's {@code augment.image} uses offline), seeded
 * by (recipe seed, image id, epoch) — the epoch is the policy's {@code copy} — so each epoch sees a different view,
 * the same one in every run and after every resume. {@code policy: none} (the default) returns the image as it is.
 */
final class Augmenter {
  private final ImageAugmentPolicy policy;

  private Augmenter(ImageAugmentPolicy policy) {
    this.policy = policy;
  }

  /** Validates a {@code data.augment} section (empty = none), naming the field of a bad key or value. */
  static void check(Map<String, Object> section) {
    of(section);
  }

  static Augmenter of(Map<String, Object> section) {
    Config c = Config.of("data.augment", section == null ? Map.of() : section);
    List<String> policies = new ArrayList<>(List.of("none"));
    policies.addAll(ImageAugmentPolicy.POLICIES);
    String name = c.getChoice("policy", "none", policies.toArray(String[]::new));
    if (name.equals("none")) {
      c.allowOnly("policy");
      return new Augmenter(null);
    }
    if (c.has("copies")) {
      throw new Config.ConfigException(
          "data.augment.copies",
          section.get("copies"),
          "no such key in training: the trainer makes one augmented view per image per epoch"
              + " (copies is for the pipeline's augment.image)");
    }
    try {
      return new Augmenter(ImageAugmentPolicy.from(section));
    } catch (Config.ConfigException e) {
      // augment/ names its fields augment.image.*; here they live under data.augment
      throw new BadAugment(e.getMessage().replaceFirst("^augment\\.image", "data.augment"), e);
    }
  }

  boolean isNone() {
    return policy == null;
  }

  /** The view of {@code in} for this epoch. */
  Pixels apply(Pixels in, long seed, String imageId, int epoch) {
    return policy == null ? in : policy.apply(in, seed, imageId, epoch).pixels();
  }

  /** A bad {@code data.augment} value found by augment/'s policy parser, renamed to the trainer's field. */
  static final class BadAugment extends UsageException {
    private static final long serialVersionUID = 1L;

    BadAugment(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String kind() {
      return "bad recipe: ";
    }
  }
}
