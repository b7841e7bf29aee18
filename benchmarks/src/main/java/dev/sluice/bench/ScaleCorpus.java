package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A K-times larger bench corpus for memory-scaling runs: copy 0 is the corpus itself; copy k &gt; 0 has ids suffixed
 * "~k" and the words of every line but its last shuffled with a seed from (id, k). Shuffled copies keep each document's length,
 * line structure and word statistics (so the quality rules keep a similar share) but share almost no 5-shingles
 * with the original, so they are new documents for exact and near dedup rather than duplicates.
 *
 * <pre>ScaleCorpus IN_DIR OUT_DIR K</pre>
 */
public final class ScaleCorpus {
  private ScaleCorpus() {}

  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int k = Integer.parseInt(args[2]);
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (var s = Files.list(in)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    long docs = 0;
    for (int copy = 0; copy < k; copy++) {
      for (Path f : files) {
        Path target = out.resolve(String.format("copy%02d-%s", copy, f.getFileName()));
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            ObjectNode doc = (ObjectNode) json.readTree(line);
            if (copy > 0) {
              String id = doc.get("id").asText();
              doc.put("id", id + "~" + copy);
              doc.put(
                  "text",
                  shuffleWords(doc.get("text").asText(), new Random(id.hashCode() * 31L + copy)));
            }
            w.write(json.writeValueAsString(doc));
            w.newLine();
            docs++;
          }
        }
      }
    }
    System.out.printf("%d documents in %d files under %s%n", docs, files.size() * k, out);
  }

  static String shuffleWords(String text, Random random) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> words = new ArrayList<>(Arrays.asList(lines[i].trim().split("\\s+")));
      if (words.size() > 2) {
        // the last word stays last, so a line keeps its terminal punctuation (C4's line rule looks
        // at it)
        Collections.shuffle(words.subList(0, words.size() - 1), random);
      }
      lines[i] = String.join(" ", words);
    }
    return String.join("\n", lines);
  }
}
