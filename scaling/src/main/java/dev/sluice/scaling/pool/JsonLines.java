package dev.sluice.scaling.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.cli.UsageException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the JSON lines of pools and evaluation sets ({@code id}, {@code text}, {@code kind}). */
public final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Every line of {@code file} as a JSON object; a line that is not one is refused with its number. */
  public static List<JsonNode> objects(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new UsageException(file + ": no such file");
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int line = 0;
      for (String s; (s = r.readLine()) != null; ) {
        line++;
        if (s.isBlank()) continue;
        JsonNode n;
        try {
          n = JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new UsageException(
              file + " line " + line + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!n.isObject()) throw new UsageException(file + " line " + line + ": not a JSON object");
        out.add(n);
      }
    }
    return out;
  }

  /** Documents of a JSONL file with the given id and text fields; refuses a line missing either. */
  public static List<PoolDoc> docs(Path file, String idField, String textField, String kind)
      throws IOException {
    List<PoolDoc> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : objects(file)) {
      i++;
      JsonNode id = n.get(idField);
      JsonNode text = n.get(textField);
      if (id == null || id.isNull() || text == null || !text.isTextual()) {
        throw new UsageException(
            file + ": object " + i + " has no '" + idField + "' or no text '" + textField + "'");
      }
      out.add(new PoolDoc(id.asText(), text.asText(), kind));
    }
    return out;
  }

  public static void write(Path file, List<PoolDoc> docs) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (PoolDoc d : docs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        o.put("text", d.text());
        o.put("kind", d.kind());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
