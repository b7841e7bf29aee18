package dev.sluice.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * metrics.jsonl (DESIGN.md's training-run contract): one JSON object per logged step with step, tokens, loss, lr
 * and tokens_per_second; {@code "kind": "train"} rows add grad_norm and wall_s, {@code "kind": "eval"} rows add
 * val_loss, val_bpb and wall_s (their loss is the latest training window's; at step 0, before any training, the
 * validation loss). Non-finite numbers are null. Flushed per line, so a killed run keeps what it measured; on
 * resume, lines after the checkpoint's step are dropped first.
 */
final class Metrics implements AutoCloseable {
  private static final ObjectMapper JSON = MetricsFile.JSON;
  private final MetricsFile file;

  Metrics(Path file) throws IOException {
    this.file = new MetricsFile(file);
  }

  void truncateAfter(long step) throws IOException {
    file.truncateAfter(step);
  }

  void train(
      long step,
      long tokens,
      double loss,
      double lr,
      double gradNorm,
      double tokensPerSecond,
      double wall)
      throws IOException {
    ObjectNode n = MetricsFile.row("train", step).put("tokens", tokens);
    num(n, "loss", loss);
    num(n, "lr", lr);
    num(n, "tokens_per_second", tokensPerSecond);
    num(n, "grad_norm", gradNorm);
    num(n, "wall_s", wall);
    write(n);
  }

  void eval(
      long step,
      long tokens,
      Trainer.Evaluation e,
      double loss,
      double lr,
      double tokensPerSecond,
      double wall)
      throws IOException {
    ObjectNode n = MetricsFile.row("eval", step).put("tokens", tokens);
    num(n, "loss", loss);
    num(n, "lr", lr);
    num(n, "tokens_per_second", tokensPerSecond);
    num(n, "val_loss", e.loss());
    num(n, "val_bpb", e.bitsPerByte());
    num(n, "wall_s", wall);
    write(n);
  }

  private static void num(ObjectNode n, String field, double v) {
    MetricsFile.num(n, field, v);
  }

  private void write(ObjectNode n) throws IOException {
    file.write(n);
  }

  static double initialValLoss(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode n = JSON.readTree(line);
      if ("eval".equals(n.path("kind").asText()) && n.path("step").asLong() == 0)
        return n.path("val_loss").asDouble();
    }
    return Double.NaN;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
