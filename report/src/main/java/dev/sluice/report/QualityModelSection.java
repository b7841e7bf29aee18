package dev.sluice.report;

import dev.sluice.schemas.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's quality-model section (the manifest's {@code quality_model}): the classifier (version, weights
 * SHA-256, its held-out AUC and interval from training, the keep rule, the threshold the run applied, the documents
 * it removed, and its score histogram split into kept and removed), and the perplexity model (reference, order,
 * bucket cut points and the documents in each bucket, with the perplexity histogram). A line saying so without
 * the recipe's {@code quality_model}.
 */
final class QualityModelSection {
  static final String SCORE_REASON = "quality_model.score";
  static final String BUCKET_REASON = "quality_model.perplexity_bucket";
  private static final String REMOVED_COLOR = "#e8a19d";

  private QualityModelSection() {}

  /**
   * report.json's {@code quality_model}: the manifest's section, plus {@code removed} (documents per removal reason
   * of the step) and {@code score_threshold} (the classifier score the keep rule applied: {@code keep_min_score},
   * or the cut the run computed for {@code keep_top_fraction}; absent without a keep rule). Null without the
   * section.
   */
  static Map<String, Object> json(Manifest m) {
    if (m.quality_model() == null) return null;
    Map<String, Object> out = new LinkedHashMap<>(m.quality_model());
    Map<String, Long> removed = new LinkedHashMap<>();
    for (String reason : List.of(SCORE_REASON, BUCKET_REASON))
      removed.put(reason, m.counts().filtered().getOrDefault(reason, 0L));
    out.put("removed", removed);
    Double threshold = appliedThreshold(m.quality_model());
    if (threshold != null) out.put("score_threshold", threshold);
    return out;
  }

  private static Double appliedThreshold(Map<String, Object> qm) {
    Map<?, ?> c = map(qm.get("classifier"));
    if (c == null) return null;
    if (c.get("keep_min_score") instanceof Number n) return n.doubleValue();
    if (map(qm.get("cutoffs")) != null
        && map(qm.get("cutoffs")).get("score_threshold") instanceof Number n)
      return n.doubleValue();
    return null;
  }

  static void render(StringBuilder h, Report r) {
    h.append("<section id=\"quality-model\"><h2>Quality model</h2>");
    Map<String, Object> qm = r.quality_model();
    if (qm == null) {
      h.append("<p>None: the recipe has no <code>quality_model</code> section.</p></section>");
      return;
    }
    Map<?, ?> removed = map(qm.get("removed"));
    if (map(qm.get("classifier")) != null) classifier(h, r, qm, removed);
    if (map(qm.get("perplexity")) != null) perplexity(h, r, qm, removed);
    h.append("</section>");
  }

  private static void classifier(
      StringBuilder h, Report r, Map<String, Object> qm, Map<?, ?> removed) {
    Map<?, ?> c = map(qm.get("classifier"));
    long gone = num(removed.get(SCORE_REASON));
    Object threshold = qm.get("score_threshold");
    h.append("<h3>Classifier <code>")
        .append(Html.esc(str(c.get("version"))))
        .append("</code></h3><table>");
    row(
        h,
        "weights SHA-256",
        "<code class=\"hash\">" + Html.esc(str(c.get("weights_sha256"))) + "</code>");
    String from = c.containsKey("trained_from") ? "trained at run start from" : "copied from";
    row(
        h,
        from,
        "<code>"
            + Html.esc(
                str(c.containsKey("trained_from") ? c.get("trained_from") : c.get("copied_from")))
            + "</code> into <code>"
            + Html.esc(str(c.get("dir")))
            + "</code>");
    row(h, "held-out AUC (at training)", auc(c));
    row(h, "keep rule", keepRule(c));
    row(
        h,
        "score threshold applied",
        threshold instanceof Number t
            ? String.format(Locale.ROOT, "%.4f", t.doubleValue())
                + (c.get("keep_top_fraction") != null
                    ? " (the run's cut for the top fraction: the lower edge of its score bin)"
                    : " (documents scoring below it are removed)")
            : "none: every document is kept and scored");
    removedRow(
        h,
        r,
        gone,
        SCORE_REASON,
        "the score is column <code>" + Html.esc(str(c.get("column"))) + "</code>");
    h.append("</table>");
    Histogram scored = r.stats().signalsIn.get(RunStats.QUALITY_MODEL_SCORE);
    if (scored == null) return;
    Histogram out = r.stats().qualityModelRemoved;
    Histogram kept = scored.minus(out);
    h.append(
        "<div class=\"grid\"><figure><figcaption>classifier score of every scored document: blue kept by the keep rule, red"
            + " removed by it; the red line is the threshold applied</figcaption>");
    SvgHistogram.chart(
        h,
        scored,
        REMOVED_COLOR,
        kept,
        null,
        threshold instanceof Number t ? List.of(t.doubleValue()) : List.of());
    h.append("<div class=\"q\">kept ")
        .append(Html.fmt(kept.n))
        .append(", p50 ")
        .append(Html.g(kept.quantile(0.5)))
        .append(" · removed ")
        .append(Html.fmt(out.n));
    if (out.n > 0) h.append(", p50 ").append(Html.g(out.quantile(0.5)));
    h.append("</div></figure></div>");
  }

  private static String auc(Map<?, ?> c) {
    Map<?, ?> held =
        map(map(c.get("metrics")) == null ? null : map(c.get("metrics")).get("held_out"));
    if (held == null || !(held.get("auc") instanceof Number a)) return "not recorded in model.json";
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<b>%.3f</b>", a.doubleValue()));
    if (held.get("auc_ci") instanceof List<?> ci && ci.size() == 2) {
      double level = held.get("auc_ci_level") instanceof Number l ? l.doubleValue() : 0.95;
      s.append(
          String.format(
              Locale.ROOT,
              ", %.0f%% interval %.3f–%.3f",
              100 * level,
              ((Number) ci.get(0)).doubleValue(),
              ((Number) ci.get(1)).doubleValue()));
    }
    if (held.get("auc_ci_method") != null)
      s.append(" (").append(Html.esc(str(held.get("auc_ci_method")))).append(")");
    Map<?, ?> docs = map(held.get("documents"));
    if (docs != null)
      s.append("; held-out documents: ")
          .append(Html.esc(str(docs.get("positive"))))
          .append(" positive, ")
          .append(Html.esc(str(docs.get("negative"))))
          .append(" negative");
    return s.toString();
  }

  private static String keepRule(Map<?, ?> c) {
    if (c.get("keep_top_fraction") instanceof Number f)
      return "keep the top "
          + Html.pct(f.doubleValue())
          + " by score (<code>keep.top_fraction</code>)";
    if (c.get("keep_min_score") instanceof Number s)
      return String.format(
          Locale.ROOT,
          "keep a score of at least %.4g (<code>keep.min_score</code>)",
          s.doubleValue());
    return "none (<code>keep</code> not set)";
  }

  private static void perplexity(
      StringBuilder h, Report r, Map<String, Object> qm, Map<?, ?> removed) {
    Map<?, ?> p = map(qm.get("perplexity"));
    Map<?, ?> cut = map(qm.get("cutoffs"));
    h.append("<h3>Perplexity (reference model <code>")
        .append(Html.esc(str(p.get("version"))))
        .append("</code>)</h3><table>");
    row(
        h,
        "reference model",
        "character "
            + Html.esc(str(p.get("order")))
            + "-gram Kneser-Ney, "
            + (p.containsKey("copied_from")
                ? "copied from <code>" + Html.esc(str(p.get("copied_from"))) + "</code>"
                : "trained on "
                    + Html.fmt(num(p.get("training_docs")))
                    + " documents of <code>"
                    + Html.esc(
                        p.get("reference") instanceof List<?> files
                            ? String.join(", ", files.stream().map(String::valueOf).toList())
                            : str(p.get("reference")))
                    + "</code>")
            + ", in <code>"
            + Html.esc(str(p.get("file")))
            + "</code>");
    List<?> pct = p.get("bucket_percentiles") instanceof List<?> l ? l : List.of();
    Double headMax =
        cut != null && cut.get("perplexity_head_max") instanceof Number n ? n.doubleValue() : null;
    Double midMax =
        cut != null && cut.get("perplexity_middle_max") instanceof Number n
            ? n.doubleValue()
            : null;
    if (pct.size() == 2)
      row(
          h,
          "bucket cut points",
          String.format(
                  Locale.ROOT,
                  "the run's %.0fth and %.0fth percentiles",
                  100 * ((Number) pct.get(0)).doubleValue(),
                  100 * ((Number) pct.get(1)).doubleValue())
              + (headMax == null
                  ? ""
                  : ": perplexity " + Html.g(headMax) + " and " + Html.g(midMax))
              + " per character");
    long gone = num(removed.get(BUCKET_REASON));
    removedRow(
        h,
        r,
        gone,
        BUCKET_REASON,
        "columns <code>perplexity</code>, <code>perplexity_bucket</code>");
    h.append(
        "</table><table><tr><th>bucket</th><th>perplexity per character</th><th>documents</th>"
            + "<th>share</th><th>recipe</th></tr>");
    Map<?, ?> docs = map(p.get("bucket_documents"));
    List<?> keep = p.get("keep_buckets") instanceof List<?> k ? k : List.of();
    long total = 0;
    if (docs != null) for (Object v : docs.values()) total += num(v);
    String[] ranges = {
      headMax == null ? "" : "≤ " + Html.g(headMax),
      headMax == null ? "" : Html.g(headMax) + " – " + Html.g(midMax),
      midMax == null ? "" : "&gt; " + Html.g(midMax)
    };
    int i = 0;
    for (String b : List.of("head", "middle", "tail")) {
      long n = docs == null ? 0 : num(docs.get(b));
      h.append("<tr><td>")
          .append(b)
          .append("</td><td>")
          .append(ranges[i++])
          .append("</td><td class=\"n\">")
          .append(Html.fmt(n))
          .append("</td><td>")
          .append(Html.pct(n / (double) Math.max(1, total)))
          .append("</td><td>")
          .append(keep.contains(b) ? "kept" : "<b>removed</b>")
          .append("</td></tr>");
    }
    h.append(
        "</table><p class=\"check\">A document is given its bucket after the classifier's keep rule: these are"
            + " the documents that rule kept (every scored document without one). The cut points are percentiles"
            + " of every document the ranking saw (after <code>keep.min_score</code>, before"
            + " <code>keep.top_fraction</code>).</p>");
    Histogram all = r.stats().signalsIn.get(RunStats.QUALITY_MODEL_PERPLEXITY);
    if (all == null) return;
    h.append(
        "<div class=\"grid\"><figure><figcaption>perplexity per character (grey: every scored document, blue: kept by the run;"
            + " log scale); red lines: the bucket cut points</figcaption>");
    SvgHistogram.chart(
        h,
        all,
        SvgHistogram.GREY,
        r.stats().signalsOut.get(RunStats.QUALITY_MODEL_PERPLEXITY),
        null,
        headMax == null ? List.of() : List.of(headMax, midMax));
    h.append("</figure></div>");
  }

  /** The "documents removed" row: how many, their share of the input, their reason, and where to look. */
  private static void removedRow(
      StringBuilder h, Report r, long gone, String reason, String whereHtml) {
    row(
        h,
        "documents removed",
        "<b>"
            + Html.fmt(gone)
            + "</b> ("
            + Html.pct(gone / (double) Math.max(1, r.counts().input()))
            + " of the input), <code>filtered:"
            + reason
            + "</code>; "
            + whereHtml);
  }

  private static void row(StringBuilder h, String label, String html) {
    h.append("<tr><th>")
        .append(Html.esc(label))
        .append("</th><td>")
        .append(html)
        .append("</td></tr>");
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : null;
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
