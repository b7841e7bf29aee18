package dev.sluice.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Multi-head self-attention with a causal mask: position t attends to positions 0..t only. */
public final class CausalSelfAttention extends AbstractBlock {
  private final int dModel;
  private final int heads;
  private final Linear qkv;
  private final Linear proj;
  private NDArray mask;
  private NDArray scale;

  public CausalSelfAttention(int dModel, int heads) {
    this.dModel = dModel;
    this.heads = heads;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dModel).build());
    this.proj = addChildBlock("proj", Linear.builder().setUnits(dModel).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    long hd = dModel / heads;
    // (B, T, 3d) -> (3, B, H, T, hd)
    NDArray qkvs =
        qkv.forward(ps, new NDList(x), training)
            .singletonOrThrow()
            .reshape(b, t, 3, heads, hd)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = qkvs.get(0);
    NDArray k = qkvs.get(1);
    NDArray v = qkvs.get(2);
    NDArray mask = causalMask(x, t); // also makes the scale: both live on the device, uploaded once
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(scale).addi(mask);
    NDArray y = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, dModel);
    return proj.forward(ps, new NDList(y), training);
  }

  /** A (T, T) additive mask, −∞ above the diagonal; built once per length and device. */
  private NDArray causalMask(NDArray like, long t) {
    if (mask == null || mask.getShape().get(0) != t || !mask.getDevice().equals(like.getDevice())) {
      if (mask != null) mask.close();
      float[] m = new float[(int) (t * t)];
      for (int i = 0; i < t; i++) {
        for (int j = i + 1; j < t; j++) m[i * (int) t + j] = Float.NEGATIVE_INFINITY;
      }
      NDManager owner = qkv.getParameters().get("weight").getArray().getManager();
      mask = owner.create(m, new Shape(t, t)).toDevice(like.getDevice(), false);
      if (scale != null) scale.close();
      // a device scalar: array.muli(float) would upload the float at every call, a device-wide wait
      // on a GPU
      scale =
          owner
              .create((float) (1.0 / Math.sqrt((double) dModel / heads)))
              .toDevice(like.getDevice(), false);
    }
    return mask;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes);
    proj.initialize(manager, dataType, inputShapes);
  }
}
