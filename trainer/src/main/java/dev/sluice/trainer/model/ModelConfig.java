package dev.sluice.trainer.model;

import dev.sluice.core.cli.UsageException;
import dev.sluice.core.model.ModelShape;

/**
 * Shape of the byte-level decoder-only transformer.
 *
 * @param layers transformer blocks
 * @param dModel residual width
 * @param heads attention heads (must divide dModel)
 * @param context tokens per training sequence
 * @param mlpRatio MLP hidden width as a multiple of dModel
 */
public record ModelConfig(int layers, int dModel, int heads, int context, int mlpRatio) {
  public ModelConfig {
    if (layers < 1) throw new UsageException("model.n_layer must be >= 1, got " + layers);
    if (dModel < 1) throw new UsageException("model.d_model must be >= 1, got " + dModel);
    if (heads < 1 || dModel % heads != 0) {
      throw new UsageException(
          "model.n_head must divide model.d_model (" + dModel + "), got " + heads);
    }
    if (context < 2) throw new UsageException("model.context must be >= 2, got " + context);
    if (mlpRatio < 1) throw new UsageException("model.mlp_ratio must be >= 1, got " + mlpRatio);
  }

  /** The shape's arithmetic (parameter count, FLOPs per token), shared with the scaling experiments. */
  public ModelShape shape() {
    return new ModelShape(layers, dModel, context, mlpRatio);
  }

  /** Parameters, everything counted ({@link ModelShape#parameters()}). */
  public long parameters() {
    return shape().parameters();
  }

  /** Token and position embedding tables ({@link ModelShape#embeddingParameters()}). */
  public long embeddingParameters() {
    return shape().embeddingParameters();
  }

  /** Training FLOPs per token ({@link ModelShape#trainingFlopsPerToken()}). */
  public double trainingFlopsPerToken() {
    return shape().trainingFlopsPerToken();
  }
}
