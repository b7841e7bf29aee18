package dev.sluice.augment.text;

import java.util.Arrays;
import java.util.Set;

/**
 * Sentence shuffling within a paragraph, the sentence-level permutation of BART's "sentence permutation" noise (Lewis
 * et al. 2020) applied per paragraph: each paragraph (paragraphs are separated by blank lines) is shuffled with
 * probability {@code rate}. Sentences end at . ! ? … (or the Arabic, Devanagari and CJK marks; closing quotes and brackets
 * included) followed by space (CJK marks need none),
 * except after a single letter ("J. Smith", "e.g.") or a common abbreviation ("Mr.", "Dr.", "etc."), or when the next
 * word starts lower case. The sentences move; the spaces and line breaks between them stay in place, so a paragraph
 * written one sentence a line keeps its lines. A permutation that restores the order, and a paragraph of one sentence,
 * change nothing.
 */
final class SentenceShuffle implements TextOp {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "prof", "gen", "col", "capt",
          "lt", "sgt", "rev", "hon", "mt", "no", "co", "inc", "ltd", "fig", "vol", "ch", "pp");

  private final double rate;

  SentenceShuffle(double rate) {
    this.rate = rate;
  }

  @Override
  public String name() {
    return "sentence_shuffle";
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    String text = d.text();
    String out = shuffle(text, rng);
    // identical sentences ("Yes. Yes.") moved around give the same text: not a change
    if (out == text || out.equals(text)) return false;
    d.setText(out);
    return true;
  }

  private String shuffle(String text, Rng rng) {
    int n = text.length();
    StringBuilder sb = null;
    int at = 0;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int p = 0;
    while (p < n) {
      int pe = paragraphEnd(text, p);
      if (rng.chance(rate)) {
        int count = 0;
        int s = skipSpace(text, p, pe);
        while (s < pe) {
          int e = sentenceEnd(text, s, pe);
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
          }
          starts[count] = s;
          ends[count++] = e;
          s = skipSpace(text, e, pe);
        }
        if (count >= 2) {
          int[] order = new int[count];
          for (int i = 0; i < count; i++) order[i] = i;
          boolean identity = true;
          for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
          for (int i = 0; i < count && identity; i++) identity = order[i] == i;
          if (!identity) {
            if (sb == null) sb = new StringBuilder(n);
            sb.append(text, at, starts[0]);
            for (int i = 0; i < count; i++) {
              if (i > 0) sb.append(text, ends[i - 1], starts[i]);
              sb.append(text, starts[order[i]], ends[order[i]]);
            }
            at = ends[count - 1];
          }
        }
      }
      p = pe;
    }
    if (sb == null) return text;
    return sb.append(text, at, n).toString();
  }

  /** The end of the paragraph starting at {@code p}: after its blank-line separator, or the end of the text. */
  static int paragraphEnd(String text, int p) {
    int n = text.length();
    int i = p;
    while (i < n) {
      if (text.charAt(i) == '\n') {
        int j = i + 1;
        while (j < n && isLineSpace(text.charAt(j))) j++;
        if (j < n && text.charAt(j) == '\n') {
          while (j < n && (text.charAt(j) == '\n' || isLineSpace(text.charAt(j)))) j++;
          return j;
        }
      }
      i++;
    }
    return n;
  }

  private static boolean isLineSpace(char c) {
    return c == '\r' || WordSpans.isHorizontalSpace(c);
  }

  private static int skipSpace(String text, int i, int end) {
    while (i < end && Character.isWhitespace(text.charAt(i))) i++;
    return i;
  }

  /** The end (exclusive, trailing space excluded) of the sentence starting at {@code s}, at most {@code end}. */
  static int sentenceEnd(String text, int s, int end) {
    int i = s;
    while (i < end) {
      char c = text.charAt(i);
      if (isTerminal(c)) {
        int j = i + 1;
        while (j < end && isTerminal(text.charAt(j))) j++;
        while (j < end && isCloser(text.charAt(j))) j++;
        if (j < end && isFullWidth(c) && !Character.isWhitespace(text.charAt(j))) return j;
        if (j < end
            && Character.isWhitespace(text.charAt(j))
            && !(c == '.' && abbreviation(text, s, i))) {
          int next = skipSpace(text, j, end);
          if (next >= end || !Character.isLowerCase(text.charAt(next))) return j;
        }
        i = j;
      } else {
        i++;
      }
    }
    int e = end;
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
    return e;
  }

  /** . ! ? …, the Arabic question mark and full stop, the Devanagari danda and double danda, and CJK 。！？. */
  private static boolean isTerminal(char c) {
    return c == '.'
        || c == '!'
        || c == '?'
        || c == '…'
        || c == '\u061F'
        || c == '\u06D4'
        || c == '\u0964'
        || c == '\u0965'
        || isFullWidth(c);
  }

  /** CJK sentence ends: no space follows them. */
  private static boolean isFullWidth(char c) {
    return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
  }

  private static boolean isCloser(char c) {
    return c == '"'
        || c == '\''
        || c == ')'
        || c == ']'
        || c == '\u201D'
        || c == '\u2019'
        || c == '\u00BB'
        || c == '\u300D'
        || c == '\u300F';
  }

  /** True when the word before the period at {@code dot} is a single letter or a known abbreviation. */
  private static boolean abbreviation(String text, int from, int dot) {
    int b = dot;
    while (b > from && Character.isLetter(text.charAt(b - 1))) b--;
    int len = dot - b;
    if (len == 0) return false;
    if (len == 1) return true;
    if (len > 4) return false;
    return ABBREVIATIONS.contains(Lexicon.fold(text.substring(b, dot)));
  }
}
