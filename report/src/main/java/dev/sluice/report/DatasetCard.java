package dev.sluice.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run directory's {@code README.md}: a Hugging Face dataset card, so that {@code datasets.load_dataset(RUN_DIR)}
 * loads exactly the kept documents and {@code huggingface-cli upload} publishes the folder as it is. Its YAML header
 * names the configs (default: {@code shards/*.parquet}; {@code removed}: the removal rows), the languages kept, the
 * size category, and the recipe's {@code card} keys (pretty_name, license, description); below it, the recipe, the
 * funnel of counts per rule and how to reproduce the run.
 */
public final class DatasetCard {
  public static final String FILE = "README.md";

  /** The line that marks a card as Sluice's: a README.md without it is the user's, never overwritten. */
  public static final String MARKER =
      "<!-- dataset card written by sluice run; rewritten by every run -->";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** The Hub's licence ids a card may name (huggingface.co/docs/hub/repositories-licenses); "other" needs a name. */
  public static final List<String> LICENSES =
      List.of(
          "apache-2.0",
          "mit",
          "openrail",
          "bigscience-openrail-m",
          "creativeml-openrail-m",
          "bigscience-bloom-rail-1.0",
          "bigcode-openrail-m",
          "afl-3.0",
          "artistic-2.0",
          "bsl-1.0",
          "bsd",
          "bsd-2-clause",
          "bsd-3-clause",
          "bsd-3-clause-clear",
          "c-uda",
          "cc",
          "cc0-1.0",
          "cc-by-2.0",
          "cc-by-2.5",
          "cc-by-3.0",
          "cc-by-4.0",
          "cc-by-sa-3.0",
          "cc-by-sa-4.0",
          "cc-by-nc-2.0",
          "cc-by-nc-3.0",
          "cc-by-nc-4.0",
          "cc-by-nd-4.0",
          "cc-by-nc-nd-3.0",
          "cc-by-nc-nd-4.0",
          "cc-by-nc-sa-2.0",
          "cc-by-nc-sa-3.0",
          "cc-by-nc-sa-4.0",
          "cdla-sharing-1.0",
          "cdla-permissive-1.0",
          "cdla-permissive-2.0",
          "wtfpl",
          "ecl-2.0",
          "epl-1.0",
          "epl-2.0",
          "etalab-2.0",
          "eupl-1.1",
          "eupl-1.2",
          "agpl-3.0",
          "gfdl",
          "gpl",
          "gpl-2.0",
          "gpl-3.0",
          "lgpl",
          "lgpl-2.1",
          "lgpl-3.0",
          "isc",
          "mpl-2.0",
          "odc-by",
          "odbl",
          "osl-3.0",
          "postgresql",
          "ofl-1.1",
          "ncsa",
          "unlicense",
          "zlib",
          "pddl",
          "lgpl-lr",
          "unknown",
          "other");

  private DatasetCard() {}

  /** The card for a run; {@code keptLanguages} counts the kept documents by language code ("und" left out). */
  @SuppressWarnings("unchecked")
  public static String render(Manifest m, Map<String, Long> keptLanguages) {
    Map<String, Object> recipe = m.recipe();
    Map<String, Object> card =
        recipe.get("card") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
    String name = String.valueOf(recipe.get("name"));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("pretty_name", card.getOrDefault("pretty_name", name));
    if (card.get("license") != null) header.put("license", card.get("license"));
    if (card.get("license_name") != null) header.put("license_name", card.get("license_name"));
    if (card.get("license_link") != null) header.put("license_link", card.get("license_link"));
    List<String> tags = new ArrayList<>(keptLanguages.keySet());
    if (tags.isEmpty()
        && recipe.get("language") instanceof Map<?, ?> lang
        && lang.get("keep") instanceof List<?> keep) {
      keep.forEach(k -> tags.add(String.valueOf(k))); // no statistics (--no-report): the recipe's
    }
    // the Hub's `language` takes ISO 639 codes: zh-CN and zh-TW are both zh there (the full tags
    // are listed in language_details)
    List<String> langs =
        tags.stream()
            .filter(l -> !l.equals("und") && !l.isBlank())
            .map(l -> l.split("[-_]")[0].toLowerCase(Locale.ROOT))
            .distinct()
            .sorted()
            .toList();
    List<String> details =
        tags.stream().filter(l -> l.contains("-") || l.contains("_")).distinct().sorted().toList();
    if (!langs.isEmpty()) header.put("language", langs);
    if (!details.isEmpty()) header.put("language_details", String.join(", ", details));
    header.put("size_categories", List.of(sizeCategory(m.counts().kept())));
    List<Map<String, Object>> configs = new ArrayList<>();
    configs.add(config("default", "shards/*.parquet", true));
    if (m.removed() != null && !m.removed().isEmpty())
      configs.add(config("removed", "removed/*.parquet", false));
    header.put("configs", configs);
    header.put("tags", List.of("sluice"));
    StringBuilder b = new StringBuilder();
    b.append("---\n").append(yaml(header)).append("---\n").append(MARKER).append("\n\n");
    b.append("# ").append(card.getOrDefault("pretty_name", name)).append("\n\n");
    if (card.get("description") != null) b.append(card.get("description")).append("\n\n");
    Manifest.Counts c = m.counts();
    // an image run counts perceptual duplicates; its rows are images (encoded bytes in `image`)
    boolean images = c.duplicate().containsKey("perceptual");
    String unit = images ? "image" : "document";
    b.append(
        String.format(
            Locale.ROOT,
            "Curated by Sluice %s with the recipe below: %,d of %,d input "
                + unit
                + "s kept%s"
                + " (%s, %s runner, finished %s). `load_dataset(\"parquet\", data_files=\"shards/*.parquet\")`"
                + " or `load_dataset(RUN_DIR)` returns the kept "
                + unit
                + "s; the `removed` config has one row per removed "
                + unit
                + " with its stage, reason and, for duplicates, the survivor's id.\n\n",
            m.sluice_version(),
            c.kept() - c.augmented(),
            c.input(),
            c.augmented() > 0
                ? String.format(
                    Locale.ROOT,
                    ", plus %,d augmented copies of them (column `augmented_from`)",
                    c.augmented())
                : "",
            m.recipe_sha256().substring(0, 12),
            m.runner(),
            m.finished()));
    if (images) {
      b.append(
          "The `image` column holds each image's encoded bytes (`format`: png or jpeg), with `label`,"
              + " `width`, `height`, the quality `signals`, `phash` and `dhash` beside it (docs/images.md in"
              + " Sluice).\n\n");
    }
    b.append("## Funnel\n\n| | ").append(unit).append("s |\n|---|---:|\n");
    b.append(String.format(Locale.ROOT, "| input | %,d |\n", c.input()));
    b.append(
        String.format(
            Locale.ROOT, "| dead letters (unreadable records) | %,d |\n", c.dead_letter()));
    c.filtered()
        .forEach((k, v) -> b.append(String.format(Locale.ROOT, "| removed by %s | %,d |\n", k, v)));
    c.duplicate()
        .forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s duplicates | %,d |\n", k, v)));
    if (c.augmented() > 0) {
      b.append(String.format(Locale.ROOT, "| augmented copies added | +%,d |\n", c.augmented()));
    }
    b.append(String.format(Locale.ROOT, "| **kept** | **%,d** |\n\n", c.kept()));
    b.append("## Recipe\n\n```yaml\n").append(yaml(recipe)).append("```\n\n");
    b.append(
            "## Reproduce\n\nSave the recipe above as `recipe.yaml` and run `bin/sluice run recipe.yaml` on the same")
        .append(
            " input: the same input, recipe and seed give byte-identical shards (their sha256 are in")
        .append(" `manifest.json`). The quality report is `report.html`.\n");
    return b.toString();
  }

  private static Map<String, Object> config(String name, String path, boolean dflt) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("config_name", name);
    if (dflt) c.put("default", true);
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("split", "train");
    files.put("path", path);
    c.put("data_files", List.of(files));
    return c;
  }

  /** Hugging Face's size category of a row count. */
  static String sizeCategory(long n) {
    if (n < 1_000) return "n<1K";
    String[] names = {"1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"};
    long lo = 1_000;
    for (int i = 0; i + 1 < names.length; i++, lo *= 10) {
      if (n < lo * 10) return names[i] + "<n<" + names[i + 1];
    }
    return "n>1T";
  }

  private static String yaml(Object o) {
    try {
      return YAML.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
