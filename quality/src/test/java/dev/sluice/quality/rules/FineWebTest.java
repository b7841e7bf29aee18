package dev.sluice.quality.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each FineWeb ratio counts, against DataTrove's FineWebQualityFilter (a649de79). */
class FineWebTest {
  /** Signals of {@code text} with every rule permissive, so all four are measured. */
  private static Map<String, Double> measure(String text, Map<String, Object> extra) {
    Map<String, Object> m =
        new HashMap<>(
            Map.of(
                "line_punct_thr",
                0.0,
                "short_line_thr",
                1.0,
                "char_duplicates_ratio",
                1.0,
                "new_line_ratio",
                1e9));
    m.putAll(extra);
    Scored s = new Scored(text);
    assertNull(new FineWeb(FineWeb.Settings.from(m)).apply(s));
    return s.signals();
  }

  private static double punct(String text) {
    return measure(text, Map.of()).get("fineweb.line_punct_ratio");
  }

  @Test
  void lineEndsAreDataTrovesTerminalPunctuationNotQuotes() {
    // in Sluice's old list, not in DataTrove's: " ' ’ ” … ;
    assertEquals(
        0.0,
        punct("He said \"go.\"\nIt's 'done.'\nShe wrote \u201cyes.\u201d\nWait\u2026\nfirst;"));
    // in DataTrove's, not in Sluice's old list: Myanmar section mark, Khmer khan, Brahmi danda
    // (outside the BMP)
    assertEquals(
        1.0, punct("\u1019\u103c\u1014\u103a\u1019\u102c\u104b\n\u1781\u17d4\nabc\ud804\udc47"));
    assertEquals(0.5, punct("ends with a full stop.\nends with a colon:"));
  }

  @Test
  void trailingWhiteSpaceHidesPunctuationUnlessStripLineEnds() {
    String text = "Done. \nDone.\t\nDone.\u00a0\nDone.";
    assertEquals(0.25, punct(text), "DataTrove: line.endswith on the unstripped line");
    assertEquals(
        1.0, measure(text, Map.of("strip_line_ends", true)).get("fineweb.line_punct_ratio"));
  }

  @Test
  void stopCharsReplaceTheListAndMayBeLonger() {
    Map<String, Object> release = Map.of("stop_chars", List.of(".", "'", "\"", "!", "?"));
    assertEquals(0.5, measure("He said \"go.\"\nit is", release).get("fineweb.line_punct_ratio"));
    Map<String, Object> dots = Map.of("stop_chars", List.of("..."));
    assertEquals(0.5, measure("and so on...\nthe end.", dots).get("fineweb.line_punct_ratio"));
  }

  @Test
  void blankLinesAreThoseThatPythonStripEmpties() {
    // no-break spaces and U+2007 are white space to Python's strip(), not to Java's isBlank
    Map<String, Double> m =
        measure("First line.\n\u00a0\u2007\u202f\n\u3000\n\nSecond line.", Map.of());
    assertEquals(1.0, m.get("fineweb.line_punct_ratio"), "2 lines, not 4");
    Rejection r = new FineWeb(FineWeb.Settings.defaults()).apply(new Scored(" \n\u00a0\u0085\n\t"));
    assertEquals("fineweb.empty", r.rule());
    // a zero-width space is not white space: the line counts (and has no punctuation)
    assertEquals(0.5, punct("First line.\n\u200b"));
  }

  @Test
  void shortLinesAreMeasuredInCodePoints() {
    String emoji = "\ud83d\ude00".repeat(30); // 30 code points, 60 chars
    assertEquals(1.0, measure(emoji, Map.of()).get("fineweb.short_line_ratio"));
    assertEquals(0.0, measure(emoji + "!", Map.of()).get("fineweb.short_line_ratio"));
    assertEquals(
        1.0, measure(emoji + "!", Map.of("short_line_length", 31)).get("fineweb.short_line_ratio"));
  }

  @Test
  void duplicateCharactersAreRepeatedNonBlankLinesInCodePoints() {
    // lines: "a\ud83d\ude00" twice (2 code points), blank lines repeat but do not count; text has 8
    // code points other than '\n': a😀 a😀 (4), spaces (2), "xy" (2)
    String text = "a\ud83d\ude00\n \n \na\ud83d\ude00\nxy";
    assertEquals(2.0 / 8, measure(text, Map.of()).get("fineweb.char_dup_ratio"), 0);
    assertEquals(
        4.0 / 8, measure(text, Map.of("dup_count", "all")).get("fineweb.char_dup_ratio"), 0);
  }

  @Test
  void newLineRatioCountsEveryNewlineByDefault() {
    // tokens: a b c . d e f . = 8; '\n' = 4 (a blank line and a trailing newline); breaks between
    // lines = 1
    String text = "a b c.\n\n\nd e f.\n";
    assertEquals(4.0 / 8, measure(text, Map.of()).get("fineweb.list_ratio"), 0);
    assertEquals(
        1.0 / 8,
        measure(text, Map.of("new_line_count", "between_lines")).get("fineweb.list_ratio"),
        0);
  }

  @Test
  void zeroPunctuationIsKeptOnlyWithExcludeZero() {
    String text = "no punctuation\nanywhere here at all";
    Map<String, Object> m = new HashMap<>(Map.of("short_line_thr", 1.0));
    assertEquals(
        "fineweb.line_punct_ratio",
        new FineWeb(FineWeb.Settings.from(m)).apply(new Scored(text)).rule());
    m.put("line_punct_exclude_zero", true);
    assertNull(new FineWeb(FineWeb.Settings.from(m)).apply(new Scored(text)));
  }

  @Test
  void terminalPunctuationIsSortedForBinarySearch() {
    int[] t = FineWeb.TERMINAL_PUNCTUATION;
    assertEquals(159, t.length, "DataTrove's list has 159 characters");
    for (int i = 1; i < t.length; i++) assertTrue(t[i - 1] < t[i], "sorted and distinct at " + i);
  }

  @Test
  void pythonSpaceIsZsOrBidiWhitespaceOnEveryChar() {
    // Python's str.isspace: general category Zs, or bidirectional class WS, B or S
    for (int c = 0; c <= 0xFFFF; c++) {
      byte dir = Character.getDirectionality(c);
      boolean py =
          Character.getType(c) == Character.SPACE_SEPARATOR
              || dir == Character.DIRECTIONALITY_WHITESPACE
              || dir == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
              || dir == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
      assertEquals(py, FineWeb.isPythonSpace((char) c), "U+" + Integer.toHexString(c));
    }
  }
}
