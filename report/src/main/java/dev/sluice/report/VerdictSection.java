package dev.sluice.report;

import static dev.sluice.report.Html.bytes;
import static dev.sluice.report.Html.delta;
import static dev.sluice.report.Html.esc;
import static dev.sluice.report.Html.fmt;
import static dev.sluice.report.Html.pct;
import static dev.sluice.report.Html.section;

import java.util.List;

/**
 * The report's first section: the run in four cards (in and out, duplicate rate, dead letters), its largest drop
 * reasons, what each stage removed, the language mix and the anomalies flagged (against the baseline when there
 * is one).
 */
final class VerdictSection {
  private VerdictSection() {}

  static void render(StringBuilder h, Report r, Report b) {
    boolean images = ReportHtml.images(r);
    section(h, "verdict", "Verdict");
    Report.Verdict v = r.verdict();
    h.append("<div class=\"cards\">");
    card(
        h,
        (images ? "images" : "documents") + " in → out",
        fmt(v.docs_in()) + " → " + fmt(v.docs_out()),
        pct(v.kept_share())
            + " kept"
            + (b != null ? delta(v.kept_share(), b.verdict().kept_share()) : ""));
    if (!images) {
      card(
          h,
          "bytes in → out",
          bytes(v.bytes_in()) + " → " + bytes(v.bytes_out()),
          "UTF-8 text of parsed documents");
    }
    card(
        h,
        "duplicate rate",
        pct(v.duplicate_rate()),
        ReportHtml.duplicateKinds(r)
            + (b != null ? delta(v.duplicate_rate(), b.verdict().duplicate_rate()) : ""));
    card(
        h,
        "dead letters",
        fmt(v.dead_letters()),
        v.dead_letters() == 0 ? "none" : "see dead-letters/");
    h.append("</div><h3>Largest drop reasons</h3><ol>");
    for (Report.Reason x : v.top_reasons()) {
      h.append("<li><code>")
          .append(esc(x.key()))
          .append("</code> ")
          .append(fmt(x.docs()))
          .append(" (")
          .append(pct(x.share()))
          .append(")</li>");
    }
    h.append("</ol><h3>Removed by stage</h3><p>");
    v.removed_share_by_stage()
        .forEach(
            (k, s) ->
                h.append("<span class=\"pill\">")
                    .append(esc(k))
                    .append(' ')
                    .append(pct(s))
                    .append("</span>"));
    h.append("</p>");
    if (!images) {
      h.append("<h3>Language mix</h3><p>");
      v.language_mix()
          .forEach(
              (k, s) ->
                  h.append("<span class=\"pill\">")
                      .append(esc(k))
                      .append(' ')
                      .append(pct(s))
                      .append("</span>"));
      h.append("</p>");
    }
    List<String> flags = b != null ? Report.anomalies(r, b) : r.anomalies();
    h.append("<h3>Anomalies</h3>");
    if (flags.isEmpty()) {
      h.append("<p class=\"ok\">none flagged</p>");
    } else {
      h.append("<ul class=\"flags\">");
      for (String f : flags) h.append("<li>").append(esc(f)).append("</li>");
      h.append("</ul>");
    }
    h.append("</section>");
  }

  private static void card(StringBuilder h, String label, String value, String note) {
    h.append("<div class=\"card\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"note\">")
        .append(note)
        .append("</div></div>");
  }
}
