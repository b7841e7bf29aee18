package dev.sluice.quality.dedup;

import net.openhft.hashing.LongTupleHashFunction;

/** The exact-duplicate key of a document: a 128-bit xxHash3 of its normalised text, as 32 hex digits. */
public final class ExactKey {
  private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

  private ExactKey() {}

  public static String of(String normalizedText) {
    long[] h = XX128.hashChars(normalizedText);
    return String.format(java.util.Locale.ROOT, "%016x%016x", h[0], h[1]);
  }
}
