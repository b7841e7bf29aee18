package dev.sluice.augment.text;

/**
 * Keyboard typos, the "keyboard" noise of nlpaug's KeyboardAug and of typo-robustness work (Belinkov and Bisk,
 * "Synthetic and Natural Noise Both Break Neural Machine Translation", ICLR 2018): each ASCII letter is hit with
 * probability {@code rate}; a hit is mostly (80%) a QWERTY neighbour of the key in the same case, else a swap with
 * the next letter (8%), a dropped letter (6%, never a one-letter word) or a doubled one (6%). Letters outside ASCII
 * and letters carrying a combining mark are never touched. The gap to the next hit is drawn once per hit
 * (geometric), not once per letter.
 */
final class KeyboardTypos implements TextOp {
  private static final String[] NEIGHBOURS = new String[26];

  static {
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

  KeyboardTypos(double rate) {
    this.rate = rate;
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
  public String apply(String text, Rng rng) {
    int n = text.length();
    int skip = rng.failuresBeforeSuccess(rate);
    StringBuilder sb = null;
    int at = 0; // next char of text to copy
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!isAsciiLetter(c) || WordSpans.markAt(text, i + 1)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      skip = rng.failuresBeforeSuccess(rate);
      if (sb == null) sb = new StringBuilder(n + 16);
      sb.append(text, at, i);
      at = i + 1;
      int kind = rng.nextInt(100);
      boolean nextIsLetter =
          i + 1 < n && isAsciiLetter(text.charAt(i + 1)) && !WordSpans.markAt(text, i + 2);
      boolean prevIsLetter = i > 0 && isAsciiLetter(text.charAt(i - 1));
      if (kind >= 80 && kind < 88 && nextIsLetter && text.charAt(i + 1) != c) {
        sb.append(text.charAt(i + 1)).append(c);
        at = i + 2;
        i++;
      } else if (kind >= 88 && kind < 94 && (nextIsLetter || prevIsLetter)) {
        // dropped: nothing appended
      } else if (kind >= 94) {
        sb.append(c).append(c);
      } else {
        String keys = NEIGHBOURS[(c | 0x20) - 'a'];
        char k = keys.charAt(rng.nextInt(keys.length()));
        sb.append(c <= 'Z' ? (char) (k - 32) : k);
      }
    }
    if (sb == null) return text;
    return sb.append(text, at, n).toString();
  }

  static boolean isAsciiLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }
}
