package dev.sluice.trainer.data;

/**
 * One packed training sample: {@code context + 1} tokens (inputs are [0, context), targets [1, context]), the
 * per-token weight of the document each token came from (null when no weight column is configured), and the
 * token-weighted mean difficulty of its documents (NaN when no difficulty column is configured).
 */
public record Sequence(short[] tokens, float[] weights, double difficulty) {}
