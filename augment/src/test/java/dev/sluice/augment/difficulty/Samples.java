package dev.sluice.augment.difficulty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The repository's sample texts, by id in file order, read once per test JVM. */
final class Samples {
  private Samples() {}

  static final Path ROOT = Path.of(System.getProperty("sluice.root", ".."));
  private static final Map<String, Map<String, String>> CACHE = new LinkedHashMap<>();

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static synchronized Map<String, String> texts(String relative) {
    return CACHE.computeIfAbsent(relative, Samples::read);
  }

  private static Map<String, String> read(String relative) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> out = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(path(relative));
      for (String line : lines) {
        if (line.isBlank()) continue;
        JsonNode n = json.readTree(line);
        out.put(n.get("id").asText(), n.get("text").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Map<String, String> mobyDick() {
    return texts("samples/text/en/moby-dick.jsonl");
  }

  static String udhr(String id) {
    return texts("samples/text/multi/udhr.jsonl").get(id);
  }

  /** Whether a Moby-Dick chapter is held out of training in these tests: chapters 121 and later. */
  static boolean heldOut(String id) {
    return id.startsWith("moby-chapter_") && Integer.parseInt(id.substring(13)) > 120
        || id.equals("moby-epilogue");
  }
}
