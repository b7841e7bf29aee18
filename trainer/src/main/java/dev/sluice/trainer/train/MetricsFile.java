package dev.sluice.trainer.train;

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
 * The file behind every trainer's metrics.jsonl (the LM's {@link Metrics}, the image trainer's rows): appended one
 * JSON object per line and flushed per line, so a killed run keeps what it measured; on resume the lines after the
 * checkpoint's step are dropped first. Non-finite numbers are written as null.
 */
public final class MetricsFile implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private BufferedWriter out;

  public MetricsFile(Path file) throws IOException {
    this.file = file;
    this.out = open();
  }

  private BufferedWriter open() throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Drops every line after {@code step} (and any line a kill cut short), then appends again. */
  public void truncateAfter(long step) throws IOException {
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

  /** A row to fill: {@code {"kind": kind, "step": step}}. */
  public static ObjectNode row(String kind, long step) {
    return JSON.createObjectNode().put("kind", kind).put("step", step);
  }

  public static void num(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) n.put(field, v);
    else n.putNull(field);
  }

  public void write(ObjectNode n) throws IOException {
    out.write(JSON.writeValueAsString(n));
    out.newLine();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
