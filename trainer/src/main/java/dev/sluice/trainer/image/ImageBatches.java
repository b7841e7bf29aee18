package dev.sluice.trainer.image;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sluice.quality.image.Pixels;
import dev.sluice.trainer.data.SplitMix;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Which images train at which step, and their arrays. Epoch e visits the training images in a permutation seeded
 * by (seed, e), {@code batch} at a time, the last batch of an epoch possibly smaller; so the images of a step are a
 * function of the step alone, and a resumed run needs no data cursor. Augmentation is seeded by (seed, image id,
 * epoch), and runs on a background thread one step ahead of training.
 */
final class ImageBatches implements AutoCloseable {
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

  /** Host arrays of one step: NCHW floats in [0, 1] and labels. */
  private record Host(long step, float[] x, int[] labels) {}

  /** The batch being prepared in the background: the next step's images are augmented while this one trains. */
  private Future<Host> next;

  private ExecutorService worker;

  /**
   * The inputs and labels of step {@code step}, on {@code device}; then starts preparing step + 1 (if below {@code
   * end}) on a background thread. What a step holds is a pure function of the step, so prefetching changes no
   * number.
   */
  NDArray[] at(long step, NDManager m, Device device, long end) {
    Host h = null;
    if (next != null) {
      try {
        Host ready = next.get();
        if (ready.step() == step) h = ready;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while preparing a batch", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
      next = null;
    }
    if (h == null) h = host(step);
    if (step + 1 < end) {
      if (worker == null) {
        worker =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "sluice-image-batches");
                  t.setDaemon(true);
                  return t;
                });
      }
      next = worker.submit(() -> host(step + 1));
    }
    NDArray xs = m.create(h.x(), new Shape(h.labels().length, channels, size, size));
    NDArray ys = m.create(h.labels());
    if (!device.equals(m.getDevice())) {
      return new NDArray[] {xs.toDevice(device, false), ys.toDevice(device, false)};
    }
    return new NDArray[] {xs, ys};
  }

  @Override
  public void close() {
    if (worker != null) worker.shutdownNow();
  }

  private synchronized Host host(long step) {
    int epoch = (int) (step / stepsPerEpoch());
    int k = (int) (step % stepsPerEpoch());
    if (epoch != permEpoch) {
      perm = SplitMix.permutation(train.size(), SplitMix.derive(seed, 0x1A6E, epoch));
      permEpoch = epoch;
    }
    int from = k * batch;
    int to = Math.min(train.size(), from + batch);
    Pixels[] views = new Pixels[to - from];
    int[] labels = new int[views.length];
    for (int i = 0; i < views.length; i++) {
      int idx = perm[from + i];
      Pixels p = train.pixels().get(idx);
      if (!augmenter.isNone()) p = fit(augmenter.apply(p, seed, train.ids().get(idx), epoch));
      views[i] = p;
      labels[i] = train.labels()[idx];
    }
    return new Host(step, floats(views, size, channels), labels);
  }

  private Pixels fit(Pixels p) {
    Pixels q = Resize.square(p, size);
    return channels == 3 ? q.toRgb() : q.toGray();
  }

  /** NCHW floats in [0, 1]. */
  static float[] floats(Pixels[] images, int size, int channels) {
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
    return x;
  }

  /** NCHW floats in [0, 1] and int32 labels, on {@code device}. */
  static NDArray[] arrays(
      NDManager m, Device device, Pixels[] images, int[] labels, int size, int channels) {
    NDArray xs =
        m.create(floats(images, size, channels), new Shape(images.length, channels, size, size));
    NDArray ys = m.create(labels);
    if (!device.equals(m.getDevice())) {
      return new NDArray[] {xs.toDevice(device, false), ys.toDevice(device, false)};
    }
    return new NDArray[] {xs, ys};
  }
}
