package dev.sluice.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
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
 * metrics.jsonl (DESIGN.md's training-run contract): one JSON object per logged step with step, tokens, loss, lr
 * and tokens_per_second; {@code "kind": "train"} rows add grad_norm and wall_s, {@code "kind": "eval"} rows add
 * val_loss, val_bpb and wall_s (their loss is the latest training window's; at step 0, before any training, the
 * validation loss). Non-finite numbers are null. Flushed per line, so a killed run keeps what it measured; on
 * resume, lines after the checkpoint's step are dropped first.
 */
final class Metrics implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private BufferedWriter out;

  Metrics(Path file) throws IOException {
    this.file = file;
    this.out =
        Files.newBufferedWriter(
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
        // a line cut by a kill: drop it
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
    ObjectNode n =
        JSON.createObjectNode().put("kind", "train").put("step", step).put("tokens", tokens);
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
    ObjectNode n =
        JSON.createObjectNode().put("kind", "eval").put("step", step).put("tokens", tokens);
    num(n, "loss", loss);
    num(n, "lr", lr);
    num(n, "tokens_per_second", tokensPerSecond);
    num(n, "val_loss", e.loss());
    num(n, "val_bpb", e.bitsPerByte());
    num(n, "wall_s", wall);
    write(n);
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
    out.close();
  }
}
