package dev.sluice.trainer.train;

import ai.djl.ndarray.NDArray;

/** Next-token cross-entropy. */
final class Losses {
  private Losses() {}

  /** Negative log-likelihood of each target, (B, T), from logits (B, T, V). */
  static NDArray tokenNll(NDArray logits, NDArray targets) {
    return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1).neg();
  }

  /** Mean NLL, or the weight-weighted mean when per-token weights are given (the target token's document weight). */
  static NDArray trainLoss(NDArray logits, NDArray targets, NDArray weights) {
    NDArray nll = tokenNll(logits, targets);
    if (weights == null) return nll.mean();
    // clip (a native scalar argument) rather than add(1e-12f), which would upload the number each
    // step
    return nll.mul(weights).sum().div(weights.sum().clip(1e-12f, Float.MAX_VALUE));
  }
}
