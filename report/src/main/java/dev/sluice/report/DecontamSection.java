package dev.sluice.report;

import java.util.Locale;
import java.util.Map;

/**
 * The report's decontamination section: which evaluation sets the run checked, what of each was indexed, and how
 * many documents each removed (the manifest's {@code decontamination}; removed/ names each document's match in
 * {@code matched}).
 */
final class DecontamSection {
  private DecontamSection() {}

  static void render(StringBuilder h, Report r) {
    h.append("<section id=\"decontamination\"><h2>Decontamination</h2>");
    Map<String, Object> d = r.decontamination();
    if (d == null) {
      h.append("<p>None: the recipe has no <code>decontaminate</code> section.</p></section>");
      return;
    }
    long removed = ((Number) d.get("removed")).longValue();
    h.append(
            String.format(
                Locale.ROOT,
                "<p>Removed %s documents (%.2f%% of the input) that share a %s-word n-gram with an"
                    + " evaluation document (lower case, punctuation removed; evaluation documents"
                    + " of %s to %s words matched whole). removed/ names each one's match in"
                    + " <code>matched</code>.</p>",
                Html.fmt(removed),
                100.0 * removed / Math.max(1, r.counts().input()),
                d.get("ngram"),
                d.get("min_words"),
                ((Number) d.get("ngram")).intValue() - 1,
                d.get("ngram")))
        .append(
            "<table><tr><th>evaluation set</th><th>documents</th><th>indexed</th>"
                + "<th>whole</th><th>too short</th><th>n-grams</th><th>documents removed</th></tr>");
    if (d.get("sets") instanceof Map<?, ?> sets) {
      for (Map.Entry<?, ?> e : sets.entrySet()) {
        Map<?, ?> s = (Map<?, ?>) e.getValue();
        long hits = ((Number) s.get("hits")).longValue();
        h.append("<tr><td>").append(Html.esc(String.valueOf(e.getKey()))).append("</td>");
        for (String k : new String[] {"documents", "indexed", "whole", "too_short", "ngrams"})
          h.append("<td>").append(Html.fmt(((Number) s.get(k)).longValue())).append("</td>");
        h.append(hits > 0 ? "<td><b>" : "<td>")
            .append(Html.fmt(hits))
            .append(hits > 0 ? "</b></td>" : "</td>")
            .append("</tr>");
      }
    }
    h.append("</table></section>");
  }
}
