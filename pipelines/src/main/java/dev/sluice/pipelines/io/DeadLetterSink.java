package dev.sluice.pipelines.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.model.DeadLetter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dead letters as JSONL: one object per line with the keys of schemas' DeadLetter.avsc, in that order. */
public final class DeadLetterSink implements ShardSink<DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String extension() {
    return ".jsonl";
  }

  public static Map<String, Object> toMap(DeadLetter d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", d.stage());
    m.put("reason", d.reason());
    m.put("detail", d.detail());
    m.put("source", d.source());
    m.put("location", d.location());
    m.put("raw", d.raw());
    m.put("raw_base64", d.rawBase64());
    m.put("raw_truncated", d.rawTruncated());
    return m;
  }

  @Override
  public void write(Iterator<DeadLetter> rows, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (rows.hasNext()) {
        DeadLetter d = rows.next();
        w.write(JSON.writeValueAsString(toMap(d)));
        w.write('\n');
      }
    }
  }
}
