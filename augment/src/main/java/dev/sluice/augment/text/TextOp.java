package dev.sluice.augment.text;

/**
 * One augmentation op: a pure function of (text, seeded generator) to text, with its rate fixed at construction.
 * {@link #apply} returns the very same String instance when it could not change the text (one word, no synonyms,
 * nothing to shuffle), so a policy tells "changed" from "unchanged" without comparing.
 */
interface TextOp {
  /** The op's name in {@link AugmentPolicy#OPS}. */
  String name();

  String apply(String text, Rng rng);

  /** EDA's count of edits for a rate α over l words: max(1, round(α·l)). */
  static int edits(double rate, int words) {
    return Math.max(1, (int) Math.round(rate * words));
  }
}
