package dev.sluice.augment.text;

/**
 * OCR confusions, both ways, as in nlpaug's OcrAug and the OCR-noise studies of historical newspapers (e.g. Hämäläinen
 * and Hengchen 2019): rn↔m, cl↔d, vv↔w, l↔1, I↔l, O↔0, S↔5, B↔8, e↔c, h↔b. Each place where one applies (a
 * two-letter sequence counts once) is changed with probability {@code rate}; the gap to the next change is drawn
 * once per change. Only ASCII is touched, and never a char that carries a combining mark.
 */
final class OcrNoise implements TextOp {
  /** Replacements for a single ASCII char; null where none. */
  private static final String[][] SINGLE = new String[128][];

  static {
    SINGLE['m'] = new String[] {"rn"};
    SINGLE['d'] = new String[] {"cl"};
    SINGLE['w'] = new String[] {"vv"};
    SINGLE['l'] = new String[] {"1", "I"};
    SINGLE['1'] = new String[] {"l"};
    SINGLE['I'] = new String[] {"l"};
    SINGLE['O'] = new String[] {"0"};
    SINGLE['0'] = new String[] {"O"};
    SINGLE['S'] = new String[] {"5"};
    SINGLE['5'] = new String[] {"S"};
    SINGLE['B'] = new String[] {"8"};
    SINGLE['8'] = new String[] {"B"};
    SINGLE['e'] = new String[] {"c"};
    SINGLE['c'] = new String[] {"e"};
    SINGLE['h'] = new String[] {"b"};
    SINGLE['b'] = new String[] {"h"};
  }

  private final double rate;

  OcrNoise(double rate) {
    this.rate = rate;
  }

  @Override
  public String name() {
    return "ocr";
  }

  /** The char that two-char sequence (a, b) reads as, or 0 when none. */
  static char pair(char a, char b) {
    if (a == 'r' && b == 'n') return 'm';
    if (a == 'c' && b == 'l') return 'd';
    if (a == 'v' && b == 'v') return 'w';
    return 0;
  }

  @Override
  public String apply(String text, Rng rng) {
    int n = text.length();
    int skip = rng.failuresBeforeSuccess(rate);
    StringBuilder sb = null;
    int at = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 128) {
        i++;
        continue;
      }
      char merged = i + 1 < n ? pair(c, text.charAt(i + 1)) : 0;
      int len = merged != 0 ? 2 : 1;
      if (merged == 0 && SINGLE[c] == null || WordSpans.markAt(text, i + len)) {
        i++;
        continue;
      }
      if (skip > 0) {
        skip--;
        i += len;
        continue;
      }
      skip = rng.failuresBeforeSuccess(rate);
      if (sb == null) sb = new StringBuilder(n + 16);
      sb.append(text, at, i);
      if (merged != 0) {
        sb.append(merged);
      } else {
        String[] options = SINGLE[c];
        sb.append(options.length == 1 ? options[0] : options[rng.nextInt(options.length)]);
      }
      i += len;
      at = i;
    }
    if (sb == null) return text;
    return sb.append(text, at, n).toString();
  }
}
