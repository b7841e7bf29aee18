package dev.sluice.pipelines.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.recipe.InputSettings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns one raw record (a JSONL line, a text block, a Parquet row's values) into a {@link Doc} or a
 * {@link DeadLetter}. Pure: the same bytes always give the same answer. A record without an id gets
 * {@code <source>#<unit><pos>} (stable across runs).
 */
public final class RecordParser {
  public static final String STAGE = "parse";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputSettings settings;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  public RecordParser(InputSettings settings) {
    this.settings = settings;
  }

  /** Decodes strictly; null when the bytes are not valid UTF-8. */
  public String decode(byte[] bytes) {
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Strict JSON lines: exactly one value per line. Null when only whitespace follows the value; otherwise what
   * follows it (a second value, or text that is not JSON), for the dead letter's detail.
   */
  static String afterValue(JsonParser p) throws java.io.IOException {
    long end = p.currentLocation().getCharOffset();
    JsonToken next;
    try {
      next = p.nextToken();
    } catch (JsonProcessingException e) {
      return "unexpected text after the JSON value at char " + (end + 1) + ": " + e.getOriginalMessage();
    }
    if (next == null) return null;
    return "a second JSON value (" + p.getText() + "...) after the first one at char "
        + (p.currentTokenLocation().getCharOffset() + 1) + ": one JSON value per line";
  }

  public void jsonLine(String source, long line, byte[] bytes, long fullLength, Consumer<Doc> docs,
      Consumer<DeadLetter> dead) {
    String where = "line " + line;
    if (fullLength > settings.maxDocBytes()) {
      dead.accept(DeadLetter.of(STAGE, "too_large", String.format(Locale.ROOT,
          "record is %d bytes, over input.max_doc_bytes (%d)", fullLength, settings.maxDocBytes()),
          source, where, line, bytes));
      return;
    }
    String s = decode(bytes);
    if (s == null) {
      dead.accept(DeadLetter.of(STAGE, "invalid_utf8", "the line is not valid UTF-8", source, where, line, bytes));
      return;
    }
    JsonNode node;
    try (JsonParser p = JSON.createParser(s)) {
      node = JSON.readTree(p);
      String after = afterValue(p);
      if (after != null) {
        dead.accept(DeadLetter.of(STAGE, "malformed_json", after, source, where, line, bytes));
        return;
      }
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      dead.accept(DeadLetter.of(STAGE, "malformed_json", "not valid JSON: " + msg, source, where, line, bytes));
      return;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String: not reached
    }
    if (node == null || !node.isObject()) {
      dead.accept(DeadLetter.of(STAGE, "not_an_object",
          "a JSONL line must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType()), source,
          where, line, bytes));
      return;
    }
    JsonNode text = node.get(settings.textField());
    if (text == null || text.isNull()) {
      dead.accept(DeadLetter.of(STAGE, "missing_text", "no '" + settings.textField() + "' field", source, where,
          line, bytes));
      return;
    }
    if (!text.isTextual()) {
      dead.accept(DeadLetter.of(STAGE, "text_not_string", "'" + settings.textField() + "' is a "
          + text.getNodeType() + ", not a string", source, where, line, bytes));
      return;
    }
    JsonNode idNode = node.get(settings.idField());
    String id;
    if (idNode == null || idNode.isNull()) {
      id = null;
    } else if (idNode.isTextual() || idNode.isIntegralNumber()) {
      id = idNode.asText();
      if (id.isBlank()) {
        dead.accept(DeadLetter.of(STAGE, "bad_id", "'" + settings.idField() + "' is blank", source, where, line,
            bytes));
        return;
      }
    } else {
      dead.accept(DeadLetter.of(STAGE, "bad_id", "'" + settings.idField() + "' is a " + idNode.getNodeType()
          + ", expected a string or an integer", source, where, line, bytes));
      return;
    }
    document(source, line, "line", id, text.asText(), bytes, docs, dead);
  }

  /** Index of the first unpaired surrogate, or -1. JSON escapes like "\\ud800" decode to one. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) return i;
    }
    return -1;
  }

  /** Validates the text of a record whose fields were already read (all formats end here). */
  public void document(String source, long pos, String unit, String id, String text, byte[] raw,
      Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    String where = unit + " " + pos;
    if (text.indexOf('\u0000') >= 0) {
      dead.accept(DeadLetter.of(STAGE, "nul_byte", "the text contains NUL characters", source, where, pos, raw));
      return;
    }
    int bad = loneSurrogate(text);
    if (bad >= 0) {
      dead.accept(DeadLetter.of(STAGE, "lone_surrogate", "the text has an unpaired UTF-16 surrogate (a \\u escape"
          + " of half a character) at char " + bad + ": it cannot be written as UTF-8", source, where, pos, raw));
      return;
    }
    if (text.isBlank()) {
      dead.accept(DeadLetter.of(STAGE, "empty_text", "the text is empty or only whitespace", source, where, pos,
          raw));
      return;
    }
    long bytes = text.length() > settings.maxDocBytes() / 3 ? text.getBytes(StandardCharsets.UTF_8).length : 0;
    if (bytes > settings.maxDocBytes()) {
      dead.accept(DeadLetter.of(STAGE, "too_large", String.format(Locale.ROOT,
          "text is %d bytes, over input.max_doc_bytes (%d)", bytes, settings.maxDocBytes()), source, where, pos, raw));
      return;
    }
    docs.accept(Doc.parsed(id != null ? id : source + "#" + unit.charAt(0) + pos, text, source, unit, pos));
  }
}
