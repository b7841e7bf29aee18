package dev.sluice.augment.difficulty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reference documents from files, in the order given: {@code .jsonl} / {@code .jsonl.gz} give the string
 * {@code "text"} of each line (blank lines are skipped); {@code .txt} / {@code .txt.gz} give each
 * blank-line-separated paragraph. UTF-8; damaged input is an {@link IllegalArgumentException} naming the file
 * and line, never skipped.
 */
final class CorpusFiles implements Corpus {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final List<Path> files;

  /** Checks every name before anything is read, so a typo fails at once. */
  CorpusFiles(List<Path> files) {
    if (files.isEmpty()) throw new IllegalArgumentException("no reference files given");
    for (Path f : files) kind(f);
    this.files = List.copyOf(files);
  }

  private static boolean isJsonl(Path file) {
    String kind = kind(file);
    return kind.equals(".jsonl");
  }

  private static String kind(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
    if (name.endsWith(".jsonl")) return ".jsonl";
    if (name.endsWith(".txt")) return ".txt";
    throw new IllegalArgumentException(
        file + ": unsupported reference file; expected .jsonl, .jsonl.gz, .txt or .txt.gz");
  }

  @Override
  public void forEach(Consumer<String> doc) throws IOException {
    for (Path f : files) read(f, doc);
  }

  private static void read(Path file, Consumer<String> doc) throws IOException {
    boolean jsonl = isJsonl(file);
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = open(file)) {
      List<String> paragraph = new ArrayList<>();
      LineBytes lines = new LineBytes(in);
      int line = 0;
      while (lines.next()) {
        line++;
        String s;
        try {
          s = utf8.decode(lines.buffer()).toString();
        } catch (CharacterCodingException e) {
          throw new IllegalArgumentException(file + ":" + line + ": not valid UTF-8", e);
        }
        if (line == 1 && s.startsWith("\uFEFF")) s = s.substring(1);
        if (jsonl) {
          if (!s.isBlank()) doc.accept(text(file, line, s));
        } else if (s.isBlank()) {
          flush(paragraph, doc);
        } else {
          paragraph.add(s);
        }
      }
      flush(paragraph, doc);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) return raw;
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw new IllegalArgumentException(file + ": not gzip data (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Lines as bytes, without the \n or \r\n that ends them, so that each is decoded on its own and a UTF-8 error
   * names its line (a Reader decodes ahead).
   */
  private static final class LineBytes {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private int len;

    LineBytes(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      len = 0;
      boolean any = false;
      while (true) {
        if (pos == end) {
          end = in.read(chunk);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return any;
          }
        }
        any = true;
        int start = pos;
        while (pos < end && chunk[pos] != '\n') pos++;
        append(start, pos);
        if (pos < end) {
          pos++; // past the \n
          if (len > 0 && line[len - 1] == '\r') len--;
          return true;
        }
      }
    }

    private void append(int from, int to) {
      int n = to - from;
      if (len + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
      System.arraycopy(chunk, from, line, len, n);
      len += n;
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(line, 0, len);
    }
  }

  private static void flush(List<String> paragraph, Consumer<String> doc) {
    if (paragraph.isEmpty()) return;
    doc.accept(String.join("\n", paragraph));
    paragraph.clear();
  }

  private static String text(Path file, int line, String s) {
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + ":"
              + line
              + ": not a JSON object with a string \"text\" ("
              + e.getOriginalMessage()
              + ")",
          e);
    }
    JsonNode text = node.isObject() ? node.get("text") : null;
    if (text == null || !text.isTextual()) {
      String what =
          !node.isObject()
              ? "a JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT)
              : text == null
                  ? "no \"text\" field"
                  : "\"text\" is " + text.getNodeType().toString().toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException(
          file + ":" + line + ": not a JSON object with a string \"text\" (" + what + ")");
    }
    return text.textValue();
  }
}
