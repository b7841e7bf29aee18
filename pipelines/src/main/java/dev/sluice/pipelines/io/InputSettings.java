package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where documents come from. {@code path} is a glob, a directory, or a list of them. {@code format} names one of
 * {@link InputFormats}: {@code jsonl} (plain, .gz, .zst), {@code text} (one document per file, or per blank-line
 * block with {@code text_mode: paragraph}), {@code parquet} (a named text column) and {@code warc} (WARC/WET
 * files: one document per HTML page or conversion record, {@link WarcFormat}). {@code fields}: which of
 * the input's other fields the shards carry ({@link InputColumns}): {@code all} (the default; null here),
 * {@code none} (empty) or a list of names.
 */
public record InputSettings(
    String format,
    List<String> paths,
    String idField,
    String textField,
    String textMode,
    int maxDocBytes,
    List<String> fields)
    implements Serializable {
  public static final int DEFAULT_MAX_DOC_BYTES = 4 << 20;

  public static InputSettings from(Map<String, Object> section) {
    if (section == null)
      throw new Config.ConfigException("input", null, "a mapping with at least 'path'");
    Config c =
        Config.of("input", section)
            .allowOnly(
                "format",
                "path",
                "id_field",
                "text_field",
                "text_mode",
                "max_doc_bytes",
                "partition",
                "fields");
    List<String> paths = c.getStringList("path", List.of());
    if (paths.isEmpty())
      throw new Config.ConfigException("input.path", null, "a glob, a directory or a list of them");
    String idField = c.getString("id_field", "id");
    String textField = c.getString("text_field", "text");
    return new InputSettings(
        InputFormats.named(c.getString("format", "jsonl")).name(),
        paths,
        idField,
        textField,
        c.getChoice("text_mode", "file", "file", "paragraph"),
        c.getInt("max_doc_bytes", DEFAULT_MAX_DOC_BYTES, 1, Integer.MAX_VALUE - 16),
        fields(c, idField, textField));
  }

  /** all: null; none: empty; else the listed names (not the id or text field, no name twice). */
  static List<String> fields(Config c, String idField, String textField) {
    Object v = c.has("fields") ? c.getString("fields", "all").trim() : "all";
    if (v.equals("all")) return null;
    if (v.equals("none")) return List.of();
    List<String> names = c.getStringList("fields", List.of());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (n.isBlank() || n.equals(idField) || n.equals(textField) || !seen.add(n)) {
        throw new Config.ConfigException(
            "input.fields",
            n,
            "all, none or a list of field names other than the id and text fields ('"
                + idField
                + "', '"
                + textField
                + "'), each once");
      }
    }
    return List.copyOf(names);
  }

  /** Whether records carry the field {@code name} (the id and text fields are never carried). */
  public boolean carries(String name) {
    if (name.equals(idField) || name.equals(textField)) return false;
    return fields == null || fields.contains(name);
  }

  /** Whether any field is carried at all. */
  public boolean carriesAny() {
    return fields == null || !fields.isEmpty();
  }
}
