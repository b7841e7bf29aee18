package dev.sluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.schemas.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dataset card's YAML header is what the Hugging Face Hub and {@code datasets.load_dataset(RUN_DIR)} read: the
 * default config points at the kept shards only, the removal rows are a config of their own, and the languages,
 * size category and the recipe's license and name are there.
 */
class DatasetCardTest {
  static Manifest manifest(Map<String, Object> recipe) {
    return new Manifest(
        recipe,
        "0123456789abcdef",
        "0.1.0",
        "embedded",
        "2026-12-04T00:00:00Z",
        "2026-12-04T00:01:00Z",
        new Manifest.Counts(
            20_000,
            12_345,
            5,
            Map.of("c4.too_few_sentences", 7_000L),
            Map.of("exact", 650L, "near", 0L, "history", 0L),
            0),
        List.of(),
        List.of(new Manifest.FileEntry("shards/part-00000-of-00001.parquet", 12_345, 1, "x")),
        List.of(new Manifest.FileEntry("removed/part-00000-of-00001.parquet", 7_650, 1, "y")),
        List.of(),
        Map.of(),
        60,
        42,
        null,
        null,
        null,
        null);
  }

  @Test
  void headerHasTheConfigsTheHubReads() throws Exception {
    String card =
        DatasetCard.render(
            manifest(
                Map.of(
                    "name",
                    "web-en",
                    "card",
                    Map.of("license", "cc-by-4.0", "pretty_name", "Web, English"))),
            Map.of("en", 12_000L, "und", 345L));
    assertTrue(card.startsWith("---\n"), card);
    String header = card.substring(4, card.indexOf("\n---\n", 4));
    JsonNode h = new ObjectMapper(new YAMLFactory()).readTree(header);
    assertEquals("Web, English", h.path("pretty_name").asText());
    assertEquals("cc-by-4.0", h.path("license").asText());
    assertEquals("[\"en\"]", h.path("language").toString());
    assertEquals("10K<n<100K", h.path("size_categories").get(0).asText());
    JsonNode dflt = h.path("configs").get(0);
    assertEquals("default", dflt.path("config_name").asText());
    assertTrue(dflt.path("default").asBoolean());
    assertEquals("shards/*.parquet", dflt.path("data_files").get(0).path("path").asText());
    assertEquals(
        "removed/*.parquet",
        h.path("configs").get(1).path("data_files").get(0).path("path").asText());
    assertTrue(card.contains("| removed by c4.too_few_sentences | 7,000 |"), card);
    assertTrue(card.contains("| **kept** | **12,345** |"), card);
    assertTrue(card.contains("```yaml\n"), "the recipe");
  }

  @Test
  void augmentedCopiesAreNamedApartFromTheKeptOriginals() {
    Manifest m = manifest(Map.of("name", "aug"));
    Manifest.Counts c = m.counts();
    Manifest aug =
        new Manifest(
            m.recipe(),
            m.recipe_sha256(),
            m.sluice_version(),
            m.runner(),
            m.started(),
            m.finished(),
            new Manifest.Counts(
                c.input(), c.kept() + 1_000, c.dead_letter(), c.filtered(), c.duplicate(), 1_000),
            m.stages(),
            m.shards(),
            m.removed(),
            m.dead_letters(),
            m.dead_letter_reasons(),
            m.wall_seconds(),
            m.seed(),
            Map.of("synonym.changed", 1_000L),
            null,
            null,
            null);
    assertTrue(aug.counts().balanced(), aug.counts().toString());
    String card = DatasetCard.render(aug, Map.of("en", 13_345L));
    assertTrue(
        card.contains("12,345 of 20,000 input documents kept, plus 1,000 augmented copies"), card);
    assertTrue(card.contains("| augmented copies added | +1,000 |"), card);
    assertTrue(card.contains("| **kept** | **13,345** |"), card);
  }

  @Test
  void sizeCategoriesFollowTheHubsNames() {
    assertEquals("n<1K", DatasetCard.sizeCategory(999));
    assertEquals("1K<n<10K", DatasetCard.sizeCategory(1_858));
    assertEquals("1M<n<10M", DatasetCard.sizeCategory(3_000_000));
  }
}
