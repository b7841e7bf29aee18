package dev.sluice.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.sluice.trainer.data.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder-only byte-level language model: token + learned position embeddings, n pre-norm blocks, a final
 * LayerNorm and an untied linear head over the 257-token vocabulary. Input (B, T) int64 tokens, output (B, T, 257)
 * logits.
 */
public final class ByteLM extends AbstractBlock {
  private final ModelConfig config;
  private final Parameter tokens;
  private final Parameter positions;
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final LayerNorm lnFinal;
  private final Linear head;

  public ByteLM(ModelConfig config) {
    this.config = config;
    this.tokens =
        addParameter(
            Parameter.builder()
                .setName("tok_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(Tokens.VOCAB, config.dModel()))
                .build());
    this.positions =
        addParameter(
            Parameter.builder()
                .setName("pos_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.context(), config.dModel()))
                .build());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(
          addChildBlock(
              "layer" + i, new DecoderLayer(config.dModel(), config.heads(), config.mlpRatio())));
    }
    this.lnFinal = addChildBlock("ln_f", LayerNorm.builder().axis(2).build());
    this.head =
        addChildBlock("head", Linear.builder().setUnits(Tokens.VOCAB).optBias(false).build());
  }

  public ModelConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    long t = ids.getShape().get(1);
    NDArray tok = ps.getValue(tokens, ids.getDevice(), training);
    NDArray pos = ps.getValue(positions, ids.getDevice(), training);
    if (t != config.context()) {
      pos = pos.get(new NDIndex("0:{}", t));
      pos.attach(
          ids.getManager()); // a per-batch view: closed with the batch, not kept by the model
    }
    NDArray x =
        ids.getNDArrayInternal()
            .embedding(ids, tok, SparseFormat.DENSE)
            .singletonOrThrow()
            .add(pos);
    NDList h = new NDList(x);
    for (DecoderLayer layer : layers) h = layer.forward(ps, h, training);
    return head.forward(ps, lnFinal.forward(ps, h, training), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), Tokens.VOCAB)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape hidden = new Shape(in.get(0), in.get(1), config.dModel());
    for (DecoderLayer layer : layers) layer.initialize(manager, dataType, hidden);
    lnFinal.initialize(manager, dataType, hidden);
    head.initialize(manager, dataType, hidden);
  }
}
