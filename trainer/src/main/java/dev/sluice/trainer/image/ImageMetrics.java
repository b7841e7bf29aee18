package dev.sluice.trainer.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An image run's metrics.jsonl: {@code {"kind":"train","step","images","loss","lr","images_per_second","wall_s"}}
 * every {@code log_every} steps (loss averaged over the window) and {@code "kind":"eval"} rows that add
 * {@code val_loss} and {@code val_accuracy}. Non-finite numbers are null; flushed per line; on resume the lines
 * after the checkpoint's step are dropped first.
 */
final class ImageMetrics implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private BufferedWriter out;

  ImageMetrics(Path file) throws IOException {
    this.file = file;
    this.out = open();
  }

  private BufferedWriter open() throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  void truncateAfter(long step) throws IOException {
    out.close();
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      try {
        if (JSON.readTree(line).path("step").asLong() <= step) kept.add(line);
      } catch (IOException e) {
        // a line cut by a kill: dropped, like every line after the checkpoint
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
    out = open();
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
    ObjectNode n =
        JSON.createObjectNode().put("kind", kind).put("step", step).put("images", images);
    num(n, "loss", loss);
    num(n, "lr", lr);
    num(n, "images_per_second", ips);
    num(n, "wall_s", wall);
    return n;
  }

  private static void num(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) n.put(field, v);
    else n.putNull(field);
  }

  private void write(ObjectNode n) throws IOException {
    out.write(JSON.writeValueAsString(n));
    out.newLine();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
