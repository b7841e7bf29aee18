package dev.sluice.report;

import java.util.Map;

/**
 * The report's PII section: per kind, the token, the replacements and the documents that had any; or a line
 * saying the recipe redacts nothing.
 */
final class PiiSection {
  private PiiSection() {}

  @SuppressWarnings("unchecked")
  static void render(StringBuilder h, Report r) {
    h.append("<section id=\"pii\"><h2>PII redaction</h2>");
    Map<String, Object> pii = r.pii();
    if (pii == null) {
      h.append("<p>None: the recipe has no <code>pii</code> section.</p></section>");
      return;
    }
    Map<String, Number> replaced = (Map<String, Number>) pii.getOrDefault("replaced", Map.of());
    Map<String, Number> documents = (Map<String, Number>) pii.getOrDefault("documents", Map.of());
    Map<String, String> tokens = (Map<String, String>) pii.getOrDefault("tokens", Map.of());
    Number touched = (Number) pii.getOrDefault("documents_redacted", 0);
    h.append("<p>")
        .append(Html.esc(String.valueOf(touched)))
        .append(" documents had something replaced (nothing is removed: the counts are unchanged).")
        .append(
            "</p><table><tr><th>kind</th><th>token</th><th>replacements</th><th>documents</th></tr>");
    replaced.forEach(
        (kind, n) ->
            h.append("<tr><td>")
                .append(Html.esc(kind))
                .append("</td><td><code>")
                .append(Html.esc(String.valueOf(tokens.get(kind))))
                .append("</code></td><td>")
                .append(n)
                .append("</td><td>")
                .append(documents.getOrDefault(kind, 0))
                .append("</td></tr>"));
    h.append("</table></section>");
  }
}
