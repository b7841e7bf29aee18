package dev.sluice.quality.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test texts built to exact sizes. */
final class Texts {
  private Texts() {}

  /** A prose-like line of {@code n} distinct words ending in a period, unique per {@code seed}. */
  static String line(int n, int seed) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) b.append(' ');
      b.append(i == 0 ? "The" : word(seed * 1000 + i));
    }
    return b.append('.').toString();
  }

  static String word(int i) {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    StringBuilder b = new StringBuilder("w");
    int x = i;
    do {
      b.append(letters.charAt(x % 26));
      x /= 26;
    } while (x > 0);
    while (b.length() < 5) b.append('e');
    return b.toString();
  }

  private static final String[] VOCAB =
      ("council town people plan river garden window morning evening "
              + "letter teacher student market bridge winter summer harbour mountain forest village doctor engineer "
              + "question answer history science music painting kitchen station journey weather harvest library "
              + "friend neighbour captain sailor farmer baker writer reader story chapter lesson problem reason "
              + "quiet bright careful ancient gentle heavy simple strange modern narrow")
          .split(" ");
  private static final String[] GLUE = {
    "the", "and", "of", "to", "with", "that", "have", "be", "in", "a"
  };

  /** A well-formed English document (varied sentences, one per line) that passes every default rule. */
  static String goodDoc(int lines) {
    Random r = new Random(lines);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      StringBuilder b = new StringBuilder("The");
      int n = 14 + r.nextInt(6);
      for (int k = 1; k < n; k++) {
        b.append(' ')
            .append(k % 2 == 0 ? GLUE[r.nextInt(GLUE.length)] : VOCAB[r.nextInt(VOCAB.length)]);
      }
      out.add(b.append('.').toString());
    }
    return String.join("\n", out);
  }

  static String random(Random r, int maxLen) {
    int n = r.nextInt(maxLen + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      if (k == 0) b.append('\n');
      else if (k == 1) b.append(' ');
      else if (k == 2) b.append((char) r.nextInt(0x3000));
      else if (k == 3) b.append(".!?#-…{[".charAt(r.nextInt(8)));
      else b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }
}
