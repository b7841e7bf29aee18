package dev.sluice.quality.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.quality.html.HtmlRejected;
import dev.sluice.quality.html.MainText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the documents of one class from JSONL (.gz) files: the string in the source's field of every non-blank
 * line; when the source is HTML, the page's main text from {@link MainText}, the extractor a run's {@code warc}
 * input uses, so the classifier learns from the text it will score. A line that is not a JSON object with that
 * string field is an {@link IllegalArgumentException} naming file and line; a page the extractor rejects (as a run
 * would dead-letter it) is left out and counted by reason. Training data is never silently skipped.
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

  /** The documents read, and the pages the extractor rejected, by {@link HtmlRejected#reason()}. */
  public record Read(List<Document> documents, Map<String, Integer> rejected) {}

  /** The string is decoded already: its UTF-8 bytes, declared as such, go to the extractor. */
  static final String CONTENT_TYPE = "text/html; charset=utf-8";

  public static Read read(ClassifierSpec.Source source, List<Path> files, boolean positive)
      throws IOException {
    List<Document> out = new ArrayList<>();
    Map<String, Integer> rejected = new TreeMap<>();
    MainText extractor = source.html() ? new MainText() : null;
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
          String text = raw;
          if (extractor != null) {
            try {
              text = extractor.extract(raw.getBytes(StandardCharsets.UTF_8), CONTENT_TYPE).text();
            } catch (HtmlRejected e) {
              rejected.merge(e.reason(), 1, Integer::sum);
              continue;
            }
          }
          out.add(new Document(text, raw, file, n, positive));
        }
      }
    }
    return new Read(out, rejected);
  }
}
