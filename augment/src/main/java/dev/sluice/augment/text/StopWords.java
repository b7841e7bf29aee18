package dev.sluice.augment.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stop-word list, one word a line (the shipped English list is stopwords-iso's, MIT): the words EDA never
 * replaces nor inserts synonyms for. Blank lines and lines starting with '#' are skipped.
 */
final class StopWords {
  private StopWords() {}

  static List<String> read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip();
        if (!w.isEmpty() && w.charAt(0) != '#') out.add(w);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the stop words", e);
    }
  }
}
