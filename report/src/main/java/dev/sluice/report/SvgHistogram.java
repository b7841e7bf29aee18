package dev.sluice.report;

import static dev.sluice.report.Html.g;

import java.util.List;
import java.util.Locale;

/** The report's histograms as inline SVG (no script): bars, a baseline outline and threshold lines. */
final class SvgHistogram {
  private SvgHistogram() {}

  static final String GREY = "#c8ccd2";

  /** Grey bars for {@code a}, blue for {@code c}, an orange outline for {@code base}. */
  static void chart(
      StringBuilder h, Histogram a, Histogram c, Histogram base, List<Double> thresholds) {
    chart(h, a, GREY, c, base, thresholds);
  }

  /**
   * An SVG histogram into {@code h}: bars of {@code a} in {@code aColor}, blue bars of {@code c} over them (so for
   * {@code c} a subset of {@code a}, what shows of {@code a} is the rest), an orange outline for {@code base}
   * (null: none) and red lines at {@code thresholds}.
   */
  static void chart(
      StringBuilder h,
      Histogram a,
      String aColor,
      Histogram c,
      Histogram base,
      List<Double> thresholds) {
    int w = 360;
    int ht = 120;
    int bins = Histogram.BINS;
    double bw = (double) w / bins;
    long max = 1;
    for (Histogram x : new Histogram[] {a, c, base})
      if (x != null) for (long v : x.counts) max = Math.max(max, v);
    h.append("<svg viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht + 16)
        .append("\" role=\"img\">");
    for (int i = 0; i < bins; i++) {
      bar(h, a, i, bw, ht, max, aColor);
      if (c != null) bar(h, c, i, bw, ht, max, "#2f6fdb");
    }
    if (base != null) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < bins; i++) {
        double y = ht - ht * (base.counts[i] / (double) max);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", i * bw, y, (i + 1) * bw, y));
      }
      h.append("<polyline fill=\"none\" stroke=\"#e8871e\" stroke-width=\"1.5\" points=\"")
          .append(pts)
          .append("\"/>");
    }
    for (double t : thresholds) {
      double x = (a.bin(t) + frac(a, t)) * bw;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#d0312d\" "
                  + "stroke-width=\"1.5\"/>",
              x,
              x,
              ht));
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"0\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" "
                + "text-anchor=\"end\">%s</text></svg>",
            ht + 13,
            g(a.lo),
            w,
            ht + 13,
            g(a.hi)));
  }

  private static double frac(Histogram hs, double t) {
    int i = hs.bin(t);
    double lo = hs.edge(i);
    double hi = hs.edge(i + 1);
    return hi > lo ? Math.max(0, Math.min(1, (t - lo) / (hi - lo))) : 0;
  }

  private static void bar(
      StringBuilder h, Histogram x, int i, double bw, int ht, long max, String color) {
    if (x.counts[i] == 0) return;
    double bh = Math.max(1, ht * (x.counts[i] / (double) max));
    h.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s–%s: %d</title></rect>",
            i * bw + 0.5,
            ht - bh,
            bw - 1,
            bh,
            color,
            g(x.edge(i)),
            g(x.edge(i + 1)),
            x.counts[i]));
  }
}
