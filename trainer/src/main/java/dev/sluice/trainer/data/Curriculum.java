package dev.sluice.trainer.data;

import dev.sluice.core.cli.UsageException;
import java.util.Locale;

/**
 * Competence-based curriculum pacing (Platanios et al. 2019, "Competence-based Curriculum Learning for Neural
 * Machine Translation"): at training step t the model has competence c(t) in [start, 1], and only documents whose
 * score is at most c(t) are packed into sequences. The score is the document's difficulty percentile (the curation
 * recipe's {@code difficulty} column, in [0, 1]) for {@code easy_first}, one minus it for {@code hard_first} (the
 * anti-curriculum), and a seeded uniform number per document id for {@code random}: the control with the same
 * pacing and the same growth of the pool, only without the ordering (Wu, Dyer & Neyshabur 2021 found it often
 * matches easy-to-hard). A document without a difficulty (null or NaN) scores 1: it joins at full competence.
 *
 * <p>Pacing functions, with T = {@code until} x total steps and c0 = {@code start}: linear c = c0 + (1 - c0) t / T;
 * sqrt c = sqrt(c0^2 + (1 - c0^2) t / T) (Platanios' "sqrt", more time on the hardest data); step c = c0 + (1 -
 * c0) floor(k t / T) / k with k = {@code stages}; all reach 1 at t = T and stay there.
 *
 * <p>Everything is a pure function of (seed, step, document id, difficulty), so a resumed run is exact: the step
 * comes from the stream's count of sequences handed out, which the cursor already holds.
 */
public record Curriculum(
    Pacing pacing, Order order, double start, double until, int stages, int totalSteps, int batch) {

  public enum Pacing {
    LINEAR,
    SQRT,
    STEP
  }

  public enum Order {
    EASY_FIRST,
    HARD_FIRST,
    RANDOM;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this order reads the difficulty column (random does not). */
    public boolean needsDifficulty() {
      return this != RANDOM;
    }
  }

  public Curriculum {
    if (!(start > 0 && start <= 1)) {
      throw new UsageException("curriculum.start must be in (0, 1], got " + start);
    }
    if (!(until > 0 && until <= 1)) {
      throw new UsageException("curriculum.until must be in (0, 1], got " + until);
    }
    if (stages < 1) throw new UsageException("curriculum.stages must be >= 1, got " + stages);
    if (totalSteps < 1 || batch < 1) {
      throw new IllegalArgumentException("steps " + totalSteps + ", batch " + batch);
    }
  }

  /** The competence after {@code sequences} training sequences have been handed out. */
  public double competenceAfter(long sequences) {
    return competence(sequences / batch);
  }

  /** c(step), in [start, 1]. */
  public double competence(long step) {
    double horizon = Math.max(1.0, until * totalSteps);
    double x = Math.min(1.0, step / horizon);
    double c =
        switch (pacing) {
          case LINEAR -> start + (1 - start) * x;
          case SQRT -> Math.sqrt(start * start + (1 - start * start) * x);
          case STEP -> start + (1 - start) * Math.floor(stages * x) / stages;
        };
    return Math.min(1.0, c);
  }

  /** The document's score in [0, 1] under this order; it is eligible while score <= competence. */
  public double score(String id, double difficulty, long seed) {
    return switch (order) {
      case EASY_FIRST -> Double.isNaN(difficulty) ? 1.0 : clamp(difficulty);
      case HARD_FIRST -> Double.isNaN(difficulty) ? 1.0 : 1.0 - clamp(difficulty);
      case RANDOM -> uniform(id, seed);
    };
  }

  /** A seeded uniform number in [0, 1) from the document id alone (FNV-1a over its chars, then SplitMix). */
  static double uniform(String id, long seed) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001B3L;
    }
    return (SplitMix.derive(seed, 0xC0AA1C, h) >>> 11) * 0x1.0p-53;
  }

  private static double clamp(double d) {
    return Math.max(0.0, Math.min(1.0, d));
  }
}
