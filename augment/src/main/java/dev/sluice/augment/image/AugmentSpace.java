package dev.sluice.augment.image;

import java.util.List;

/**
 * torchvision's magnitude tables for RandAugment and TrivialAugmentWide ({@code _augmentation_space} in
 * torchvision/transforms/autoaugment.py, pytorch/vision): the same 14 ops in the same order, each with its
 * magnitude at bin i of {@code bins} (linspace(0, max, bins)[i]) and whether its sign is flipped with p = 0.5.
 *
 * <pre>
 * op            RandAugment (Cubuk et al. 2020)     TrivialAugmentWide (Müller and Hutter 2021)
 * identity      —                                   —
 * shear_x/y     linspace(0, 0.3), signed            linspace(0, 0.99), signed
 * translate_x   linspace(0, 150/331 · width), s.    linspace(0, 32), signed
 * translate_y   linspace(0, 150/331 · height), s.   linspace(0, 32), signed
 * rotate        linspace(0, 30) degrees, signed     linspace(0, 135), signed
 * brightness, saturation ("Color"), contrast, sharpness
 *               linspace(0, 0.9), factor 1 + m, s.  linspace(0, 0.99), signed
 * posterize     8 − round(i / ((bins − 1) / 4))     8 − round(i / ((bins − 1) / 6))
 * solarize      linspace(255, 0)                    linspace(255, 0)
 * autocontrast, equalize: —
 * </pre>
 */
enum AugmentSpace {
  RANDAUGMENT(0.3, 30, 0.9, 4, false),
  TRIVIALAUGMENT_WIDE(0.99, 135, 0.99, 6, true);

  /** The op list both policies draw from, torchvision's order. */
  static final List<ImageOp> OPS =
      List.of(
          ImageOp.IDENTITY,
          ImageOp.SHEAR_X,
          ImageOp.SHEAR_Y,
          ImageOp.TRANSLATE_X,
          ImageOp.TRANSLATE_Y,
          ImageOp.ROTATE,
          ImageOp.BRIGHTNESS,
          ImageOp.SATURATION,
          ImageOp.CONTRAST,
          ImageOp.SHARPNESS,
          ImageOp.POSTERIZE,
          ImageOp.SOLARIZE,
          ImageOp.AUTOCONTRAST,
          ImageOp.EQUALIZE);

  private final double shear;
  private final double rotate;
  private final double enhance;
  private final int posterizeSpan;
  private final boolean wide;

  AugmentSpace(double shear, double rotate, double enhance, int posterizeSpan, boolean wide) {
    this.shear = shear;
    this.rotate = rotate;
    this.enhance = enhance;
    this.posterizeSpan = posterizeSpan;
    this.wide = wide;
  }

  /** Whether torchvision flips this op's sign at random. */
  static boolean signed(ImageOp op) {
    return switch (op) {
      case SHEAR_X, SHEAR_Y, TRANSLATE_X, TRANSLATE_Y, ROTATE -> true;
      case BRIGHTNESS, SATURATION, CONTRAST, SHARPNESS -> true;
      default -> false;
    };
  }

  /** The unsigned magnitude of {@code op} at {@code bin} of {@code bins}, for an image of that size. */
  double magnitude(ImageOp op, int bin, int bins, int width, int height) {
    double t = bins > 1 ? bin / (double) (bins - 1) : 0;
    return switch (op) {
      case SHEAR_X, SHEAR_Y -> shear * t;
      case TRANSLATE_X -> (wide ? 32.0 : 150.0 / 331.0 * width) * t;
      case TRANSLATE_Y -> (wide ? 32.0 : 150.0 / 331.0 * height) * t;
      case ROTATE -> rotate * t;
      case BRIGHTNESS, SATURATION, CONTRAST, SHARPNESS -> enhance * t;
      case POSTERIZE -> 8 - Math.rint(bin / ((bins - 1) / (double) posterizeSpan));
      case SOLARIZE -> 255.0 * (1 - t);
      default -> 0;
    };
  }
}
