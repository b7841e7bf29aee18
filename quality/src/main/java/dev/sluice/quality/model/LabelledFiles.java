package dev.sluice.quality.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the documents of one class from JSONL (.gz) files: the string in the source's field of every non-blank
 * line, flattened to its visible text when the source is HTML. A line that is not a JSON object with that string
 * field is an {@link IllegalArgumentException} naming file and line: training data is never silently skipped.
 */
public final class LabelledFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledFiles() {}

  /**
   * One training document: its text, the record it was read from ({@code raw}: the field's value, which decides
   * its side of the hold-out, so the main text and the full text of one page go to the same side), the file and
   * line.
   */
  public record Document(String text, String raw, Path file, int line, boolean positive) {}

  public static List<Document> read(
      ClassifierSpec.Source source, List<Path> files, boolean positive) throws IOException {
    List<Document> out = new ArrayList<>();
    for (Path file : files) {
      try (InputStream bytes = Files.newInputStream(file);
          InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(bytes) : bytes;
          BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (line.isBlank()) continue;
          JsonNode node;
          try {
            node = JSON.readTree(line);
          } catch (IOException e) {
            throw new IllegalArgumentException(
                file + ":" + n + ": not JSON (" + e.getMessage() + ")");
          }
          JsonNode v = node.isObject() ? node.get(source.field()) : null;
          if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(
                file + ":" + n + ": not a JSON object with a string \"" + source.field() + "\"");
          }
          String raw = v.textValue();
          String text =
              !source.html()
                  ? raw
                  : source.select() == null
                      ? HtmlText.visible(raw)
                      : HtmlText.selected(raw, source.select(), source.drop());
          out.add(new Document(text, raw, file, n, positive));
        }
      }
    }
    return out;
  }
}
