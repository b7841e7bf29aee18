package dev.sluice.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One pre-norm transformer block: x + attn(ln(x)), then x + mlp(ln(x)) with a GELU MLP. */
public final class DecoderLayer extends AbstractBlock {
  private final LayerNorm ln1;
  private final CausalSelfAttention attention;
  private final LayerNorm ln2;
  private final Linear up;
  private final Linear down;

  public DecoderLayer(int dModel, int heads, int mlpRatio) {
    this.ln1 = addChildBlock("ln1", LayerNorm.builder().axis(2).build());
    this.attention = addChildBlock("attn", new CausalSelfAttention(dModel, heads));
    this.ln2 = addChildBlock("ln2", LayerNorm.builder().axis(2).build());
    this.up = addChildBlock("mlp_up", Linear.builder().setUnits((long) mlpRatio * dModel).build());
    this.down = addChildBlock("mlp_down", Linear.builder().setUnits(dModel).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray a =
        attention
            .forward(ps, ln1.forward(ps, new NDList(x), training), training)
            .singletonOrThrow();
    x = x.add(a);
    NDArray h =
        up.forward(ps, ln2.forward(ps, new NDList(x), training), training).singletonOrThrow();
    NDArray m = down.forward(ps, new NDList(Activation.gelu(h)), training).singletonOrThrow();
    return new NDList(x.add(m));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    ln1.initialize(manager, dataType, x);
    attention.initialize(manager, dataType, x);
    ln2.initialize(manager, dataType, x);
    up.initialize(manager, dataType, x);
    down.initialize(manager, dataType, up.getOutputShapes(new Shape[] {x}));
  }
}
