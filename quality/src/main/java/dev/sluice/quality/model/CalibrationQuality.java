package dev.sluice.quality.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How well probabilities match outcomes on held-out documents, before calibration (the raw sigmoid) and after: the
 * Brier score (mean squared error of the probability against the 0/1 label) and the expected calibration error
 * (ECE: documents put into {@value #BINS} equal-width probability bins; the document-weighted mean over bins of
 * |mean probability − share of positives|). Each figure has a percentile-bootstrap 95% interval resampling the
 * documents, and so does the change (after − before), from the same resamples (paired): an interval of the change
 * that excludes 0 says the calibration helped on these documents, not merely that the two figures differ.
 */
public final class CalibrationQuality {
  public static final int BINS = 10;

  private CalibrationQuality() {}

  /** A figure and its interval. */
  public record Estimate(double value, double lo, double hi) {}

  /** Brier score and ECE before and after calibration, and their changes (after − before). */
  public record Report(
      Estimate brierRaw,
      Estimate brier,
      Estimate brierChange,
      Estimate eceRaw,
      Estimate ece,
      Estimate eceChange,
      int documents,
      int resamples,
      double level) {}

  public static Report of(
      double[] raw, double[] calibrated, boolean[] positive, int resamples, long seed) {
    int n = raw.length;
    if (n == 0 || calibrated.length != n || positive.length != n) {
      throw new IllegalArgumentException("need the same n > 0 probabilities and labels");
    }
    double[][] draws = new double[6][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    int[] pick = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int k = 0; k < n; k++) pick[k] = random.nextInt(n);
      double br = brier(raw, positive, pick);
      double bc = brier(calibrated, positive, pick);
      double er = ece(raw, positive, pick);
      double ec = ece(calibrated, positive, pick);
      draws[0][r] = br;
      draws[1][r] = bc;
      draws[2][r] = bc - br;
      draws[3][r] = er;
      draws[4][r] = ec;
      draws[5][r] = ec - er;
    }
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    double br = brier(raw, positive, all);
    double bc = brier(calibrated, positive, all);
    double er = ece(raw, positive, all);
    double ec = ece(calibrated, positive, all);
    return new Report(
        estimate(br, draws[0]),
        estimate(bc, draws[1]),
        estimate(bc - br, draws[2]),
        estimate(er, draws[3]),
        estimate(ec, draws[4]),
        estimate(ec - er, draws[5]),
        n,
        resamples,
        LEVEL);
  }

  static final double LEVEL = 0.95;

  /** The Brier score of the documents {@code at} (a document may appear more than once). */
  static double brier(double[] p, boolean[] positive, int[] at) {
    double s = 0;
    for (int i : at) {
      double d = p[i] - (positive[i] ? 1 : 0);
      s += d * d;
    }
    return s / at.length;
  }

  /** The expected calibration error of the documents {@code at}, over {@value #BINS} equal-width bins. */
  static double ece(double[] p, boolean[] positive, int[] at) {
    double[] sumP = new double[BINS];
    int[] pos = new int[BINS];
    int[] count = new int[BINS];
    for (int i : at) {
      int b = Math.min(BINS - 1, (int) (p[i] * BINS));
      sumP[b] += p[i];
      if (positive[i]) pos[b]++;
      count[b]++;
    }
    double e = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) e += Math.abs(sumP[b] - pos[b]); // count × |mean p − share positive|
    }
    return e / at.length;
  }

  private static Estimate estimate(double value, double[] draws) {
    double[] s = draws.clone();
    Arrays.sort(s);
    double tail = (1 - LEVEL) / 2;
    return new Estimate(value, Auc.quantile(s, tail), Auc.quantile(s, 1 - tail));
  }
}
