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
 * listed. A torn last line (killed mid-write) is ignored.
 */
public final class Registry {
  public static final String FILE = "points.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final Map<String, PointResult> done = new LinkedHashMap<>();

  public Registry(Path dir) throws IOException {
    this.file = dir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        try {
          PointResult p = JSON.readValue(line, PointResult.class);
          done.put(p.id(), p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
          // the line a kill interrupted: that point is trained again
        }
      }
    }
  }

  public boolean has(String id) {
    return done.containsKey(id);
  }

  public PointResult get(String id) {
    return done.get(id);
  }

  public List<PointResult> all() {
    return new ArrayList<>(done.values());
  }

  public synchronized void add(PointResult p) throws IOException {
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
    for (PointResult p : done.values()) b.append(JSON.writeValueAsString(p)).append('\n');
    AtomicFiles.write(file, b.toString());
  }
}
