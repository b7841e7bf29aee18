package dev.sluice.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sluice.trainer.data.Sequence;
import dev.sluice.trainer.data.Tokens;

/** One batch on the device: inputs and targets (B, T) int64, per-token weights (B, T) or null. */
record Batch(NDArray inputs, NDArray targets, NDArray weights, long tokens, long byteTargets) {

  static Batch of(NDManager manager, Sequence[] seqs, Device device) {
    int b = seqs.length;
    int t = seqs[0].tokens().length - 1;
    long[] in = new long[b * t];
    long[] out = new long[b * t];
    boolean weighted = seqs[0].weights() != null;
    float[] w = weighted ? new float[b * t] : null;
    long bytes = 0;
    for (int i = 0; i < b; i++) {
      short[] s = seqs[i].tokens();
      for (int j = 0; j < t; j++) {
        in[i * t + j] = s[j];
        out[i * t + j] = s[j + 1];
        if (s[j + 1] != Tokens.SEPARATOR) bytes++;
      }
      if (weighted) System.arraycopy(seqs[i].weights(), 1, w, i * t, t);
    }
    Shape shape = new Shape(b, t);
    NDArray inputs = manager.create(in, shape).toDevice(device, false);
    NDArray targets = manager.create(out, shape).toDevice(device, false);
    NDArray weights = weighted ? manager.create(w, shape).toDevice(device, false) : null;
    return new Batch(inputs, targets, weights, (long) b * t, bytes);
  }
}
