package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.io.InputFormats;
import dev.sluice.pipelines.io.InputSettings;
import dev.sluice.pipelines.io.WarcFormat;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code decontaminate}: the evaluation sets whose n-grams a training document must not share, by name (in the
 * recipe's order), each read like an input ({@link InputSettings}: a path or glob, or a section with
 * {@code path}, {@code format}, {@code id_field}, {@code text_field}, {@code text_mode}); {@code ngram} words per
 * n-gram (13, as GPT-3 and the Pile did); {@code min_words}: an evaluation document with fewer than
 * {@code ngram} words is matched whole when it has at least this many words (8, GPT-3's lower bound), and is
 * counted as too short otherwise.
 */
public record DecontamSettings(Map<String, InputSettings> sets, int ngram, int minWords)
    implements Serializable {
  public static final int DEFAULT_NGRAM = 13;
  public static final int DEFAULT_MIN_WORDS = 8;

  public DecontamSettings {
    sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
  }

  public static DecontamSettings from(Map<String, Object> section) {
    Config c = Config.of("decontaminate", section).allowOnly("sets", "ngram", "min_words");
    Map<String, Object> raw = c.getSection("sets");
    if (raw == null || raw.isEmpty()) {
      throw new Config.ConfigException(
          "decontaminate.sets", raw, "a mapping of evaluation set names to files, at least one");
    }
    int ngram = c.getInt("ngram", DEFAULT_NGRAM, 1, 1000);
    int minWords = c.getInt("min_words", Math.min(DEFAULT_MIN_WORDS, ngram), 1, ngram);
    Map<String, InputSettings> sets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String name = e.getKey();
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new Config.ConfigException(
            "decontaminate.sets", name, "set names of letters, digits, '.', '_' or '-'");
      }
      sets.put(name, set(c.child("sets"), name, e.getValue()));
    }
    return new DecontamSettings(sets, ngram, minWords);
  }

  /** What {@link EvalSets} reads. */
  public EvalSets.Spec spec() {
    return new EvalSets.Spec(sets, ngram, minWords);
  }

  /** One set: a path (or list of paths) with its format from the file name, or a section like input's. */
  @SuppressWarnings("unchecked")
  private static InputSettings set(Config sets, String name, Object value) {
    String field = sets.path(name);
    if (value instanceof String || value instanceof List<?>) {
      List<String> paths = sets.getStringList(name, List.of());
      if (paths.isEmpty()) throw new Config.ConfigException(field, value, "a path or glob");
      return settings(paths, formatOf(paths.get(0)), "id", "text", "paragraph");
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new Config.ConfigException(
          field,
          value,
          "a path, a list of paths, or a mapping with path, format, id_field, text_field");
    }
    Config s = sets.child(name).allowOnly("path", "format", "id_field", "text_field", "text_mode");
    List<String> paths = s.getStringList("path", List.of());
    if (paths.isEmpty()) throw new Config.ConfigException(s.path("path"), null, "a path or glob");
    String format = s.getString("format", formatOf(paths.get(0)));
    if (!InputFormats.names().contains(format)) {
      List<String> names = InputFormats.names();
      throw new Config.ConfigException(
          s.path("format"), format, "one of " + names + DidYouMean.hint(format, names));
    }
    if (format.equals(WarcFormat.NAME)) {
      // a WARC's requests, CSS and redirects are skipped by rule, which an evaluation set has no
      // one to count
      List<String> names =
          InputFormats.names().stream().filter(n -> !n.equals(WarcFormat.NAME)).toList();
      throw new Config.ConfigException(
          s.path("format"),
          format,
          "a format whose every record is a document, one of "
              + names
              + " (a warc file is a crawl, not an evaluation set: extract its text first)");
    }
    return settings(
        paths,
        format,
        s.getString("id_field", "id"),
        s.getString("text_field", "text"),
        s.getChoice("text_mode", "paragraph", "paragraph", "file"));
  }

  /** jsonl for .jsonl/.json (plain, .gz, .zst), parquet for .parquet, text (a document per paragraph) else. */
  static String formatOf(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|zst|zstd)$", "");
    if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) return "jsonl";
    if (p.endsWith(".parquet")) return "parquet";
    return "text";
  }

  private static InputSettings settings(
      List<String> paths, String format, String id, String text, String textMode) {
    return new InputSettings(
        format, paths, id, text, textMode, InputSettings.DEFAULT_MAX_DOC_BYTES, List.of());
  }
}
