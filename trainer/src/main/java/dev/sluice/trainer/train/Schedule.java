package dev.sluice.trainer.train;

import dev.sluice.core.cli.UsageException;
import java.util.Locale;

/**
 * Learning rate by step: linear warmup, then cosine decay or warmup-stable-decay (constant, then a linear decay
 * over the last {@code decayFraction} of the steps), ending at {@code minRatio × peak}.
 */
public record Schedule(
    Kind kind, float peak, float minRatio, int warmup, int total, double decayFraction) {
  public enum Kind {
    COSINE,
    WSD,
    CONSTANT
  }

  public Schedule {
    if (!(peak > 0)) throw new UsageException("train.lr must be > 0, got " + peak);
    if (!(minRatio >= 0 && minRatio <= 1)) {
      throw new UsageException("train.min_lr_ratio must be in [0, 1], got " + minRatio);
    }
    if (warmup < 0 || warmup > total) {
      throw new UsageException(
          "train.warmup_steps must be in [0, train.steps=" + total + "], got " + warmup);
    }
    if (!(decayFraction > 0 && decayFraction <= 1)) {
      throw new UsageException("train.decay_fraction must be in (0, 1], got " + decayFraction);
    }
  }

  public static Kind kind(String name) {
    try {
      return Kind.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "train.schedule must be one of cosine, wsd, constant; got '" + name + "'");
    }
  }

  /** Rate for update number {@code step} (0-based). */
  public float at(long step) {
    if (step < warmup) return peak * (step + 1) / warmup;
    float min = peak * minRatio;
    return switch (kind) {
      case CONSTANT -> peak;
      case COSINE -> {
        double progress =
            total == warmup ? 1 : Math.min(1, (double) (step - warmup) / (total - warmup));
        yield (float) (min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress)));
      }
      case WSD -> {
        long decaySteps = Math.max(1, Math.round(total * decayFraction));
        long decayStart = total - decaySteps;
        if (step < decayStart) yield peak;
        double progress = Math.min(1, (double) (step - decayStart + 1) / decaySteps);
        yield (float) (peak - (peak - min) * progress);
      }
    };
  }
}
