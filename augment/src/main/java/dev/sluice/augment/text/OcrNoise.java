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
  private final double logMiss; // log(1 − rate)

  OcrNoise(double rate) {
    this.rate = rate;
    this.logMiss = StrictMath.log1p(-rate);
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
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    int skip = rng.failuresBeforeSuccess(rate, logMiss);
    boolean changed = false;
    // every confusable char is a letter or digit, so inside a word: the gaps need no scan
    for (int w = 0; w < l; w++) {
      char[] a = d.wordBase(w);
      int f = d.wordFrom(w);
      int t = d.wordTo(w);
      char[] out = null;
      int o = 0;
      int copied = f;
      int i = f;
      while (i < t) {
        char c = a[i];
        char merged = c < 128 && i + 1 < t ? pair(c, a[i + 1]) : 0;
        int len = merged != 0 ? 2 : 1;
        if (c >= 128 || merged == 0 && SINGLE[c] == null || WordSpans.markAt(a, i + len, t)) {
          i++;
          continue;
        }
        if (skip > 0) {
          skip--;
          i += len;
          continue;
        }
        skip = rng.failuresBeforeSuccess(rate, logMiss);
        if (out == null) out = new char[2 * (t - f)];
        System.arraycopy(a, copied, out, o, i - copied);
        o += i - copied;
        if (merged != 0) {
          out[o++] = merged;
        } else {
          String[] options = SINGLE[c];
          String r = options.length == 1 ? options[0] : options[rng.nextInt(options.length)];
          for (int k = 0; k < r.length(); k++) out[o++] = r.charAt(k);
        }
        i += len;
        copied = i;
      }
      if (out != null) {
        System.arraycopy(a, copied, out, o, t - copied);
        o += t - copied;
        d.setWord(w, java.util.Arrays.copyOf(out, o));
        changed = true;
      }
    }
    return changed;
  }
}
