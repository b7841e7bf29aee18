package dev.sluice.quality.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every threshold rule at its boundary: with the threshold set to the document's own measured value, the
 * document passes where the published rule is strict ("more than x removes") and is removed where it is not
 * ("x or less removes"); one step past the value flips the outcome. This fixes each comparison operator to the
 * reference implementation's (DataTrove).
 */
class BoundaryTest {
  /** rule set, recipe key, signal, the doc, whether "value == threshold" is rejected, direction (+1: max). */
  record Case(String set, String key, String signal, String doc, boolean rejectAtEqual, int dir) {}

  private static final String REPETITIVE =
      String.join(
          "\n",
          "The old grey cat sat on the warm mat by the door today.",
          "",
          "A dog ran in the park with the ball and the bone.",
          "",
          "The old grey cat sat on the warm mat by the door today.",
          "",
          "Some birds sang songs in the tall green trees all day.",
          "",
          "The old grey cat sat on the warm mat by the door today.",
          "And the sun went down over the hills and the sea.");

  static Stream<Arguments> cases() {
    String good = Texts.goodDoc(8);
    String withBullets = good + "\n- a list item of the kind\n- another item of the kind...";
    String hashes = good + " #tag #tag2 ... …";
    return Stream.of(
            new Case("gopher_quality", "min_doc_words", "word_count", good, false, -1),
            new Case("gopher_quality", "max_doc_words", "word_count", good, false, +1),
            new Case("gopher_quality", "min_avg_word_length", "mean_word_length", good, false, -1),
            new Case("gopher_quality", "max_avg_word_length", "mean_word_length", good, false, +1),
            new Case(
                "gopher_quality", "max_symbol_word_ratio", "symbol_word_ratio", hashes, false, +1),
            new Case(
                "gopher_quality",
                "max_ellipsis_word_ratio",
                "ellipsis_word_ratio",
                hashes,
                false,
                +1),
            new Case(
                "gopher_quality",
                "max_bullet_lines_ratio",
                "bullet_lines_ratio",
                withBullets,
                false,
                +1),
            new Case(
                "gopher_quality",
                "max_ellipsis_lines_ratio",
                "ellipsis_lines_ratio",
                withBullets,
                false,
                +1),
            new Case(
                "gopher_quality", "min_alpha_words_ratio", "alpha_words_ratio", hashes, false, -1),
            new Case("gopher_quality", "min_stop_words", "stop_words", good, false, -1),
            new Case("gopher_repetition", "dup_line_frac", "dup_line_frac", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_para_frac", "dup_para_frac", REPETITIVE, false, +1),
            new Case(
                "gopher_repetition",
                "dup_line_char_frac",
                "dup_line_char_frac",
                REPETITIVE,
                false,
                +1),
            new Case(
                "gopher_repetition",
                "dup_para_char_frac",
                "dup_para_char_frac",
                REPETITIVE,
                false,
                +1),
            new Case("gopher_repetition", "top_2_gram", "top_2_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "top_3_gram", "top_3_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "top_4_gram", "top_4_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_5_gram", "dup_5_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_6_gram", "dup_6_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_7_gram", "dup_7_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_8_gram", "dup_8_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_9_gram", "dup_9_gram", REPETITIVE, false, +1),
            new Case("gopher_repetition", "dup_10_gram", "dup_10_gram", REPETITIVE, false, +1),
            // DataTrove's FineWebQualityFilter (a649de79): ratio < line_punct_thr, >
            // short_line_thr,
            // > char_duplicates_ratio, > new_line_ratio remove; a document exactly at a threshold
            // is kept
            new Case(
                "fineweb",
                "line_punct_thr",
                "line_punct_ratio",
                good + "\nno punctuation here at all",
                false,
                -1),
            new Case(
                "fineweb", "short_line_thr", "short_line_ratio", good + "\nShort one.", false, +1),
            new Case("fineweb", "char_duplicates_ratio", "char_dup_ratio", REPETITIVE, false, +1),
            new Case("fineweb", "new_line_ratio", "list_ratio", good, false, +1),
            new Case("c4", "min_sentences", "sentences", good, false, -1))
        .map(c -> Arguments.of(c.set + "." + c.key, c));
  }

  private static RuleSet build(String set, Map<String, Object> section) {
    Map<String, Object> quality = new HashMap<>();
    quality.put("rules", java.util.List.of(set));
    quality.put(set, section);
    return RuleSets.fromSection(quality).get(0);
  }

  /** Thresholds that every other rule of the set passes, so only the rule under test can fire. */
  private static Map<String, Object> permissive(String set) {
    Map<String, Object> m = new HashMap<>();
    switch (set) {
      case "gopher_quality" -> {
        m.put("min_doc_words", 0);
        m.put("max_doc_words", Integer.MAX_VALUE);
        m.put("min_avg_word_length", 0);
        m.put("max_avg_word_length", 1e9);
        m.put("max_symbol_word_ratio", 1e9);
        m.put("max_ellipsis_word_ratio", 1e9);
        m.put("max_bullet_lines_ratio", 1.0);
        m.put("max_ellipsis_lines_ratio", 1.0);
        m.put("min_alpha_words_ratio", 0.0);
        m.put("min_stop_words", 0);
      }
      case "gopher_repetition" -> {
        for (String k :
            new String[] {
              "dup_line_frac",
              "dup_para_frac",
              "dup_line_char_frac",
              "dup_para_char_frac",
              "top_2_gram",
              "top_3_gram",
              "top_4_gram",
              "dup_5_gram",
              "dup_6_gram",
              "dup_7_gram",
              "dup_8_gram",
              "dup_9_gram",
              "dup_10_gram"
            }) {
          m.put(k, 1.0);
        }
      }
      case "fineweb" -> {
        m.put("line_punct_thr", 0.0);
        m.put("line_punct_exclude_zero", true);
        m.put("short_line_thr", 1.0);
        m.put("char_duplicates_ratio", 1.0);
        m.put("new_line_ratio", 1e9);
      }
      case "c4" -> {
        m.put("min_sentences", 0);
        m.put("filter_no_terminal_punct", false);
        m.put("min_words_per_line", 0);
      }
      default -> throw new IllegalArgumentException(set);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFlipsExactlyAtItsThreshold(String name, Case c) {
    Scored probe = new Scored(c.doc());
    assertNull(
        build(c.set(), permissive(c.set())).apply(probe), "permissive settings keep the probe");
    double v = probe.signals().get(c.set() + "." + c.signal());
    boolean integer =
        c.key().equals("min_doc_words")
            || c.key().equals("max_doc_words")
            || c.key().equals("min_stop_words")
            || c.key().equals("min_sentences");
    Function<Double, Rejection> at =
        t -> {
          Map<String, Object> s = permissive(c.set());
          s.put(c.key(), integer ? (Object) (int) Math.round(t) : (Object) t);
          if (c.key().equals("line_punct_thr")) s.put("line_punct_exclude_zero", false);
          return build(c.set(), s).apply(new Scored(c.doc()));
        };
    Rejection atEqual = at.apply(v);
    if (c.rejectAtEqual())
      assertNotNull(atEqual, name + " rejects a document exactly at the threshold " + v);
    else assertNull(atEqual, name + " keeps a document exactly at the threshold " + v);
    double step = integer ? 1 : Math.max(1e-9, Math.abs(v) * 1e-9);
    // one step past: loosen a "reject at equal" rule (it must keep), tighten a strict one (it must
    // reject)
    double past = c.rejectAtEqual() ? v + c.dir() * step : v - c.dir() * step;
    Rejection beyond = at.apply(past);
    if (c.rejectAtEqual()) {
      assertNull(beyond, name + " keeps the document once the threshold moves past " + v);
    } else {
      assertNotNull(beyond, name + " rejects the document once the threshold is tighter than " + v);
      assertEquals(c.set(), beyond.ruleSet());
      assertEquals(v, beyond.value(), Math.abs(v) * 1e-12);
    }
    // one step the other way: a strict rule keeps, a "reject at equal" one still rejects
    Rejection before = at.apply(c.rejectAtEqual() ? v - c.dir() * step : v + c.dir() * step);
    if (c.rejectAtEqual())
      assertNotNull(before, name + " rejects a document inside the threshold " + v);
    else assertNull(before, name + " keeps a document inside the threshold " + v);
  }
}
