package dev.sluice.scaling.analysis;

import dev.sluice.scaling.fit.ErrorCurve;
import dev.sluice.scaling.fit.Estimate;
import java.util.List;
import java.util.Locale;

/**
 * What an augmentation is worth in real images. At n training images the augmented arm reaches err_aug(n); the
 * control (no augmentation, same width) reaches that error at n' with err_none(n') = err_aug(n); the data
 * multiplier is m = n' / n. Its 95% interval pairs resample i of both curves. The control has only been measured
 * between nMin and nMax: when n' falls outside, m is reported as a bound ("> nMax/n", "< nMin/n"), with the
 * power law's extrapolated value beside it and labelled so, never silently.
 */
public final class DataMultiplier {
  /** Where n' lies against the control's measured range. */
  public enum Range {
    WITHIN,
    ABOVE,
    BELOW,
    NONE
  }

  /**
   * @param n training images of the augmented arm
   * @param multiplier m = n'/n from the full curves, with its bootstrap interval (null ends: no resamples)
   * @param range where n' lies against the control's measured images
   * @param bound nMax/n when ABOVE (m is more), nMin/n when BELOW (m is less), else NaN
   * @param augError err_aug(n) from the augmented arm's curve
   * @param controlError err_none(n) from the control's curve, at the same n
   */
  public record AtN(
      double n,
      Estimate multiplier,
      Range range,
      double bound,
      double augError,
      double controlError) {
    /** "2.1× (95% CI 1.6–2.9)", "> 4× (beyond the control's largest n; the fit extrapolates 6.2×, CI ...)". */
    public String display() {
      String ci = ci(multiplier);
      return switch (range) {
        case WITHIN -> String.format(Locale.ROOT, "%s× (%s)", num(multiplier.value()), ci);
        case ABOVE ->
            String.format(
                Locale.ROOT,
                "> %s× (the control never reaches this error within its measured %s images%s)",
                num(bound),
                num(n * bound),
                Double.isFinite(multiplier.value())
                    ? "; the power law extrapolates " + num(multiplier.value()) + "×, " + ci
                    : "");
        case BELOW ->
            String.format(
                Locale.ROOT,
                "< %s× (the control has this error already at its smallest measured n%s)",
                num(bound),
                Double.isFinite(multiplier.value()) && multiplier.value() > 0
                    ? "; the power law extrapolates " + num(multiplier.value()) + "×, " + ci
                    : "");
        case NONE -> "not defined (the control's curve does not fall with n)";
      };
    }
  }

  private DataMultiplier() {}

  public static AtN at(
      double n,
      ErrorCurve control,
      List<ErrorCurve> controlBoot,
      ErrorCurve aug,
      List<ErrorCurve> augBoot,
      double nMin,
      double nMax) {
    double target = aug.error(n);
    double needed = control.imagesFor(target);
    int k = Math.min(controlBoot.size(), augBoot.size());
    double[] m = new double[k];
    for (int i = 0; i < k; i++) m[i] = controlBoot.get(i).imagesFor(augBoot.get(i).error(n)) / n;
    // a relative tolerance: a point measured at nMax must count as within it
    Range range =
        Double.isNaN(needed)
            ? Range.NONE
            : needed > nMax * (1 + 1e-9)
                ? Range.ABOVE
                : needed < nMin * (1 - 1e-9) ? Range.BELOW : Range.WITHIN;
    double bound = range == Range.ABOVE ? nMax / n : range == Range.BELOW ? nMin / n : Double.NaN;
    return new AtN(n, Estimate.of(needed / n, m), range, bound, target, control.error(n));
  }

  static String ci(Estimate e) {
    if (e.ciLow() == null) return "no interval";
    return "95% CI "
        + num(e.ciLow())
        + "–"
        + (Double.isInfinite(e.ciHigh()) ? "∞" : num(e.ciHigh()));
  }

  static String num(double v) {
    if (Double.isInfinite(v)) return "∞";
    if (Double.isNaN(v)) return "n/a";
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
