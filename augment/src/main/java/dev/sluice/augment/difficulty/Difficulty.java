package dev.sluice.augment.difficulty;

import java.util.List;

/** The components a recipe may name, each "higher = harder", and how a document's percentiles combine. */
public final class Difficulty {
  private Difficulty() {}

  public static final List<String> COMPONENTS =
      List.of("length", "rarity", "perplexity", "quality");

  /** Whether the component needs a {@link DifficultyModel} (rarity, perplexity). */
  public static boolean needsModel(String component) {
    switch (component) {
      case "rarity":
      case "perplexity":
        return true;
      case "length":
      case "quality":
        return false;
      default:
        throw new IllegalArgumentException(
            "unknown difficulty component '" + component + "'; expected one of " + COMPONENTS);
    }
  }

  /** length: number of code points, as a double. */
  public static double length(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * quality: 1 − score (score in [0, 1] from the quality rules; higher quality = easier). NaN stays NaN (no
   * score: the component is left out of {@link #combine}); a score outside [0, 1] is an error.
   */
  public static double quality(double qualityScore) {
    if (Double.isNaN(qualityScore)) return Double.NaN;
    if (qualityScore < 0 || qualityScore > 1) {
      throw new IllegalArgumentException("quality score must be in [0, 1], got " + qualityScore);
    }
    return 1 - qualityScore;
  }

  /**
   * The difficulty of a document from its component percentiles (each in [0, 1]; NaN ones ignored): their mean;
   * NaN when all are NaN (or there are none).
   */
  public static double combine(double[] percentiles) {
    double sum = 0;
    int n = 0;
    for (double p : percentiles) {
      if (Double.isNaN(p)) continue;
      sum += p;
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
