package dev.sluice.trainer.image;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sluice.quality.image.Pixels;
import dev.sluice.trainer.data.SplitMix;

/**
 * Which images train at which step, and their arrays. Epoch e visits the training images in a permutation seeded
 * by (seed, e), {@code batch} at a time, the last batch of an epoch possibly smaller; so the images of a step are a
 * function of the step alone, and a resumed run needs no data cursor. Augmentation is seeded by (seed, image id,
 * epoch).
 */
final class ImageBatches {
  private final ImageData.Split train;
  private final int batch;
  private final long seed;
  private final Augmenter augmenter;
  private final int size;
  private final int channels;
  private int permEpoch = -1;
  private int[] perm;

  ImageBatches(
      ImageData.Split train, int batch, long seed, Augmenter augmenter, int size, int channels) {
    this.train = train;
    this.batch = batch;
    this.seed = seed;
    this.augmenter = augmenter;
    this.size = size;
    this.channels = channels;
  }

  int stepsPerEpoch() {
    return (train.size() + batch - 1) / batch;
  }

  /** Images seen after {@code steps} steps. */
  long imagesAfter(long steps) {
    long spe = stepsPerEpoch();
    long full = steps / spe;
    return full * train.size() + Math.min(train.size(), (steps % spe) * batch);
  }

  /** The inputs and labels of step {@code step}, on {@code device}. */
  NDArray[] at(long step, NDManager m, Device device) {
    int epoch = (int) (step / stepsPerEpoch());
    int k = (int) (step % stepsPerEpoch());
    if (epoch != permEpoch) {
      perm = SplitMix.permutation(train.size(), SplitMix.derive(seed, 0x1A6E, epoch));
      permEpoch = epoch;
    }
    int from = k * batch;
    int to = Math.min(train.size(), from + batch);
    int[] idx = new int[to - from];
    Pixels[] views = new Pixels[idx.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = perm[from + i];
      Pixels p = train.pixels().get(idx[i]);
      if (!augmenter.isNone()) p = fit(augmenter.apply(p, seed, train.ids().get(idx[i]), epoch));
      views[i] = p;
    }
    int[] labels = new int[idx.length];
    for (int i = 0; i < idx.length; i++) labels[i] = train.labels()[idx[i]];
    return arrays(m, device, views, labels, size, channels);
  }

  private Pixels fit(Pixels p) {
    Pixels q = Resize.square(p, size);
    return channels == 3 ? q.toRgb() : q.toGray();
  }

  /** NCHW floats in [0, 1] and int32 labels. */
  static NDArray[] arrays(
      NDManager m, Device device, Pixels[] images, int[] labels, int size, int channels) {
    int plane = size * size;
    float[] x = new float[images.length * channels * plane];
    for (int b = 0; b < images.length; b++) {
      byte[] d = images[b].data();
      int base = b * channels * plane;
      for (int i = 0; i < plane; i++) {
        for (int c = 0; c < channels; c++) {
          x[base + c * plane + i] = (d[i * channels + c] & 0xFF) / 255f;
        }
      }
    }
    NDArray xs = m.create(x, new Shape(images.length, channels, size, size));
    NDArray ys = m.create(labels);
    if (!device.equals(m.getDevice())) {
      return new NDArray[] {xs.toDevice(device, false), ys.toDevice(device, false)};
    }
    return new NDArray[] {xs, ys};
  }
}
