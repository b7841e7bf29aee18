package dev.sluice.report;

import static dev.sluice.report.Html.CSS;
import static dev.sluice.report.Html.esc;
import static dev.sluice.report.Html.fmt;
import static dev.sluice.report.Html.g;
import static dev.sluice.report.Html.num;
import static dev.sluice.report.Html.pct;
import static dev.sluice.report.Html.section;
import static dev.sluice.report.Html.signed;
import static dev.sluice.report.Html.thumbnail;

import dev.sluice.schemas.Manifest;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) drawn from report.json only.
 * With a baseline it shows both runs side by side with deltas. Sections: verdict, funnel, signals, quality-model,
 * languages, lengths, dedup, decontamination, pii, examples, dead-letters, shards, run. The overview sections are
 * drawn here; the others by a class of their own each ({@link TextSections}, {@link DetailSections}, {@link
 * QualityModelSection} and the like), all with {@link Html}'s formatting and {@link SvgHistogram}'s charts.
 */
public final class ReportHtml {
  public static final List<String> SECTIONS =
      List.of(
          "verdict",
          "funnel",
          "signals",
          "quality-model",
          "languages",
          "lengths",
          "dedup",
          "decontamination",
          "pii",
          "augmentation",
          "curriculum",
          "examples",
          "dead-letters",
          "shards",
          "run");

  /** Sections an image run has nothing for (its duplicate kinds are exact and perceptual). */
  private static final List<String> TEXT_ONLY =
      List.of("languages", "lengths", "curriculum", "decontamination", "pii", "quality-model");

  private final Report r;
  private final Report b;
  private final StringBuilder h = new StringBuilder(64 * 1024);

  private ReportHtml(Report r, Report base) {
    this.r = r;
    this.b = base;
  }

  public static String render(Report r, Report base) {
    return new ReportHtml(r, base).page();
  }

  private String page() {
    String title =
        "Sluice report: " + r.run().get("name") + (b != null ? " vs " + b.run().get("name") : "");
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title))
        .append(
            "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>")
        .append(CSS)
        .append("</style></head><body><header><h1>")
        .append(esc(title))
        .append("</h1><nav>");
    for (String s : SECTIONS) {
      if (images() && TEXT_ONLY.contains(s)) continue;
      h.append("<a href=\"#").append(s).append("\">").append(s).append("</a>");
    }
    h.append("</nav></header><main>");
    VerdictSection.render(h, r, b);
    funnel();
    WarcSection.render(h, r);
    signals();
    if (!images()) {
      QualityModelSection.render(h, r);
      TextSections.languages(h, r, b);
      TextSections.lengths(h, r, b);
    }
    dedup();
    if (!images()) DecontamSection.render(h, r);
    if (!images()) PiiSection.render(h, r);
    AugmentSections.augmentation(h, r);
    if (!images()) AugmentSections.curriculum(h, r);
    DetailSections.examples(h, r, b);
    DetailSections.deadLetters(h, r);
    DetailSections.shards(h, r);
    DetailSections.run(h, r, b);
    h.append("</main><footer>sluice ")
        .append(esc(String.valueOf(r.run().get("sluice_version"))))
        .append(" · report schema ")
        .append(Report.SCHEMA)
        .append("</footer></body></html>\n");
    return h.toString();
  }

  /** An image run: its manifest counts perceptual duplicates (a text run's never has that key). */
  private boolean images() {
    return images(r);
  }

  static boolean images(Report r) {
    return r.counts().duplicate().containsKey("perceptual");
  }

  private String duplicateKinds() {
    return duplicateKinds(r);
  }

  /** The manifest's duplicate counts by kind, as "exact 12, near 3". */
  static String duplicateKinds(Report r) {
    StringBuilder s = new StringBuilder();
    r.counts()
        .duplicate()
        .forEach(
            (k, n) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(fmt(n)));
    return s.toString();
  }

  private void funnel() {
    section(h, "funnel", "Funnel");
    h.append(
            "<table><tr><th>stage</th><th>in</th><th>out</th><th>removed</th><th>share of input</th>"
                + "<th>CPU s</th><th>docs/s</th>")
        .append(b != null ? "<th>baseline out</th><th>Δ out</th>" : "")
        .append("</tr>");
    double in = Math.max(1, r.counts().input());
    for (Manifest.Stage s : r.stages()) {
      h.append("<tr><td>")
          .append(esc(s.name()))
          .append("</td>")
          .append(num(s.in()))
          .append(num(s.out()))
          .append(num(s.in() - s.out()))
          .append("<td>")
          .append(pct((s.in() - s.out()) / in))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f", s.seconds()))
          .append("</td><td>")
          .append(s.seconds() > 0 ? fmt(Math.round(s.in() / s.seconds())) : "—")
          .append("</td>");
      if (b != null) {
        Manifest.Stage o =
            b.stages().stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
        h.append(
            o == null
                ? "<td>—</td><td>—</td>"
                : num(o.out()) + "<td>" + signed(s.out() - o.out()) + "</td>");
      }
      h.append("</tr>");
    }
    h.append(
            "</table><h3>Every reason</h3><table><tr><th>reason</th><th>documents</th><th>share</th>"
                + "<th>characters</th>")
        .append(b != null ? "<th>baseline</th><th>Δ</th>" : "")
        .append("</tr>");
    for (Report.Reason x : r.reasons()) {
      h.append("<tr><td><code>")
          .append(esc(x.key()))
          .append("</code></td>")
          .append(num(x.docs()))
          .append("<td>")
          .append(pct(x.share()))
          .append("</td>")
          .append(num(x.chars()));
      if (b != null) {
        long o =
            b.reasons().stream()
                .filter(y -> y.key().equals(x.key()))
                .mapToLong(Report.Reason::docs)
                .sum();
        h.append(num(o)).append("<td>").append(signed(x.docs() - o)).append("</td>");
      }
      h.append("</tr>");
    }
    Manifest.Counts c = r.counts();
    h.append("</table><p class=\"check\">input ")
        .append(fmt(c.input()))
        .append(c.augmented() > 0 ? " + augmented " + fmt(c.augmented()) : "")
        .append(" = kept ")
        .append(fmt(c.kept()))
        .append(" + filtered ")
        .append(fmt(c.filteredTotal()))
        .append(" + duplicate ")
        .append(fmt(c.duplicateTotal()))
        .append(" + dead letters ")
        .append(fmt(c.dead_letter()))
        .append("</p>")
        .append("</section>");
  }

  private void signals() {
    section(h, "signals", "Quality signals");
    h.append("<p>Grey: every scored document; blue: kept documents");
    if (b != null) h.append("; orange outline: kept documents of the baseline");
    h.append(
        ". Red lines: the recipe's thresholds. p50 and p90 are read from the histograms.</p><div class=\"grid\">");
    TreeSet<String> names = new TreeSet<>(r.stats().signalsIn.keySet());
    for (String n : names) {
      Histogram before = r.stats().signalsIn.get(n);
      Histogram after = r.stats().signalsOut.get(n);
      Histogram base = b == null ? null : b.stats().signalsOut.get(n);
      h.append("<figure><figcaption><code>").append(esc(n)).append("</code></figcaption>");
      SvgHistogram.chart(h, before, after, base, r.thresholds().getOrDefault(n, List.of()));
      h.append("<div class=\"q\">all: p50 ")
          .append(g(before.quantile(0.5)))
          .append(", p90 ")
          .append(g(before.quantile(0.9)));
      if (after != null)
        h.append(" · kept: p50 ")
            .append(g(after.quantile(0.5)))
            .append(", p90 ")
            .append(g(after.quantile(0.9)));
      if (base != null) h.append(" · baseline kept p50 ").append(g(base.quantile(0.5)));
      h.append("</div></figure>");
    }
    if (names.isEmpty()) h.append("<p>No quality rule set ran.</p>");
    h.append("</div></section>");
  }

  private void dedup() {
    section(h, "dedup", "Deduplication");
    h.append("<p>")
        .append(duplicateKinds().replace(", ", " · "))
        .append(images() ? " · perceptual clusters kept: " : " · near-duplicate clusters kept: ")
        .append(fmt(r.stats().clusterSizes.n))
        .append(
            "</p><figure><figcaption>cluster size of kept survivors "
                + "(clusters of 2 or more; log scale)</figcaption>");
    SvgHistogram.chart(
        h, r.stats().clusterSizes, null, b == null ? null : b.stats().clusterSizes, List.of());
    h.append("</figure><h3>Largest clusters</h3>");
    if (r.stats().largest.isEmpty()) {
      h.append("<p>No near-duplicate clusters.</p>");
    } else {
      h.append(
          "<table><tr><th>cluster</th><th>size</th><th>survivor</th><th>one removed member</th></tr>");
      for (RunStats.ClusterExample c : r.stats().largest) {
        h.append("<tr><td><code>")
            .append(esc(c.clusterId()))
            .append("</code></td>")
            .append(num(c.size()))
            .append("<td>")
            .append(excerpt(c.survivorId(), c.survivorExcerpt()))
            .append("</td><td>")
            .append(excerpt(c.memberId(), c.memberExcerpt()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>");
  }

  private String excerpt(String id, String text) {
    if (id == null) return "";
    return thumbnail(r.stats(), id)
        + "<code>"
        + esc(id)
        + "</code><pre>"
        + esc(text == null ? "" : text)
        + "</pre>";
  }
}
