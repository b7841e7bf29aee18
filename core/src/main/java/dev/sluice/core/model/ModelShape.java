package dev.sluice.core.model;

/**
 * The arithmetic of the byte-level decoder-only transformer's shape, shared by the trainer (which builds the
 * model and checks its parameter count against {@link #parameters()}) and the scaling experiments (which plan
 * budgets with {@link #trainingFlopsPerToken()} before any model exists).
 *
 * @param layers transformer blocks
 * @param dModel residual width
 * @param context tokens per training sequence
 * @param mlpRatio MLP hidden width as a multiple of dModel
 */
public record ModelShape(int layers, int dModel, int context, int mlpRatio) {
  /** Byte tokens 0-255 plus the document separator. */
  public static final int VOCAB = 257;

  /**
   * Parameters, everything counted: token and position embeddings, per block two LayerNorms (scale + shift),
   * QKV and output projections with biases, the MLP with biases, the final LayerNorm and the untied output head.
   */
  public long parameters() {
    long d = dModel;
    long h = (long) mlpRatio * d;
    long perLayer = 2 * (2 * d) + (d * 3 * d + 3 * d) + (d * d + d) + (d * h + h) + (h * d + d);
    return embeddingParameters() + layers * perLayer + 2 * d + (long) VOCAB * d;
  }

  /** Token and position embedding tables (lookups, no multiply-adds). */
  public long embeddingParameters() {
    return (long) VOCAB * dModel + (long) context * dModel;
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
