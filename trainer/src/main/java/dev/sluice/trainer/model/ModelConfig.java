package dev.sluice.trainer.model;

import dev.sluice.core.cli.UsageException;
import dev.sluice.trainer.data.Tokens;

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

  /**
   * Parameters, everything counted: token and position embeddings, per block two LayerNorms (scale + shift),
   * QKV and output projections with biases, the MLP with biases, the final LayerNorm and the untied output head.
   */
  public long parameters() {
    long d = dModel;
    long h = (long) mlpRatio * d;
    long perLayer = 2 * (2 * d) + (d * 3 * d + 3 * d) + (d * d + d) + (d * h + h) + (h * d + d);
    return embeddingParameters() + layers * perLayer + 2 * d + (long) Tokens.VOCAB * d;
  }

  /** Token and position embedding tables (lookups, no multiply-adds). */
  public long embeddingParameters() {
    return (long) Tokens.VOCAB * dModel + (long) context * dModel;
  }

  /**
   * Training FLOPs per token: 6·N for the weight multiply-adds (forward + backward, N = parameters without the
   * embedding lookups, head included) plus the attention term 12·n_layer·context·d_model (QKᵀ and AV, forward and
   * backward; PaLM appendix B / Chinchilla's convention, counting the full square rather than the causal half).
   */
  public double trainingFlopsPerToken() {
    return 6.0 * (parameters() - embeddingParameters()) + 12.0 * layers * context * dModel;
  }
}
