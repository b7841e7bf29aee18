package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.Config.ConfigException;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.quality.image.Pixels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code policy: ops} list: each named op applied with its own probability, in the recipe's order, each with its
 * magnitude drawn from its own range. An op's value is its probability (its range then has the defaults below) or a
 * mapping {@code {p: 0.3, degrees: 15}}. Every op draws from the generator of its place in {@link
 * ImageAugmentPolicy#OPS}, so adding, removing or retuning one op never moves another op's draws.
 *
 * <pre>
 * op                  keys (default)                                   magnitude drawn
 * crop                scale (0.8)                                      side share U[scale, 1], resized back
 * resized_crop        min_scale (0.08), max_scale (1), min_ratio (0.75),
 *                     max_ratio (1.3333), width, height (0 = input)    torchvision RandomResizedCrop
 * rotate              degrees (15)                                     U[−degrees, degrees]
 * shear_x, shear_y    max (0.3)                                        factor U[−max, max]
 * translate_x, _y     max (0.1, share of the side)                     U[−max, max] · side, whole pixels
 * affine              degrees (15), shear (0.1), translate (0.1)       each U[−v, v], as above
 * brightness, contrast, saturation, sharpness
 *                     max (0.4)                                        factor 1 + U[−max, max] (ColorJitter)
 * hue                 max (0.1, at most 0.5)                           U[−max, max] of the circle
 * blur                sigma (2.0)                                      σ U[0.1, sigma] (torchvision GaussianBlur)
 * noise               sigma (10, sample units)                         σ U[0, sigma]
 * cutout              area (0.33)                                      area U[0.02, area] (RandomErasing)
 * posterize           bits (4)                                         fixed
 * solarize            threshold (128)                                  fixed
 * identity, flip_h, flip_v, equalize, autocontrast, invert: p only
 * </pre>
 */
final class OpsPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One op of the list: its probability and up to six parameters, in the order of the table above. */
  record Step(ImageOp op, double p, double[] params) implements Serializable {}

  private final List<Step> steps;

  OpsPolicy(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  List<Step> steps() {
    return steps;
  }

  static OpsPolicy from(Config section, Map<String, Object> ops) {
    if (ops == null || ops.isEmpty()) {
      throw new ConfigException(section.path("ops"), ops, "a mapping of op names to probabilities");
    }
    List<Step> steps = new ArrayList<>();
    Config list = section.child("ops");
    for (Map.Entry<String, Object> e : ops.entrySet()) {
      String name = e.getKey();
      ImageOp op = ImageAugmentPolicy.op(name);
      if (op == null) {
        throw new ConfigException(
            list.path(name),
            name,
            "an op in " + ImageAugmentPolicy.OPS + DidYouMean.hint(name, ImageAugmentPolicy.OPS));
      }
      Object v = e.getValue();
      Config c;
      if (v instanceof Map<?, ?>) {
        c = list.child(name);
      } else {
        c = Config.of(list.path(name), Map.of("p", v == null ? "null" : v));
      }
      steps.add(new Step(op, c.getFraction("p", 1.0), params(op, c)));
    }
    return new OpsPolicy(steps);
  }

  private static double[] params(ImageOp op, Config c) {
    return switch (op) {
      case CROP -> {
        c.allowOnly("p", "scale");
        yield new double[] {positive(c, "scale", 0.8, 1)};
      }
      case RESIZED_CROP -> {
        c.allowOnly("p", "min_scale", "max_scale", "min_ratio", "max_ratio", "width", "height");
        double lo = positive(c, "min_scale", 0.08, 1), hi = positive(c, "max_scale", 1, 1);
        if (lo > hi) throw new ConfigException(c.path("min_scale"), lo, "at most max_scale " + hi);
        double rlo = positive(c, "min_ratio", 0.75, 100),
            rhi = positive(c, "max_ratio", 4.0 / 3, 100);
        if (rlo > rhi)
          throw new ConfigException(c.path("min_ratio"), rlo, "at most max_ratio " + rhi);
        yield new double[] {
          lo, hi, rlo, rhi, c.getInt("width", 0, 0, 1 << 14), c.getInt("height", 0, 0, 1 << 14)
        };
      }
      case ROTATE -> range(c, "degrees", 15, 180);
      case SHEAR_X, SHEAR_Y -> range(c, "max", 0.3, 2);
      case TRANSLATE_X, TRANSLATE_Y -> range(c, "max", 0.1, 1);
      case AFFINE -> {
        c.allowOnly("p", "degrees", "shear", "translate");
        yield new double[] {
          bounded(c, "degrees", 15, 180),
          bounded(c, "shear", 0.1, 2),
          bounded(c, "translate", 0.1, 1)
        };
      }
      case BRIGHTNESS, CONTRAST, SATURATION, SHARPNESS -> range(c, "max", 0.4, 1);
      case HUE -> range(c, "max", 0.1, 0.5);
      case BLUR -> range(c, "sigma", 2.0, 50);
      case NOISE -> range(c, "sigma", 10, 255);
      case CUTOUT -> {
        c.allowOnly("p", "area");
        yield new double[] {positive(c, "area", 0.33, 1)};
      }
      case POSTERIZE -> {
        c.allowOnly("p", "bits");
        yield new double[] {c.getInt("bits", 4, 1, 8)};
      }
      case SOLARIZE -> {
        c.allowOnly("p", "threshold");
        yield new double[] {c.getInt("threshold", 128, 0, 256)};
      }
      default -> {
        c.allowOnly("p");
        yield new double[0];
      }
    };
  }

  private static double[] range(Config c, String key, double dflt, double max) {
    c.allowOnly("p", key);
    return new double[] {bounded(c, key, dflt, max)};
  }

  private static double bounded(Config c, String key, double dflt, double max) {
    double v = c.getDouble(key, dflt);
    if (!(v >= 0 && v <= max))
      throw new ConfigException(c.path(key), v, "a number in [0, " + max + "]");
    return v;
  }

  private static double positive(Config c, String key, double dflt, double max) {
    double v = c.getDouble(key, dflt);
    if (!(v > 0 && v <= max))
      throw new ConfigException(c.path(key), v, "a number in (0, " + max + "]");
    return v;
  }

  /** Applies the steps in order; each one's generator is that of its op's place in OPS. */
  Pixels apply(Pixels in, long seed, long idHash, int copy, List<String> labels) {
    Pixels p = in;
    for (Step s : steps) {
      AugmentRng rng = AugmentRng.forOp(seed, idHash, copy, s.op.ordinal());
      if (!rng.chance(s.p)) continue;
      p = step(s, p, rng, labels);
    }
    return p;
  }

  private static Pixels step(Step s, Pixels p, AugmentRng rng, List<String> labels) {
    double[] a = s.params;
    ImageOp op = s.op;
    switch (op) {
      case CROP -> {
        double side = rng.uniform(a[0], 1);
        labels.add(op.label(side));
        return op.apply(p, side, rng);
      }
      case RESIZED_CROP -> {
        Geometric.Box box = Geometric.resizedCropBox(p, rng, a[0], a[1], a[2], a[3]);
        int w = a[4] > 0 ? (int) a[4] : p.width(), h = a[5] > 0 ? (int) a[5] : p.height();
        labels.add(op.label() + ":" + ImageOp.format(box.area(p)));
        return Geometric.resize(p, box, w, h);
      }
      case AFFINE -> {
        double deg = sym(rng, a[0]), shx = sym(rng, a[1]), shy = sym(rng, a[1]);
        int tx = (int) (sym(rng, a[2]) * p.width()), ty = (int) (sym(rng, a[2]) * p.height());
        labels.add(
            op.label()
                + ":"
                + String.join(
                    "/",
                    ImageOp.format(deg),
                    ImageOp.format(shx),
                    ImageOp.format(shy),
                    ImageOp.format(tx),
                    ImageOp.format(ty)));
        return Geometric.affine(p, deg, shx, shy, tx, ty);
      }
      case TRANSLATE_X, TRANSLATE_Y -> {
        int side = op == ImageOp.TRANSLATE_X ? p.width() : p.height();
        double m = op.applied(sym(rng, a[0]) * side);
        labels.add(op.label(m));
        return op.apply(p, m, rng);
      }
      case ROTATE, SHEAR_X, SHEAR_Y, BRIGHTNESS, CONTRAST, SATURATION, SHARPNESS, HUE -> {
        double m = sym(rng, a[0]);
        labels.add(op.label(m));
        return op.apply(p, m, rng);
      }
      case BLUR -> {
        double sigma = rng.uniform(Math.min(0.1, a[0]), a[0]);
        labels.add(op.label(sigma));
        return op.apply(p, sigma, rng);
      }
      case NOISE -> {
        double sigma = rng.uniform(0, a[0]);
        labels.add(op.label(sigma));
        return op.apply(p, sigma, rng);
      }
      case CUTOUT -> {
        double area = rng.uniform(Math.min(0.02, a[0]), a[0]);
        labels.add(op.label(area));
        return op.apply(p, area, rng);
      }
      case POSTERIZE, SOLARIZE -> {
        labels.add(op.label(a[0]));
        return op.apply(p, a[0], rng);
      }
      default -> {
        labels.add(op.label());
        return op.apply(p, 0, rng);
      }
    }
  }

  /** Uniform in [−max, max]. */
  private static double sym(AugmentRng rng, double max) {
    return rng.uniform(-max, max);
  }
}
