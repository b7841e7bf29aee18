package dev.sluice.augment.text;

import java.util.Random;

/** Random strings mixing the scripts and the hard cases ops must survive (Lucene's checkRandomData habit). */
final class RandomText {
  private RandomText() {}

  private static final String[] PIECES = {
    "a",
    "e",
    "I",
    "l",
    "m",
    "rn",
    "cl",
    "vv",
    "O",
    "0",
    "S",
    "5",
    "B",
    "8",
    "x",
    "Q",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ". ",
    "! ",
    "? ",
    ",",
    "'",
    "-",
    "’",
    "\u0301",
    "\u0308",
    "\u20DD",
    "\uFE0F",
    "😀",
    "👍🏽",
    "\uD835\uDC00",
    "ب",
    "ت",
    "؟",
    "क",
    "\u093F",
    "\u094D",
    "।",
    "中",
    "文",
    "。",
    "\u200C",
    "\u200D",
    "e\u0301",
    "[MASK]",
    "1"
  };

  static String of(Random r, int pieces) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(pieces + 1);
    for (int i = 0; i < n; i++) sb.append(PIECES[r.nextInt(PIECES.length)]);
    return sb.toString();
  }
}
