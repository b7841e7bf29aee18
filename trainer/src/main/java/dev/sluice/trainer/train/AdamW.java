package dev.sluice.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with global-norm gradient clipping, whose state (first and second moments, step count) is ours, so a
 * checkpoint can save and restore it — DJL's built-in optimizers keep theirs private. The update itself is the
 * engine's fused AdamW kernel (one native call per parameter, in place, gradients zeroed after), and clipping is
 * done with device-side arithmetic so a step never waits on the GPU.
 *
 * <p>Weight decay applies to matrices and embedding tables (rank ≥ 2), not to biases and LayerNorm parameters.
 */
public final class AdamW {
  private final List<Pair<String, Parameter>> params = new ArrayList<>();
  private final OptimConfig config;
  private final NDList means = new NDList();
  private final NDList variances = new NDList();
  private long t;

  public AdamW(PairList<String, Parameter> parameters, OptimConfig config) {
    this.config = config;
    for (Pair<String, Parameter> p : parameters) {
      if (!p.getValue().requiresGradient()) continue;
      params.add(p);
      NDArray w = p.getValue().getArray();
      NDArray m = w.zerosLike();
      m.setName("m:" + p.getKey());
      NDArray v = w.zerosLike();
      v.setName("v:" + p.getKey());
      means.add(m);
      variances.add(v);
    }
  }

  /** Updates done so far. */
  public long steps() {
    return t;
  }

  /**
   * One update at learning rate {@code lr}. Temporaries live in {@code scope}. Returns the global gradient norm
   * before clipping, as a device scalar (read it only when logging: reading it waits for the device).
   */
  public NDArray step(NDManager scope, float lr) {
    t++;
    List<NDArray> grads = new ArrayList<>(params.size());
    NDList squares = new NDList();
    for (Pair<String, Parameter> p : params) {
      NDArray g = p.getValue().getArray().getGradient();
      g.attach(scope);
      grads.add(g);
      squares.add(g.square().sum());
    }
    NDArray norm = NDArrays.stack(squares).sum().sqrt();
    if (config.gradClip() > 0) {
      NDArray coef = norm.add(1e-6f).pow(-1f).mul(config.gradClip()).minimum(1f);
      for (NDArray g : grads) g.muli(coef);
    }
    double c1 = 1 - Math.pow(config.beta1(), t);
    double c2 = 1 - Math.pow(config.beta2(), t);
    float lrCorrected = (float) (lr * Math.sqrt(c2) / c1);
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getValue().getArray();
      float wd = w.getShape().dimension() >= 2 ? config.weightDecay() : 0f;
      w.getNDArrayInternal().adamUpdate(
          new NDList(w, grads.get(i), means.get(i), variances.get(i)), new NDList(w),
          lr, lrCorrected, wd, 1f, -1f, config.beta1(), config.beta2(), config.eps(), false, true);
    }
    return norm;
  }

  /** Writes the step count and both moments (named by parameter). */
  public void save(OutputStream out) throws IOException {
    NDList all = new NDList();
    all.addAll(means);
    all.addAll(variances);
    new java.io.DataOutputStream(out).writeLong(t);
    all.encode(out);
  }

  /** Restores what {@link #save} wrote, checking it matches this model's parameters. */
  public void load(NDManager manager, InputStream in) throws IOException {
    long steps = new java.io.DataInputStream(in).readLong();
    NDList all = NDList.decode(manager, in);
    if (all.size() != 2 * params.size()) {
      throw new IOException("optimizer state has " + all.size() / 2 + " parameters, the model has " + params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      NDArray m = all.get(i);
      NDArray v = all.get(params.size() + i);
      String name = params.get(i).getKey();
      if (!("m:" + name).equals(m.getName()) || !("v:" + name).equals(v.getName())
          || !m.getShape().equals(params.get(i).getValue().getArray().getShape())) {
        throw new IOException("optimizer state for " + m.getName() + " does not match parameter " + name);
      }
      means.get(i).close();
      variances.get(i).close();
      means.set(i, m.toDevice(params.get(i).getValue().getArray().getDevice(), false));
      variances.set(i, v.toDevice(params.get(i).getValue().getArray().getDevice(), false));
    }
    t = steps;
  }
}
