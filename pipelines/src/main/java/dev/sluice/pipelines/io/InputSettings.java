package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where documents come from. {@code path} is a glob, a directory, or a list of them. {@code format} names one of
 * {@link InputFormats}: {@code jsonl} (plain, .gz, .zst), {@code text} (one document per file, or per blank-line
 * block with {@code text_mode: paragraph}) and {@code parquet} (a named text column).
 */
public record InputSettings(
    String format,
    List<String> paths,
    String idField,
    String textField,
    String textMode,
    int maxDocBytes)
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
                "partition");
    List<String> paths = c.getStringList("path", List.of());
    if (paths.isEmpty())
      throw new Config.ConfigException("input.path", null, "a glob, a directory or a list of them");
    return new InputSettings(
        InputFormats.named(c.getString("format", "jsonl")).name(),
        paths,
        c.getString("id_field", "id"),
        c.getString("text_field", "text"),
        c.getChoice("text_mode", "file", "file", "paragraph"),
        c.getInt("max_doc_bytes", DEFAULT_MAX_DOC_BYTES, 1, Integer.MAX_VALUE - 16));
  }
}
