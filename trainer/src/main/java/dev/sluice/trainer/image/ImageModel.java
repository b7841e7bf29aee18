package dev.sluice.trainer.image;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The two classifiers, as DJL blocks over NCHW float input in [0, 1]:
 *
 * <ul>
 *   <li>{@code cnn}: conv 3×3 (width filters, padding 1) → ReLU → max-pool 2×2 → conv 3×3 (2·width) → ReLU →
 *       max-pool 2×2 → flatten → linear to the classes. No batch norm: evaluation and training then compute the
 *       same function, and a one-image batch trains like any other.
 *   <li>{@code mlp}: flatten → linear (8·width units) → ReLU → linear to the classes (the baseline).
 * </ul>
 *
 * <p>{@link #parameters} and {@link #forwardFlops} are closed forms (the trainer checks the first against DJL's
 * count). Forward FLOPs count 2 per multiply-add of the convolutions and linear layers; ReLU, pooling and the
 * softmax are left out (under 1 % here). Training FLOPs per image are 3 × forward (backward ≈ 2 × forward).
 */
record ImageModel(String kind, int width, int channels, int size, int classes) {

  SequentialBlock block() {
    SequentialBlock b = new SequentialBlock();
    if (kind.equals("cnn")) {
      b.add(conv(width))
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(conv(2 * width))
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(classes).build());
    } else {
      b.add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(hidden()).build())
          .add(Activation.reluBlock())
          .add(Linear.builder().setUnits(classes).build());
    }
    return b;
  }

  private static Conv2d conv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  private int hidden() {
    return 8 * width;
  }

  /** Side of the feature map after the two pools (floor, as max-pool without padding does). */
  private int pooled() {
    return size / 2 / 2;
  }

  Shape inputShape(int batch) {
    return new Shape(batch, channels, size, size);
  }

  long parameters() {
    long k = classes;
    if (kind.equals("cnn")) {
      long w = width;
      long p = pooled();
      return (channels * w * 9 + w) + (w * 2 * w * 9 + 2 * w) + (2 * w * p * p * k + k);
    }
    long in = (long) channels * size * size;
    return in * hidden() + hidden() + hidden() * k + k;
  }

  double forwardFlops() {
    double k = classes;
    if (kind.equals("cnn")) {
      double w = width;
      double s = size;
      double s1 = size / 2;
      double p = pooled();
      return 2 * (s * s * channels * w * 9 + s1 * s1 * w * 2 * w * 9 + 2 * w * p * p * k);
    }
    double in = (double) channels * size * size;
    return 2 * (in * hidden() + (double) hidden() * k);
  }

  double trainingFlopsPerImage() {
    return 3 * forwardFlops();
  }
}
