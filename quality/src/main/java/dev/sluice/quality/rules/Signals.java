package dev.sluice.quality.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every signal name the rule sets emit, in a fixed order, so coders can send a small index instead of the name
 * (a document carries ~30 signals through several shuffles). A test checks that the rule sets emit nothing else.
 */
public final class Signals {
  public static final List<String> KNOWN = List.of(
      "gopher_quality.word_count", "gopher_quality.mean_word_length", "gopher_quality.symbol_word_ratio",
      "gopher_quality.ellipsis_word_ratio", "gopher_quality.bullet_lines_ratio",
      "gopher_quality.ellipsis_lines_ratio", "gopher_quality.alpha_words_ratio", "gopher_quality.stop_words",
      "gopher_repetition.dup_para_frac", "gopher_repetition.dup_para_char_frac", "gopher_repetition.dup_line_frac",
      "gopher_repetition.dup_line_char_frac", "gopher_repetition.top_2_gram", "gopher_repetition.top_3_gram",
      "gopher_repetition.top_4_gram", "gopher_repetition.dup_5_gram", "gopher_repetition.dup_6_gram",
      "gopher_repetition.dup_7_gram", "gopher_repetition.dup_8_gram", "gopher_repetition.dup_9_gram",
      "gopher_repetition.dup_10_gram", "c4.lines_dropped_frac", "c4.sentences", "fineweb.line_punct_ratio",
      "fineweb.short_line_ratio", "fineweb.char_dup_ratio", "fineweb.list_ratio");
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < KNOWN.size(); i++) INDEX.put(KNOWN.get(i), i);
  }

  private Signals() {}

  /** The name's position in {@link #KNOWN}, or -1. */
  public static int indexOf(String name) {
    Integer i = INDEX.get(name);
    return i == null ? -1 : i;
  }
}
