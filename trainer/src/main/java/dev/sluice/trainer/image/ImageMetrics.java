package dev.sluice.trainer.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.trainer.train.MetricsFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An image run's metrics.jsonl: {@code {"kind":"train","step","images","loss","lr","images_per_second","wall_s"}}
 * every {@code log_every} steps (loss averaged over the window) and {@code "kind":"eval"} rows that add
 * {@code val_loss} and {@code val_accuracy}. Non-finite numbers are null; flushed per line; on resume the lines
 * after the checkpoint's step are dropped first.
 */
final class ImageMetrics implements AutoCloseable {
  private final MetricsFile file;

  ImageMetrics(Path file) throws IOException {
    this.file = new MetricsFile(file);
  }

  void truncateAfter(long step) throws IOException {
    file.truncateAfter(step);
  }

  void train(long step, long images, double loss, double lr, double ips, double wall)
      throws IOException {
    write(row("train", step, images, loss, lr, ips, wall));
  }

  void eval(
      long step,
      long images,
      double loss,
      double lr,
      double ips,
      double wall,
      ImageEval.Evaluation e)
      throws IOException {
    ObjectNode n = row("eval", step, images, loss, lr, ips, wall);
    num(n, "val_loss", e.loss());
    num(n, "val_accuracy", e.accuracy());
    write(n);
  }

  private static ObjectNode row(
      String kind, long step, long images, double loss, double lr, double ips, double wall) {
    ObjectNode n = MetricsFile.row(kind, step).put("images", images);
    num(n, "loss", loss);
    num(n, "lr", lr);
    num(n, "images_per_second", ips);
    num(n, "wall_s", wall);
    return n;
  }

  private static void num(ObjectNode n, String field, double v) {
    MetricsFile.num(n, field, v);
  }

  private void write(ObjectNode n) throws IOException {
    file.write(n);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
