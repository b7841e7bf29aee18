package dev.sluice.pipelines.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which partitions a scheduled recipe has published: one JSON file, by partition, with each run's output folder,
 * manifest sha256 and counts. An entry is written only after the run's manifest is published, so a failed or
 * killed run leaves the ledger as it was and the next trigger simply runs the partition again.
 */
public final class Ledger {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One published partition. */
  public record Entry(
      String output,
      String manifest_sha256,
      String recipe_sha256,
      long input,
      long kept,
      String finished) {}

  private final Path file;

  public Ledger(Path file) {
    this.file = file;
  }

  public Map<String, Entry> read() throws IOException {
    if (!Files.exists(file)) return new TreeMap<>();
    return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
  }

  public Entry get(String partition) throws IOException {
    return read().get(partition);
  }

  public void record(String partition, Entry e) throws IOException {
    Map<String, Entry> all = read();
    all.put(partition, e);
    AtomicFiles.write(file, JSON.writeValueAsString(all));
  }
}
