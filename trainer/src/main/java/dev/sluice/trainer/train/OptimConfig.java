package dev.sluice.trainer.train;

import dev.sluice.core.cli.UsageException;

/** AdamW hyper-parameters. */
public record OptimConfig(float beta1, float beta2, float eps, float weightDecay, float gradClip) {
  public OptimConfig {
    if (!(beta1 >= 0 && beta1 < 1))
      throw new UsageException("train.beta1 must be in [0, 1), got " + beta1);
    if (!(beta2 >= 0 && beta2 < 1))
      throw new UsageException("train.beta2 must be in [0, 1), got " + beta2);
    if (!(eps > 0)) throw new UsageException("train.eps must be > 0, got " + eps);
    if (!(weightDecay >= 0))
      throw new UsageException("train.weight_decay must be >= 0, got " + weightDecay);
    if (!(gradClip >= 0))
      throw new UsageException("train.grad_clip must be >= 0 (0 = off), got " + gradClip);
  }
}
