package dev.sluice.pipelines.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.cli.Sluice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day 1, then day 2 with an exact and a near copy of day-1 survivors: day 2 drops them as duplicate.history pointing
 * at the day-1 ids; forcing day 2 again gives the same shards although its own survivors are now indexed; a
 * takedown removes ids from the index.
 */
class HistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void laterRunsDropDuplicatesOfEarlierSurvivors() throws IOException {
    Path samples =
        Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text/en/moby-dick.jsonl");
    List<String> chapters = Files.readAllLines(samples);
    Files.createDirectories(dir.resolve("in/d1"));
    Files.createDirectories(dir.resolve("in/d2"));
    Files.write(dir.resolve("in/d1/a.jsonl"), chapters.subList(0, 30));
    List<String> d2 = new ArrayList<>(chapters.subList(30, 60));
    Map<?, ?> exact = JSON.readValue(chapters.get(10), Map.class);
    Map<?, ?> near = JSON.readValue(chapters.get(12), Map.class);
    d2.add(JSON.writeValueAsString(Map.of("id", "recrawl-exact", "text", exact.get("text"))));
    // a second copy in the same run: exact dedup keeps one, history removes that one, so the
    // other's duplicate_of must follow the chain to the day-1 id (ResolveDuplicateChains)
    d2.add(JSON.writeValueAsString(Map.of("id", "recrawl-exact-2", "text", exact.get("text"))));
    d2.add(
        JSON.writeValueAsString(
            Map.of(
                "id",
                "recrawl-near",
                "text",
                ((String) near.get("text")).replaceFirst(" the ", " a ") + " Reprinted.")));
    Files.write(dir.resolve("in/d2/a.jsonl"), d2);
    Path recipe = dir.resolve("r.yaml");
    Files.writeString(
        recipe,
        String.join(
            "\n",
            "name: history-test",
            "input: {path: \"" + dir + "/in/{partition}/*.jsonl\", partition: d1}",
            "dedup: {exact: true, near: true, history: " + dir + "/history}",
            "output: {path: \"" + dir + "/out/{partition}\"}",
            ""));

    assertEquals(0, Sluice.execute("run", recipe.toString(), "--no-report"));
    assertEquals(30, HistoryIndex.size(dir.resolve("history")));
    assertEquals(
        0, Sluice.execute("run", recipe.toString(), "--no-report", "--set", "input.partition=d2"));
    JsonNode m = JSON.readTree(dir.resolve("out/d2/manifest.json").toFile());
    assertEquals(2, m.get("counts").get("duplicate").get("history").asLong());
    assertEquals(1, m.get("counts").get("duplicate").get("exact").asLong());
    Map<String, String> dupOf = removedDuplicateOf(dir.resolve("out/d2"), m, "history");
    Map<String, String> exactOf = removedDuplicateOf(dir.resolve("out/d2"), m, "exact");
    String keptCopy = dupOf.containsKey("recrawl-exact") ? "recrawl-exact" : "recrawl-exact-2";
    String otherCopy = keptCopy.equals("recrawl-exact") ? "recrawl-exact-2" : "recrawl-exact";
    assertEquals(exact.get("id"), dupOf.get(keptCopy));
    assertEquals(
        Map.of(otherCopy, exact.get("id")),
        exactOf,
        "the exact copy points past the copy exact dedup kept, which history removed");
    assertEquals(near.get("id"), dupOf.get("recrawl-near"));
    assertEquals(
        60, HistoryIndex.size(dir.resolve("history")), "day 2's 30 survivors joined the index");

    String shards = m.get("shards").toString();
    assertEquals(
        0,
        Sluice.execute(
            "run", recipe.toString(), "--no-report", "--force", "--set", "input.partition=d2"));
    JsonNode again = JSON.readTree(dir.resolve("out/d2/manifest.json").toFile());
    assertEquals(
        shards,
        again.get("shards").toString(),
        "a forced re-run is not deduplicated against itself");
    assertEquals(m.get("counts"), again.get("counts"));
    assertEquals(
        60, HistoryIndex.size(dir.resolve("history")), "re-indexing replaces, never duplicates");

    assertEquals(
        0,
        Sluice.execute(
            "index",
            dir.resolve("history").toString(),
            "--remove",
            (String) exact.get("id"),
            "no-such-id"));
    assertEquals(59, HistoryIndex.size(dir.resolve("history")));
    assertEquals(2, Sluice.execute("index", dir.resolve("nope").toString()));
  }

  private static Map<String, String> removedDuplicateOf(Path run, JsonNode manifest, String reason)
      throws IOException {
    Map<String, String> out = new HashMap<>();
    for (JsonNode f : manifest.get("removed")) {
      try (ParquetReader<GenericRecord> r =
          AvroParquetReader.<GenericRecord>builder(
                  new LocalInputFile(run.resolve(f.get("path").asText())),
                  new PlainParquetConfiguration())
              .build()) {
        for (GenericRecord g = r.read(); g != null; g = r.read()) {
          if (reason.equals(g.get("reason").toString())) {
            assertEquals("dedup_" + reason, g.get("stage").toString());
            out.put(g.get("id").toString(), g.get("duplicate_of").toString());
          }
        }
      }
    }
    return out;
  }
}
