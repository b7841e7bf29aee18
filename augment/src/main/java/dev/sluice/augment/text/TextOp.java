package dev.sluice.augment.text;

/**
 * One augmentation op: a pure function of (text, seeded generator) to text, with its rate fixed at construction.
 * Ops edit a {@link Draft}, so a policy tokenizes a document once and renders it once however many ops run; {@link
 * #apply(String, Rng)} is the same op on a plain string.
 */
interface TextOp {
  /** The op's name in {@link AugmentPolicy#OPS}. */
  String name();

  /** Applies the op; true when it changed the text, false when it could not (one word, no synonyms, ...). */
  boolean apply(Draft draft, Rng rng);

  /** The op on a string: the very same instance back when it could not change it. */
  default String apply(String text, Rng rng) {
    Draft d = Draft.of(text);
    return apply(d, rng) ? d.text() : text;
  }

  /** EDA's count of edits for a rate α over l words: max(1, round(α·l)). */
  static int edits(double rate, int words) {
    return Math.max(1, (int) Math.round(rate * words));
  }
}
