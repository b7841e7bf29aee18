package dev.sluice.augment.text;

/**
 * Keyboard typos, the "keyboard" noise of nlpaug's KeyboardAug and of typo-robustness work (Belinkov and Bisk,
 * "Synthetic and Natural Noise Both Break Neural Machine Translation", ICLR 2018): each ASCII letter is hit with
 * probability {@code rate}; a hit is mostly (80%) a QWERTY neighbour of the key in the same case, else a swap with
 * the next letter (8%), a dropped letter (6%, never the last of a run of letters, so never a whole word) or a
 * doubled one (6%). Letters outside ASCII
 * and letters carrying a combining mark are never touched. The gap to the next hit is drawn once per hit
 * (geometric), not once per letter.
 */
final class KeyboardTypos implements TextOp {
  private static final String[] NEIGHBOURS = new String[26];

  /** 1 for an ASCII letter, else 0. */
  private static final int[] LETTER = new int[128];

  static {
    for (int c = 'a'; c <= 'z'; c++) LETTER[c] = LETTER[c - 32] = 1;
    String[] rows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length(); c++) {
        StringBuilder sb = new StringBuilder();
        // each row sits half a key right of the one above: above are c and c+1, below c-1 and c
        addKey(sb, rows, r, c - 1);
        addKey(sb, rows, r, c + 1);
        addKey(sb, rows, r - 1, c);
        addKey(sb, rows, r - 1, c + 1);
        addKey(sb, rows, r + 1, c - 1);
        addKey(sb, rows, r + 1, c);
        NEIGHBOURS[rows[r].charAt(c) - 'a'] = sb.toString();
      }
    }
  }

  private static void addKey(StringBuilder sb, String[] rows, int r, int c) {
    if (r >= 0 && r < rows.length && c >= 0 && c < rows[r].length()) sb.append(rows[r].charAt(c));
  }

  private final double rate;
  private final double logMiss; // log(1 − rate)

  KeyboardTypos(double rate) {
    this.rate = rate;
    this.logMiss = StrictMath.log1p(-rate);
  }

  @Override
  public String name() {
    return "typo";
  }

  /** The QWERTY neighbours of lower-case letter {@code c}. */
  static String neighbours(char c) {
    return NEIGHBOURS[c - 'a'];
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    int skip = rng.failuresBeforeSuccess(rate, logMiss);
    boolean changed = false;
    char[] src = d.source();
    int[] before = null;
    // ASCII letters only ever sit inside words: the gaps need no scan
    for (int w = 0; w < l; w++) {
      char[] a = d.wordBase(w);
      int f = d.wordFrom(w);
      int t = d.wordTo(w);
      // the letters a hit may fall on, counted without a loop for a word still in the source
      int letters;
      if (a == src) {
        if (before == null)
          before = eligibleBefore(src, d.sourceLength(), d.scratch.ints(d.sourceLength() + 1));
        letters = before[t] - before[f];
      } else {
        letters = eligible(a, f, t);
      }
      if (skip >= letters) {
        skip -= letters;
        continue;
      }
      char[] out = null;
      int o = 0;
      int copied = f;
      for (int i = f; i < t; i++) {
        char c = a[i];
        if (!isAsciiLetter(c) || WordSpans.markAt(a, i + 1, t)) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        skip = rng.failuresBeforeSuccess(rate, logMiss);
        if (out == null) out = new char[2 * (t - f)];
        System.arraycopy(a, copied, out, o, i - copied);
        o += i - copied;
        copied = i + 1;
        int kind = rng.nextInt(100);
        boolean nextIsLetter = i + 1 < t && isAsciiLetter(a[i + 1]);
        if (kind >= 80
            && kind < 88
            && nextIsLetter
            && a[i + 1] != c
            && !WordSpans.markAt(a, i + 2, t)) {
          out[o++] = a[i + 1];
          out[o++] = c;
          copied = i + 2;
          i++;
        } else if (kind >= 88 && kind < 94 && nextIsLetter) {
          // dropped; the last letter of a run never is, so no word empties
        } else if (kind >= 94) {
          out[o++] = c;
          out[o++] = c;
        } else {
          String keys = NEIGHBOURS[(c | 0x20) - 'a'];
          char k = keys.charAt(rng.nextInt(keys.length()));
          out[o++] = c <= 'Z' ? (char) (k - 32) : k;
        }
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

  /** {@code before[i]}: the letters a typo may hit in c[0, i), for i ≤ n; one pass, no branch per letter. */
  static int[] eligibleBefore(char[] c, int n, int[] before) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      before[i] = count;
      char ch = c[i];
      int e = ch < 128 ? LETTER[ch] : 0;
      // tested in this order, every branch goes the same way but next to a combining mark
      if (i + 1 < n && c[i + 1] >= 0x300 && e != 0 && WordSpans.markAt(c, i + 1, n)) e = 0;
      count += e;
    }
    before[n] = count;
    return before;
  }

  /** The letters a typo may hit in c[f, t): ASCII letters not carrying a combining mark. */
  static int eligible(char[] c, int f, int t) {
    int count = 0;
    for (int i = f; i < t; i++) {
      char ch = c[i];
      if (ch < 128 ? LETTER[ch] != 0 && !WordSpans.markAt(c, i + 1, t) : false) count++;
    }
    return count;
  }

  static boolean isAsciiLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }
}
