package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.history.HistoryIndex;
import dev.sluice.quality.dedup.NearDedupConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a history index from JSONL files (id, text), for measuring cross-run dedup against a large history. */
public final class HistoryIndexBuilder {
  private HistoryIndexBuilder() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String[]> docs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      for (String line : Files.readAllLines(Path.of(args[i]))) {
        Map<?, ?> m = json.readValue(line, Map.class);
        docs.add(new String[] {(String) m.get("id"), (String) m.get("text")});
      }
    }
    long t = System.nanoTime();
    HistoryIndex.add(Path.of(args[0]), NearDedupConfig.defaults(), docs);
    System.out.printf(
        "history index %s: %d documents in %.1f s%n",
        args[0], HistoryIndex.size(Path.of(args[0])), (System.nanoTime() - t) / 1e9);
  }
}
