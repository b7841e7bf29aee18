package dev.sluice.pipelines.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.io.InputSettings;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.IdRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupIdsTest {
  @TempDir Path dir;

  @Test
  void aDuplicateIdsDeadLetterHoldsTheRecordAsReadWithItsFields() throws IOException {
    Path f = dir.resolve("dup.jsonl");
    Files.writeString(
        f,
        "{\"id\": \"dupA\", \"text\": \"first\"}\n"
            + "{\"id\": \"dupA\", \"text\": \"second dup\", \"url\": \"http://a.test/\", \"n\": 3,"
            + " \"tags\": [\"x\", \"y\"], \"meta\": {\"k\": true}}\n");
    List<Doc> docs = new ArrayList<>();
    new FileReader(InputSettings.from(Map.of("path", f.toString())))
        .read(f.toString(), docs::add, d -> {});
    Doc second = docs.get(1);
    DeadLetter d =
        DedupIds.check(
            second,
            Map.of(
                IdRef.recordKey(second),
                DedupIds.detail(
                    new IdRef(second.id(), second.source(), "line", 2),
                    new IdRef("dupA", f.toString(), "line", 1))));
    assertEquals("duplicate_id", d.reason());
    JsonNode raw = new ObjectMapper().readTree(d.raw());
    assertEquals("dupA", raw.get("id").asText());
    assertEquals("second dup", raw.get("text").asText());
    assertEquals("http://a.test/", raw.get("url").asText());
    assertEquals(3, raw.get("n").asInt());
    assertEquals("[\"x\",\"y\"]", raw.get("tags").toString());
    assertEquals(true, raw.get("meta").get("k").asBoolean());
  }
}
