package dev.sluice.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AdamW (PyTorch's formulation: decoupled weight decay, bias-corrected moments, ε outside the square root) with
 * global-norm gradient clipping, over <em>flat</em> state: all gradients are gathered into one vector per step,
 * and the moments are one vector each. A step is then a dozen whole-model kernels plus two small ones per
 * parameter (apply the update, zero the gradient), instead of a dozen per parameter — on a GPU the difference between
 * launch-bound and not (BENCHMARKS.md). Nothing is read back to the host, so a step never waits on the device.
 * The state is ours, so a checkpoint saves and restores it exactly (DJL's built-in optimizers keep theirs private).
 *
 * <p>Weight decay applies to matrices and embedding tables (rank ≥ 2), not to biases and LayerNorm parameters.
 */
public final class AdamW {
  private final List<Parameter> params = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final long[] offsets;
  private final long size;
  private final OptimConfig config;
  private NDArray mean;
  private NDArray variance;
  private long t;
  private final Schedule schedule;
  private final NDManager manager;

  /** b1, 1−b1, b2, 1−b2, eps, clip, 1e-6, 1 — on the device once, see {@link #step}. */
  private final NDArray constants;

  /** Per-step scalars (lr / c1, 1 / √c2, lr · wd) for a group of upcoming updates, uploaded in one copy. */
  private NDArray perStep;

  private long perStepFirst;
  private NDList gradViews;
  private NDList weightViews;
  private NDArray decayMask;

  public AdamW(
      PairList<String, Parameter> parameters,
      OptimConfig config,
      Schedule schedule,
      NDManager manager) {
    this.config = config;
    this.schedule = schedule;
    this.manager = manager;
    float b1 = config.beta1();
    float b2 = config.beta2();
    this.constants =
        manager.create(
            new float[] {b1, 1 - b1, b2, 1 - b2, config.eps(), config.gradClip(), 1e-6f, 1f});
    long n = 0;
    List<Long> offs = new ArrayList<>();
    for (Pair<String, Parameter> p : parameters) {
      if (!p.getValue().requiresGradient()) continue;
      params.add(p.getValue());
      names.add(p.getKey());
      offs.add(n);
      n += p.getValue().getArray().size();
    }
    this.offsets = offs.stream().mapToLong(Long::longValue).toArray();
    this.size = n;
    this.mean = manager.zeros(new Shape(size), DataType.FLOAT32);
    this.variance = manager.zeros(new Shape(size), DataType.FLOAT32);
  }

  /**
   * Update number {@code steps() + 1}, at the learning rate the schedule gives for {@code step}; temporaries live
   * in {@code scope}. Returns the global gradient norm before clipping as a device scalar (read it only when
   * logging: reading waits for the device).
   *
   * <p>No host number enters the arithmetic: DJL's {@code array.mul(0.9f)} uploads the 0.9 as a new tensor, and
   * on a GPU an upload from ordinary host memory waits until the device has drained its queue — a dozen of those
   * per step left the GPU idle a tenth of the time. Constants are uploaded once, per-step values (learning rate,
   * bias corrections) {@value #GROUP} steps at a time.
   */
  public NDArray step(NDManager scope, long step) {
    t++;
    if (perStep == null || t - perStepFirst >= GROUP) uploadPerStep(step);
    int row = (int) (t - perStepFirst);
    NDArray lrOverC1 = scoped(scope, perStep.get(row * 3L));
    NDArray invSqrtC2 = scoped(scope, perStep.get(row * 3L + 1));
    NDArray lrWd = scoped(scope, perStep.get(row * 3L + 2));
    NDArray b1 = scoped(scope, constants.get(0));
    NDArray oneMinusB1 = scoped(scope, constants.get(1));
    NDArray b2 = scoped(scope, constants.get(2));
    NDArray oneMinusB2 = scoped(scope, constants.get(3));
    NDArray eps = scoped(scope, constants.get(4));
    NDArray clip = scoped(scope, constants.get(5));
    NDArray tiny = scoped(scope, constants.get(6));
    NDArray one = scoped(scope, constants.get(7));

    if (gradViews == null) buildViews();
    NDArray grad = scoped(scope, NDArrays.concat(gradViews));
    NDArray norm = grad.square().sum().sqrt();
    if (config.gradClip() > 0) grad.muli(clip.div(norm.add(tiny)).minimum(one));
    mean.muli(b1).addi(grad.mul(oneMinusB1));
    variance.muli(b2).addi(grad.square().muli(oneMinusB2));
    // the state's own manager would own results of ops on it: move them to the step's scope
    NDArray denom = scoped(scope, variance.sqrt()).muli(invSqrtC2).addi(eps);
    NDArray update = scoped(scope, mean.div(denom)).muli(lrOverC1);
    if (config.weightDecay() > 0) {
      NDArray weights = scoped(scope, NDArrays.concat(weightViews));
      update.addi(weights.muli(decayMask).muli(lrWd));
    }
    NDList parts = update.split(Arrays.copyOfRange(offsets, 1, offsets.length));
    parts.attach(scope);
    for (int i = 0; i < params.size(); i++) {
      weightViews.get(i).subi(parts.get(i));
      JniUtils.zeroGrad((PtNDArray) params.get(i).getArray());
    }
    return norm;
  }

  static final int GROUP = 16;

  private void uploadPerStep(long step) {
    if (perStep != null) perStep.close();
    float[] v = new float[GROUP * 3];
    for (int k = 0; k < GROUP; k++) {
      long tk = t + k;
      float lr = schedule.at(step + k);
      v[k * 3] = (float) (lr / (1 - Math.pow(config.beta1(), tk)));
      v[k * 3 + 1] = (float) (1 / Math.sqrt(1 - Math.pow(config.beta2(), tk)));
      v[k * 3 + 2] = lr * config.weightDecay();
    }
    perStep = manager.create(v);
    perStepFirst = t;
  }

  private static NDArray scoped(NDManager scope, NDArray a) {
    a.attach(scope);
    return a;
  }

  /**
   * Flat views of every parameter and of its gradient, made once (after the first backward, when gradients exist)
   * and reused: gradients are zeroed in place, never replaced, so the views stay valid. This keeps the per-step
   * host work to two calls per parameter.
   */
  private void buildViews() {
    NDManager owner = mean.getManager();
    gradViews = new NDList(params.size());
    weightViews = new NDList(params.size());
    float[] mask = new float[(int) size];
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getArray();
      NDArray g = w.getGradient();
      NDArray gv = g.reshape(-1);
      gv.attach(owner);
      g.close();
      gradViews.add(gv);
      NDArray wv = w.reshape(-1);
      wv.attach(owner);
      weightViews.add(wv);
      if (w.getShape().dimension() >= 2)
        Arrays.fill(mask, (int) offsets[i], (int) (offsets[i] + w.size()), 1f);
    }
    decayMask = owner.create(mask).toDevice(mean.getDevice(), false);
  }

  /** Writes the step count, the parameter layout and both moment vectors. */
  public void save(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeLong(t);
    d.writeInt(names.size());
    for (int i = 0; i < names.size(); i++) {
      d.writeUTF(names.get(i));
      d.writeLong(params.get(i).getArray().size());
    }
    d.flush();
    new NDList(mean, variance).encode(out);
  }

  /** Restores what {@link #save} wrote, checking it was saved for this model's parameters. */
  public void load(NDManager manager, InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    long steps = d.readLong();
    int n = d.readInt();
    if (n != names.size())
      throw new IOException(
          "optimizer state has " + n + " parameters, the model has " + names.size());
    for (int i = 0; i < n; i++) {
      String name = d.readUTF();
      long len = d.readLong();
      if (!name.equals(names.get(i)) || len != params.get(i).getArray().size()) {
        throw new IOException(
            "optimizer state for "
                + name
                + " ("
                + len
                + ") does not match parameter "
                + names.get(i)
                + " ("
                + params.get(i).getArray().size()
                + ")");
      }
    }
    NDList state = NDList.decode(manager, in);
    mean.close();
    variance.close();
    mean = state.get(0).toDevice(manager.getDevice(), false);
    variance = state.get(1).toDevice(manager.getDevice(), false);
    t = steps;
    if (gradViews
        != null) { // the model's parameters were replaced by the checkpoint's: views are stale
      gradViews.close();
      weightViews.close();
      decayMask.close();
      gradViews = null;
    }
  }
}
