package dev.sluice.scaling.analysis;

import dev.sluice.scaling.analysis.ImageAnalysis.Curve;
import dev.sluice.scaling.analysis.ImageAnalysis.Multipliers;
import dev.sluice.scaling.analysis.ImageAnalysis.VsWider;
import dev.sluice.scaling.fit.Estimate;
import java.util.List;
import java.util.Locale;

/** The image experiment's verdict in plain words: each sentence names its numbers' intervals and its control. */
final class ImageVerdict {
  private ImageVerdict() {}

  static String headline(String label, String controlLabel, Multipliers m, String errorName) {
    DataMultiplier.AtN last = m.atN().get(m.atN().size() - 1);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s is worth %s more real images at n = %,.0f (width %d; %s %.4f against %.4f for %s at the same n)",
            label,
            last.display(),
            last.n(),
            m.width(),
            errorName,
            last.augError(),
            last.controlError(),
            controlLabel));
    if (last.range() == DataMultiplier.Range.WITHIN) b.append(shownNote(last.multiplier()));
    b.append('.');
    if (last.range() != DataMultiplier.Range.WITHIN) {
      for (int i = m.atN().size() - 2; i >= 0; i--) {
        DataMultiplier.AtN a = m.atN().get(i);
        if (a.range() == DataMultiplier.Range.WITHIN) {
          b.append(
              String.format(
                  Locale.ROOT,
                  " Within the measured range, the largest n it can be read at is n = %,.0f: %s%s.",
                  a.n(),
                  a.display(),
                  shownNote(a.multiplier())));
          break;
        }
      }
    }
    return b.toString();
  }

  static String shownNote(Estimate m) {
    if (m.ciLow() == null) return "";
    if (m.ciLow() > 1) return "";
    if (m.ciHigh() < 1) return " — it costs real images: the interval is below 1";
    return " — not shown to help: the interval includes 1";
  }

  static String wider(String label, String controlLabel, VsWider v, String errorName) {
    String who =
        v.gain().ciLow() == null
            ? "no interval"
            : v.gain().ciLow() > 0
                ? label + " beats the wider model"
                : v.gain().ciHigh() < 0
                    ? "the wider model beats " + label
                    : "neither is shown to win (the interval includes 0)";
    return String.format(
        Locale.ROOT,
        "%s at width %d against %s at width %d (%.2f× the parameters), n = %,.0f: %s %.4f against %.4f, a gain of %+.4f (%s): %s.",
        label,
        v.width(),
        controlLabel,
        v.wider(),
        v.paramsRatio(),
        v.n(),
        errorName,
        v.augError(),
        v.widerError(),
        v.gain().value(),
        v.gain().ciLow() == null
            ? "no interval"
            : String.format(
                Locale.ROOT, "95%% CI %+.4f to %+.4f", v.gain().ciLow(), v.gain().ciHigh()),
        who);
  }

  static String intervals(List<Curve> curves) {
    long seeds = curves.stream().filter(c -> c.ci().equals("seeds")).count();
    long residual = curves.stream().filter(c -> c.ci().equals("residuals")).count();
    long none = curves.stream().filter(c -> c.ci().equals("none")).count();
    return String.format(
        Locale.ROOT,
        "Intervals: 95%% bootstrap percentiles; %d curve(s) resample their seeds at every n (two seeds or more per point), %d resample the residuals of their three-parameter fit (one seed per point: a model-based interval, narrower than the seed-to-seed noise may be), %d have none.",
        seeds,
        residual,
        none);
  }
}
