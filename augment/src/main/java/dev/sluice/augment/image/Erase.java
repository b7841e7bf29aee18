package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;

/**
 * Cutout / random erasing (DeVries and Taylor 2017; Zhong et al. 2020, torchvision's {@code RandomErasing}): a
 * rectangle of a given share of the image's area, aspect ratio log-uniform in [0.3, 3.3], at a uniform position, set
 * to {@link Sampler#FILL} (0, torchvision's default {@code value}). Up to 10 tries for a rectangle that fits; after
 * that the last one is clipped to the image.
 */
final class Erase {
  static final double MIN_RATIO = 0.3;
  static final double MAX_RATIO = 3.3;

  private Erase() {}

  static Pixels cutout(Pixels p, double area, AugmentRng rng) {
    int w = p.width(), h = p.height(), ch = p.channels();
    double target = area * p.pixelCount();
    double logLo = StrictMath.log(MIN_RATIO), logHi = StrictMath.log(MAX_RATIO);
    int eh = 0, ew = 0;
    for (int attempt = 0; attempt < 10; attempt++) {
      double ratio = StrictMath.exp(rng.uniform(logLo, logHi));
      eh = (int) Math.round(StrictMath.sqrt(target * ratio));
      ew = (int) Math.round(StrictMath.sqrt(target / ratio));
      if (eh <= h && ew <= w) break;
    }
    eh = Math.min(eh, h);
    ew = Math.min(ew, w);
    byte[] out = p.data().clone();
    if (eh == 0 || ew == 0) return Tone.like(p, out);
    int top = rng.nextInt(h - eh + 1), left = rng.nextInt(w - ew + 1);
    for (int y = top; y < top + eh; y++) {
      int from = (y * w + left) * ch;
      java.util.Arrays.fill(out, from, from + ew * ch, (byte) Sampler.FILL);
    }
    return Tone.like(p, out);
  }
}
