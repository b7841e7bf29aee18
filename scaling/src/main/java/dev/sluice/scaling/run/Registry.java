package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of finished points, {@code OUT/points.jsonl}: one line appended (and flushed) as each point
 * finishes, so a killed {@code sluice scale} loses at most the point in flight and a rerun skips every point
 * listed. A torn last line (killed mid-write) is dropped; any other unreadable line stops the command naming it.
 */
public final class Registry<T extends Registry.Entry> {
  public static final String FILE = "points.jsonl";

  /** A finished point as its registry line: anything with a stable id that Jackson reads and writes. */
  public interface Entry {
    String id();
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);
  private final Path file;
  private final Map<String, T> done = new LinkedHashMap<>();

  /** @param type the record of one line: PointResult (language-model grids), ImagePointResult (images) */
  public Registry(Path dir, Class<T> type) throws IOException {
    this.file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) return;
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      // a kill interrupted the last line: drop it (that point trains again) so the next append
      // starts clean
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      AtomicFiles.write(file, text);
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      try {
        T p = JSON.readValue(lines.get(i), type);
        done.put(p.id(), p);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new dev.sluice.core.cli.UsageException(
            file
                + " line "
                + (i + 1)
                + ": not a point record ("
                + e.getOriginalMessage()
                + "); it is the registry of finished points: repair or delete that line");
      }
    }
  }

  public boolean has(String id) {
    return done.containsKey(id);
  }

  public T get(String id) {
    return done.get(id);
  }

  public List<T> all() {
    return new ArrayList<>(done.values());
  }

  public synchronized void add(T p) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      w.write(JSON.writeValueAsString(p));
      w.write('\n');
    }
    done.put(p.id(), p);
  }

  /** Forgets a point (for --force); rewrites the file without it. */
  public void remove(String id) throws IOException {
    if (done.remove(id) == null) return;
    StringBuilder b = new StringBuilder();
    for (T p : done.values()) b.append(JSON.writeValueAsString(p)).append('\n');
    AtomicFiles.write(file, b.toString());
  }
}
