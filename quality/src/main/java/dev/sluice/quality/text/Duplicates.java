package dev.sluice.quality.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counting repeated elements (lines, paragraphs) of a document. Public implementations disagree: DataTrove (and
 * the Gopher paper's description) counts only the repeated copies, DCLM counts every copy of an element that
 * occurs more than once. {@link Mode} selects which.
 */
public final class Duplicates {
  private Duplicates() {}

  public enum Mode {
    /** DataTrove: the first occurrence is not a duplicate. */
    REPEATED,
    /** DCLM: every copy of an element that occurs more than once counts. */
    ALL;

    public static Mode parse(String s) {
      return switch (s) {
        case "repeated", "datatrove" -> REPEATED;
        case "all", "dclm" -> ALL;
        default -> throw new IllegalArgumentException(s);
      };
    }
  }

  /** Number of duplicate elements and their total characters. */
  public record Count(int elements, long chars) {}

  public static Count find(List<String> items, Mode mode) {
    if (mode == Mode.REPEATED) {
      Set<String> seen = new HashSet<>(items.size() * 2);
      int dup = 0;
      long chars = 0;
      for (String s : items) {
        if (!seen.add(s)) {
          dup++;
          chars += s.codePointCount(0, s.length());
        }
      }
      return new Count(dup, chars);
    }
    Map<String, Integer> counts = new HashMap<>(items.size() * 2);
    for (String s : items) counts.merge(s, 1, Integer::sum);
    int dup = 0;
    long chars = 0;
    for (String s : items) {
      if (counts.get(s) > 1) {
        dup++;
        chars += s.codePointCount(0, s.length());
      }
    }
    return new Count(dup, chars);
  }
}
