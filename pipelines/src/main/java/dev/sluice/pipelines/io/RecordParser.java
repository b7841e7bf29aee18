package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns the text of one record (whatever its format) into a {@link Doc} or a {@link DeadLetter}: the checks
 * every format shares. Pure: the same bytes always give the same answer. A record without an id gets
 * {@code <source>#<unit><pos>} (stable across runs).
 */
public final class RecordParser {
  public static final String STAGE = "parse";

  private final InputSettings settings;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

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

  /** Validates the text of a record whose fields were already read (all formats end here). */
  public void document(
      String source,
      long pos,
      String unit,
      String id,
      String text,
      byte[] raw,
      Consumer<Doc> docs,
      Consumer<DeadLetter> dead) {
    String where = unit + " " + pos;
    if (text.indexOf('\u0000') >= 0) {
      dead.accept(
          DeadLetter.of(
              STAGE, "nul_byte", "the text contains NUL characters", source, where, pos, raw));
      return;
    }
    int bad = loneSurrogate(text);
    if (bad >= 0) {
      dead.accept(
          DeadLetter.of(
              STAGE,
              "lone_surrogate",
              "the text has an unpaired UTF-16 surrogate (a \\u escape"
                  + " of half a character) at char "
                  + bad
                  + ": it cannot be written as UTF-8",
              source,
              where,
              pos,
              raw));
      return;
    }
    if (text.isBlank()) {
      dead.accept(
          DeadLetter.of(
              STAGE,
              "empty_text",
              "the text is empty or only whitespace",
              source,
              where,
              pos,
              raw));
      return;
    }
    long bytes =
        text.length() > settings.maxDocBytes() / 3
            ? text.getBytes(StandardCharsets.UTF_8).length
            : 0;
    if (bytes > settings.maxDocBytes()) {
      dead.accept(
          DeadLetter.of(
              STAGE,
              "too_large",
              String.format(
                  Locale.ROOT,
                  "text is %d bytes, over input.max_doc_bytes (%d)",
                  bytes,
                  settings.maxDocBytes()),
              source,
              where,
              pos,
              raw));
      return;
    }
    docs.accept(
        Doc.parsed(id != null ? id : source + "#" + unit.charAt(0) + pos, text, source, unit, pos));
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
}
