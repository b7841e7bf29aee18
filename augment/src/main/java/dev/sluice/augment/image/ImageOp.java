package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Every image op a recipe may name, each a pure function of (pixels, magnitude, generator): the generator is used
 * only by ops that place something at random (crops, cutout, noise). What the magnitude means, per op:
 *
 * <ul>
 *   <li>{@code rotate}: degrees, counter-clockwise; {@code shear_x}, {@code shear_y}: shear factor (0.3 is ≈ 16.7°);
 *       {@code translate_x}, {@code translate_y}: whole pixels (truncated, as torchvision's {@code int()});
 *   <li>{@code brightness}, {@code contrast}, {@code saturation}, {@code sharpness}: m with factor 1 + m, as
 *       torchvision's RandAugment ("Color" is {@code saturation});
 *   <li>{@code hue}: the share of the colour circle to turn, −0.5..0.5;
 *   <li>{@code crop}: the share of each side kept; {@code cutout}: the share of the area erased;
 *   <li>{@code blur}: σ in pixels; {@code noise}: σ in sample units (0..255);
 *   <li>{@code posterize}: bits kept (1..8); {@code solarize}: threshold (samples ≥ it are inverted);
 *   <li>the rest ({@code identity}, flips, {@code equalize}, {@code autocontrast}, {@code invert}) take none.
 * </ul>
 *
 * {@code resized_crop} and {@code affine} take several parameters and are applied by {@link OpsPolicy}; here they use
 * torchvision's defaults (resized crop) or the magnitude as degrees (affine = rotate).
 */
enum ImageOp {
  IDENTITY(false),
  FLIP_H(false),
  FLIP_V(false),
  CROP(true),
  RESIZED_CROP(false),
  ROTATE(true),
  SHEAR_X(true),
  SHEAR_Y(true),
  TRANSLATE_X(true),
  TRANSLATE_Y(true),
  AFFINE(true),
  BRIGHTNESS(true),
  CONTRAST(true),
  SATURATION(true),
  HUE(true),
  SHARPNESS(true),
  BLUR(true),
  NOISE(true),
  CUTOUT(true),
  POSTERIZE(true),
  SOLARIZE(true),
  EQUALIZE(false),
  AUTOCONTRAST(false),
  INVERT(false);

  /** Whether a result names the magnitude ("rotate:-12.5") or only the op ("flip_h"). */
  final boolean hasMagnitude;

  ImageOp(boolean hasMagnitude) {
    this.hasMagnitude = hasMagnitude;
  }

  /** The name recipes and results use: the constant in lower case ("flip_h", "resized_crop"). */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "name:magnitude" (magnitude rounded to 4 decimals, no trailing zeros) or "name". */
  String label(double magnitude) {
    return hasMagnitude ? label() + ":" + format(magnitude) : label();
  }

  static String format(double v) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  /** The magnitude as applied: whole pixels for translations and whole bits for posterize. */
  double applied(double magnitude) {
    return switch (this) {
      case TRANSLATE_X, TRANSLATE_Y -> (int) magnitude;
      case POSTERIZE -> Math.max(1, Math.min(8, (int) magnitude));
      default -> magnitude;
    };
  }

  Pixels apply(Pixels in, double m, AugmentRng rng) {
    return switch (this) {
      case IDENTITY -> in;
      case FLIP_H -> Geometric.flipHorizontal(in);
      case FLIP_V -> Geometric.flipVertical(in);
      case CROP -> Geometric.crop(in, m, rng);
      case RESIZED_CROP ->
          Geometric.resize(
              in,
              Geometric.resizedCropBox(in, rng, 0.08, 1.0, 3.0 / 4, 4.0 / 3),
              in.width(),
              in.height());
      case ROTATE, AFFINE -> Geometric.rotate(in, m);
      case SHEAR_X -> Geometric.shearX(in, m);
      case SHEAR_Y -> Geometric.shearY(in, m);
      case TRANSLATE_X -> Geometric.translate(in, (int) m, 0);
      case TRANSLATE_Y -> Geometric.translate(in, 0, (int) m);
      case BRIGHTNESS -> Tone.brightness(in, 1 + m);
      case CONTRAST -> Tone.contrast(in, 1 + m);
      case SATURATION -> Tone.saturation(in, 1 + m);
      case HUE -> Hue.shift(in, m);
      case SHARPNESS -> Tone.sharpness(in, 1 + m);
      case BLUR -> Blur.gaussian(in, m);
      case NOISE -> Noise.gaussian(in, m, rng);
      case CUTOUT -> Erase.cutout(in, m, rng);
      case POSTERIZE -> Tone.posterize(in, (int) applied(m));
      case SOLARIZE -> Tone.solarize(in, m);
      case EQUALIZE -> Tone.equalize(in);
      case AUTOCONTRAST -> Tone.autocontrast(in);
      case INVERT -> Tone.invert(in);
    };
  }
}
