package dev.sluice.trainer.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.sluice.quality.image.Pixels;
import java.util.Arrays;

/** The loss (softmax cross-entropy) and the evaluation of a classifier on a fixed set of images. */
final class ImageEval {
  static final int EVAL_BATCH = 256;

  private ImageEval() {}

  /** Mean cross-entropy (nats) and accuracy over a set of images. */
  record Evaluation(double loss, double accuracy, long images) {}

  /** Per-image cross-entropy of logits (N, K) against int labels (N). */
  static NDArray crossEntropy(NDArray logits, NDArray labels, int classes) {
    NDArray onehot = labels.oneHot(classes, logits.getDataType());
    return logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg();
  }

  static Evaluation evaluate(
      SequentialBlock model,
      ParameterStore ps,
      NDManager root,
      ImageData.Split set,
      ImageModel spec) {
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < set.size(); from += EVAL_BATCH) {
      int to = Math.min(set.size(), from + EVAL_BATCH);
      try (NDManager sm = root.newSubManager()) {
        NDArray[] xy =
            ImageBatches.arrays(
                sm,
                root.getDevice(),
                set.pixels().subList(from, to).toArray(Pixels[]::new),
                Arrays.copyOfRange(set.labels(), from, to),
                spec.size(),
                spec.channels());
        NDArray logits = model.forward(ps, new NDList(xy[0]), false).singletonOrThrow();
        lossSum += crossEntropy(logits, xy[1], spec.classes()).sum().getFloat();
        correct += logits.argMax(1).toType(DataType.INT32, false).eq(xy[1]).sum().getLong();
      }
    }
    return new Evaluation(lossSum / set.size(), correct / (double) set.size(), set.size());
  }
}
