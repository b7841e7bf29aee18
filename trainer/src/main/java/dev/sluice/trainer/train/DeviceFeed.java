package dev.sluice.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.sluice.trainer.data.Sequence;
import dev.sluice.trainer.data.TrainStream;

/**
 * Moves training batches to the device a group at a time: one host-to-device copy per {@code group} steps instead
 * of one per step. A copy from ordinary host memory waits for the device to drain its queue, so copying every step
 * would stall the GPU once per step; per step, the feed only slices the uploaded group (no copy, no wait).
 *
 * <p>For exact resume, the feed remembers the stream's cursor at the start of the current group and how many
 * sequences of the group training has consumed: a checkpoint stores both, and {@link #restore} replays the skip.
 */
final class DeviceFeed implements AutoCloseable {
  private final TrainStream stream;
  private final int batch;
  private final int length;
  private final Device device;
  private final NDManager parent;
  private final int group;
  private NDManager groupManager;
  private NDArray tokens;
  private NDArray weights;
  private int size;
  private int used;
  private byte[] groupCursor;

  DeviceFeed(
      TrainStream stream, int batch, int length, Device device, NDManager parent, int group) {
    this.stream = stream;
    this.batch = batch;
    this.length = length;
    this.device = device;
    this.parent = parent;
    this.group = group;
  }

  /** The next batch, as views attached to {@code scope}; {@code remaining} caps how many steps are uploaded. */
  Batch next(NDManager scope, long remaining) {
    if (tokens == null || used == size) upload((int) Math.max(1, Math.min(group, remaining)));
    int t = length - 1;
    NDArray seq = tokens.get(used);
    NDArray in = seq.get(new NDIndex(":, 0:{}", t));
    NDArray out = seq.get(new NDIndex(":, 1:"));
    NDArray w = weights == null ? null : weights.get(used);
    seq.attach(scope);
    in.attach(scope);
    out.attach(scope);
    if (w != null) w.attach(scope);
    used++;
    return new Batch(in, out, w, (long) batch * t, -1);
  }

  private void upload(int steps) {
    if (groupManager != null) groupManager.close();
    groupCursor = stream.cursor();
    int t = length - 1;
    long[] ids = new long[steps * batch * length];
    float[] w = null;
    for (int s = 0; s < steps * batch; s++) {
      Sequence q = stream.next();
      for (int j = 0; j < length; j++) ids[s * length + j] = q.tokens()[j];
      if (q.weights() != null) {
        if (w == null) w = new float[steps * batch * t];
        System.arraycopy(q.weights(), 1, w, s * t, t);
      }
    }
    groupManager = parent.newSubManager(device);
    NDManager host = groupManager.newSubManager(Device.cpu());
    tokens = host.create(ids, new Shape(steps, batch, length)).toDevice(device, false);
    tokens.attach(groupManager);
    weights = null;
    if (w != null) {
      weights = host.create(w, new Shape(steps, batch, t)).toDevice(device, false);
      weights.attach(groupManager);
    }
    host.close();
    size = steps;
    used = 0;
  }

  /** Stream cursor at the start of the current group (before any upload: the stream's own). */
  byte[] cursor() {
    return groupCursor != null ? groupCursor : stream.cursor();
  }

  /** Sequences of the current group already consumed by training. */
  long skip() {
    return groupCursor != null ? (long) used * batch : 0;
  }

  static void restore(TrainStream stream, byte[] cursor, long skip) {
    stream.restore(cursor);
    for (long i = 0; i < skip; i++) stream.next();
  }

  @Override
  public void close() {
    if (groupManager != null) groupManager.close();
  }
}
