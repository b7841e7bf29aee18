package dev.sluice.report;

import java.util.Map;

/**
 * The report's "Web input" section, for a run that read WARC files (the manifest's {@code warc}): the records
 * read, how many became the input's documents, and the records skipped by rule, by reason. Nothing otherwise.
 */
final class WarcSection {
  private WarcSection() {}

  @SuppressWarnings("unchecked")
  static void render(StringBuilder h, Report r) {
    if (r.warc() == null) return;
    Object records = r.warc().get("records");
    Map<String, Object> skipped = (Map<String, Object>) r.warc().getOrDefault("skipped", Map.of());
    long skippedTotal = 0;
    for (Object v : skipped.values()) skippedTotal += ((Number) v).longValue();
    h.append("<section id=\"warc\"><h2>Web input</h2><p>")
        .append(Html.esc(String.valueOf(records)))
        .append(" WARC records read: ")
        .append(r.counts().input())
        .append(" HTML pages and text records became the input (documents and dead letters), ")
        .append(skippedTotal)
        .append(" were skipped by rule (not counted in the input).</p>");
    if (!skipped.isEmpty()) {
      h.append("<table><tr><th>skipped because</th><th>records</th></tr>");
      skipped.forEach(
          (k, v) ->
              h.append("<tr><td><code>")
                  .append(Html.esc(k))
                  .append("</code></td><td>")
                  .append(Html.esc(String.valueOf(v)))
                  .append("</td></tr>"));
      h.append("</table>");
    }
    h.append("</section>");
  }
}
