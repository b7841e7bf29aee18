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
 * metrics.jsonl: one JSON object per line, {@code "kind": "train"} (step, tokens, loss, lr, grad_norm,
 * tokens_per_s, wall_s) or {@code "kind": "eval"} (step, tokens, val_loss, val_bpb, wall_s). Flushed per line, so
 * a killed run keeps what it measured; on resume, lines after the checkpoint's step are dropped first.
 */
final class Metrics implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private BufferedWriter out;

  Metrics(Path file) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

  void train(long step, long tokens, double loss, double lr, double gradNorm, double tokensPerSecond, double wall)
      throws IOException {
    ObjectNode n = JSON.createObjectNode().put("kind", "train").put("step", step).put("tokens", tokens)
        .put("loss", loss).put("lr", lr).put("grad_norm", gradNorm).put("tokens_per_s", tokensPerSecond)
        .put("wall_s", wall);
    write(n);
  }

  void eval(long step, long tokens, Trainer.Evaluation e, double wall) throws IOException {
    write(JSON.createObjectNode().put("kind", "eval").put("step", step).put("tokens", tokens)
        .put("val_loss", e.loss()).put("val_bpb", e.bitsPerByte()).put("wall_s", wall));
  }

  private void write(ObjectNode n) throws IOException {
    out.write(JSON.writeValueAsString(n));
    out.newLine();
    out.flush();
  }

  static double initialValLoss(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode n = JSON.readTree(line);
      if ("eval".equals(n.path("kind").asText()) && n.path("step").asLong() == 0) return n.path("val_loss").asDouble();
    }
    return Double.NaN;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
