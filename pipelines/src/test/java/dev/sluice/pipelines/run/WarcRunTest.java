package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's web recipe on the real sample crawl plus a copy of it damaged in the middle: the counts add up
 * with the skipped records outside them (manifest.warc), the shards have the url column, the copy's records are
 * duplicate ids, the damaged record is one dead letter, and a second run writes the same bytes.
 */
class WarcRunTest {
  @TempDir Path dir;

  Manifest run(Path in, Path out) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "web");
    m.put("input", Map.of("format", "warc", "path", in + "/*.warc.gz"));
    m.put("dedup", Map.of("exact", true));
    m.put("output", Map.of("path", out.toString()));
    Recipe r = Recipe.from(m);
    return Curation.run(
            r,
            InputFiles.expand(r.input().paths()),
            out,
            "embedded",
            Runners.options("embedded", null, 2))
        .manifest();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWebRecipeCountsEveryRecordAndKeepsTheUrl() throws IOException {
    Path in = Files.createDirectories(dir.resolve("crawl"));
    byte[] sample = Files.readAllBytes(Path.of("../samples/web/apache-manual.warc.gz"));
    Files.write(in.resolve("a.warc.gz"), sample);
    byte[] damaged = sample.clone();
    for (int i = sample.length / 2; i < sample.length / 2 + 64; i++) damaged[i] ^= 0x33;
    Files.write(in.resolve("b.warc.gz"), damaged);

    Manifest m = run(in, dir.resolve("out"));
    Manifest.Counts c = m.counts();
    assertTrue(c.balanced(), c.toString());
    // b's records are a's (the same WARC-Record-IDs, the documents' ids): duplicate ids, but for
    // the damaged one
    assertEquals(1L, m.dead_letter_reasons().get("read.corrupt_record"));
    long copies = m.dead_letter_reasons().get("parse.duplicate_id");
    assertTrue(copies >= c.kept() - 2 && copies <= c.kept() + 1, copies + " copies, " + c);
    long rejected =
        m.dead_letter_reasons().entrySet().stream()
            .filter(
                e -> e.getKey().startsWith("parse.") && !e.getKey().equals("parse.duplicate_id"))
            .mapToLong(Map.Entry::getValue)
            .sum(); // pages the extractor turned down: its business, not the WARC reader's
    assertEquals(1 + copies + rejected, c.dead_letter(), m.dead_letter_reasons().toString());
    Map<String, Long> skipped = (Map<String, Long>) m.warc().get("skipped");
    long records = ((Number) m.warc().get("records")).longValue();
    assertEquals(records, c.input() + skipped.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(2L, skipped.get("warcinfo"));
    assertTrue(records >= 2 * 148 - 2, "both files' records: " + records);

    List<GenericRecord> rows = CurationTest.rows(dir.resolve("out"), m.shards());
    assertEquals(c.kept(), rows.size());
    for (GenericRecord g : rows) {
      assertTrue(g.get("url").toString().startsWith("http://localhost:8765/manual/en/"));
      assertEquals("localhost", g.get("domain").toString());
    }

    Manifest again = run(in, dir.resolve("again"));
    for (int i = 0; i < m.shards().size(); i++) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("out").resolve(m.shards().get(i).path())),
          Files.readAllBytes(dir.resolve("again").resolve(again.shards().get(i).path())));
    }
  }
}
