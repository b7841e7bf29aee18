package dev.sluice.pipelines.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.model.InputValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * JSON lines ({@code input.format: jsonl}; plain, .gz or .zst): one JSON object per line, strictly one value (a
 * second value or anything but whitespace after it is a dead letter), the text and id in named fields. Blank
 * lines are skipped; a UTF-8 BOM and CRLF line ends are valid.
 */
final class JsonlFormat implements InputFormat {
  private static final long serialVersionUID = 1L;

  /**
   * No limit on a string's length but the line's: Jackson's default (20 M chars) would make a record under
   * input.max_doc_bytes malformed.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
              .build());

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public String emptyDetail() {
    return "the file has no records (only blank lines)";
  }

  @Override
  public void read(String file, Records out) throws IOException {
    try (InputStream in = out.open()) {
      LineReader lines = new LineReader(in, out.settings().maxDocBytes());
      long[] line = {0};
      out.trackPosition(
          () ->
              new Records.Position(
                  "decompressed byte " + lines.offset() + " after line " + line[0],
                  "byte " + lines.offset(),
                  line[0] + 1,
                  lines.pendingBytes()));
      byte[] b;
      while ((b = lines.next()) != null) {
        line[0]++;
        if (FileReader.isBlank(b)) continue;
        line(line[0], b, lines.lastLineLength(), out);
      }
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
      return "unexpected text after the JSON value at char "
          + (end + 1)
          + ": "
          + e.getOriginalMessage();
    }
    if (next == null) return null;
    return "a second JSON value ("
        + p.getText()
        + "...) after the first one at char "
        + (p.currentTokenLocation().getCharOffset() + 1)
        + ": one JSON value per line";
  }

  private static void line(long line, byte[] bytes, long fullLength, Records out) {
    String where = "line " + line;
    if (fullLength > out.settings().maxDocBytes()) {
      out.reject(
          "too_large",
          String.format(
              Locale.ROOT,
              "record is %d bytes, over input.max_doc_bytes (%d)",
              fullLength,
              out.settings().maxDocBytes()),
          where,
          line,
          bytes);
      return;
    }
    String s = out.decode(bytes);
    if (s == null) {
      out.reject("invalid_utf8", "the line is not valid UTF-8", where, line, bytes);
      return;
    }
    JsonNode node;
    try (JsonParser p = JSON.createParser(s)) {
      node = JSON.readTree(p);
      String after = afterValue(p);
      if (after != null) {
        out.reject("malformed_json", after, where, line, bytes);
        return;
      }
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      out.reject("malformed_json", "not valid JSON: " + msg, where, line, bytes);
      return;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String: not reached
    }
    if (node == null || !node.isObject()) {
      out.reject(
          "not_an_object",
          "a JSONL line must be a JSON object, got "
              + (node == null ? "nothing" : node.getNodeType()),
          where,
          line,
          bytes);
      return;
    }
    JsonNode text = node.get(out.settings().textField());
    if (text == null || text.isNull()) {
      out.reject(
          "missing_text", "no '" + out.settings().textField() + "' field", where, line, bytes);
      return;
    }
    if (!text.isTextual()) {
      out.reject(
          "text_not_string",
          "'" + out.settings().textField() + "' is a " + text.getNodeType() + ", not a string",
          where,
          line,
          bytes);
      return;
    }
    JsonNode idNode = node.get(out.settings().idField());
    String id;
    if (idNode == null || idNode.isNull()) {
      id = null;
    } else if (idNode.isTextual() || idNode.isIntegralNumber()) {
      id = idNode.asText();
      if (id.isBlank()) {
        out.reject("bad_id", "'" + out.settings().idField() + "' is blank", where, line, bytes);
        return;
      }
    } else {
      out.reject(
          "bad_id",
          "'"
              + out.settings().idField()
              + "' is a "
              + idNode.getNodeType()
              + ", expected a string or an integer",
          where,
          line,
          bytes);
      return;
    }
    String[] bad = unwritable(node, id, out.settings());
    if (bad != null) {
      out.reject(bad[0], bad[1], where, line, bytes);
      return;
    }
    out.text(line, "line", id, text.asText(), bytes, carried(node, out));
  }

  /**
   * A value that the shards cannot hold as it was given, as {reason, detail}, or null: an id, a carried field's
   * name or a string inside a carried value with an unpaired surrogate (a {@code \\u} escape of half a
   * character; UTF-8 would turn it into '?', and two ids into one), or a carried number beyond a double's range
   * ({@code 1e400}), which a double column cannot hold.
   */
  static String[] unwritable(JsonNode node, String id, InputSettings s) {
    String[] badId = id == null ? null : surrogate("'" + s.idField() + "'", id);
    if (badId != null) return badId;
    if (!s.carriesAny()) return null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      if (name.equals(s.idField()) || name.equals(s.textField()) || !s.carries(name)) continue;
      String[] bad = surrogate("a field name", name);
      if (bad == null) bad = unwritable(f.getValue(), "field '" + name + "'");
      if (bad != null) return bad;
    }
    return null;
  }

  private static String[] unwritable(JsonNode v, String what) {
    if (v.isTextual()) return surrogate(what, v.textValue());
    if (v.isNumber() && !v.canConvertToLong() && !Double.isFinite(v.doubleValue())) {
      String digits = v.isFloatingPointNumber() ? "" : " (" + v.asText().length() + " digits)";
      return new String[] {
        "number_out_of_range",
        what + " holds a number beyond the range of a double" + digits + ": no column can hold it"
      };
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String[] bad = surrogate("a key inside " + what, f.getKey());
      if (bad == null) bad = unwritable(f.getValue(), what);
      if (bad != null) return bad;
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        String[] bad = unwritable(e, what);
        if (bad != null) return bad;
      }
    }
    return null;
  }

  /** A {@code lone_surrogate} {reason, detail} when {@code s} has an unpaired surrogate, else null. */
  private static String[] surrogate(String what, String s) {
    int at = RecordParser.loneSurrogate(s);
    if (at < 0) return null;
    return new String[] {
      "lone_surrogate",
      what
          + " has an unpaired UTF-16 surrogate (a \\u escape of half a character) at char "
          + at
          + ": it cannot be written as UTF-8"
    };
  }

  /** The record's other fields that the recipe carries (input.fields), each with its JSON type; nulls left out. */
  static InputValues carried(JsonNode node, Records out) {
    InputSettings s = out.settings();
    if (!s.carriesAny() || node.size() <= 2) return InputValues.NONE;
    Map<String, Map.Entry<String, byte[]>> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      JsonNode v = f.getValue();
      if (v.isNull() || name.equals(s.idField()) || name.equals(s.textField())) continue;
      String type = FieldTypes.ofJson(v);
      if (s.carries(name)) {
        values.put(name, Map.entry(type, ValueConverter.jsonBytes(v)));
      } else {
        out.seen(name, type);
      }
    }
    return InputValues.of(values);
  }
}
