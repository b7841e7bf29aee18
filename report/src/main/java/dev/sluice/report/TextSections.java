package dev.sluice.report;

import static dev.sluice.report.Html.esc;
import static dev.sluice.report.Html.g;
import static dev.sluice.report.Html.num;
import static dev.sluice.report.Html.pct;
import static dev.sluice.report.Html.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The sections only a text run has: languages (identified and kept, with confidence) and document lengths. */
final class TextSections {
  private TextSections() {}

  static void languages(StringBuilder h, Report r, Report b) {
    section(h, "languages", "Languages");
    Map<String, Long> in = r.stats().langIn;
    Map<String, Long> out = r.stats().langOut;
    long tIn = in.values().stream().mapToLong(Long::longValue).sum();
    long tOut = out.values().stream().mapToLong(Long::longValue).sum();
    TreeMap<String, Long> all = new TreeMap<>(in);
    if (b != null) b.stats().langIn.forEach(all::putIfAbsent);
    List<Map.Entry<String, Long>> rows = new ArrayList<>(all.entrySet());
    rows.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    h.append(
            "<table><tr><th>language</th><th>documents identified</th><th>share</th><th>kept</th><th>kept share</th>")
        .append(b != null ? "<th>baseline share</th><th>Δ points</th>" : "")
        .append("</tr>");
    long bt = b == null ? 0 : b.stats().langIn.values().stream().mapToLong(Long::longValue).sum();
    for (Map.Entry<String, Long> e : rows) {
      long n = in.getOrDefault(e.getKey(), 0L);
      long k = out.getOrDefault(e.getKey(), 0L);
      h.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td>")
          .append(num(n))
          .append("<td>")
          .append(pct(n / (double) Math.max(1, tIn)))
          .append("</td>")
          .append(num(k))
          .append("<td>")
          .append(pct(k / (double) Math.max(1, tOut)))
          .append("</td>");
      if (b != null) {
        double bs = b.stats().langIn.getOrDefault(e.getKey(), 0L) / (double) Math.max(1, bt);
        double as = n / (double) Math.max(1, tIn);
        h.append("<td>")
            .append(pct(bs))
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%+.1f", 100 * (as - bs)))
            .append("</td>");
      }
      h.append("</tr>");
    }
    h.append(
        "</table><figure><figcaption>language-ID confidence (every identified document)</figcaption>");
    SvgHistogram.chart(
        h, r.stats().langConfidence, null, b == null ? null : b.stats().langConfidence, List.of());
    h.append("</figure></section>");
  }

  static void lengths(StringBuilder h, Report r, Report b) {
    section(h, "lengths", "Document lengths");
    h.append(
        "<div class=\"grid\"><figure><figcaption>characters (grey: parsed, blue: kept; log scale)</figcaption>");
    SvgHistogram.chart(
        h, r.stats().charsIn, r.stats().charsOut, b == null ? null : b.stats().charsOut, List.of());
    h.append("<div class=\"q\">parsed p50 ")
        .append(g(r.stats().charsIn.quantile(0.5)))
        .append(" · kept p50 ")
        .append(g(r.stats().charsOut.quantile(0.5)))
        .append("</div></figure>");
    h.append("<figure><figcaption>words (grey: parsed, blue: kept; log scale)</figcaption>");
    SvgHistogram.chart(
        h, r.stats().wordsIn, r.stats().wordsOut, b == null ? null : b.stats().wordsOut, List.of());
    h.append("<div class=\"q\">parsed p50 ")
        .append(g(r.stats().wordsIn.quantile(0.5)))
        .append(" · kept p50 ")
        .append(g(r.stats().wordsOut.quantile(0.5)))
        .append("</div></figure></div></section>");
  }
}
