package dev.sluice.report;

import static dev.sluice.report.Html.bytes;
import static dev.sluice.report.Html.esc;
import static dev.sluice.report.Html.fmt;
import static dev.sluice.report.Html.g;
import static dev.sluice.report.Html.num;
import static dev.sluice.report.Html.section;
import static dev.sluice.report.Html.thumbnail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.schemas.Manifest;
import java.util.List;
import java.util.Map;

/**
 * The report's closing sections, the run's records in detail: removed examples by reason, dead letters, the
 * shard list and the run's settings with its recipe.
 */
final class DetailSections {
  private DetailSections() {}

  private static final int MAX_SHARD_ROWS = 200;

  static void examples(StringBuilder h, Report r, Report b) {
    section(h, "examples", "Removed documents, by reason");
    h.append(
        "<p>A deterministic sample per reason (the smallest hashes of seed and id), so the same run always "
            + "shows the same documents.</p>");
    for (Map.Entry<String, List<RunStats.Example>> e : r.stats().examples.entrySet()) {
      h.append("<details><summary><code>")
          .append(esc(e.getKey()))
          .append(
              "</code></summary><table>"
                  + "<tr><th>id</th><th>score</th><th>duplicate of</th><th>excerpt</th></tr>");
      for (RunStats.Example x : e.getValue()) {
        h.append("<tr><td><code>")
            .append(esc(x.id()))
            .append("</code></td><td>")
            .append(x.score() == null ? "" : g(x.score()))
            .append("</td><td>")
            .append(x.duplicateOf() == null ? "" : "<code>" + esc(x.duplicateOf()) + "</code>")
            .append("</td><td>")
            .append(thumbnail(r.stats(), x.id()))
            .append("<pre>")
            .append(esc(x.excerpt()))
            .append("</pre></td></tr>");
      }
      h.append("</table></details>");
    }
    if (r.stats().examples.isEmpty()) h.append("<p>Nothing was removed.</p>");
    h.append("</section>");
  }

  static void deadLetters(StringBuilder h, Report r) {
    section(h, "dead-letters", "Dead letters");
    if (r.dead_letter_reasons().isEmpty()) {
      h.append("<p class=\"ok\">none</p>");
    } else {
      for (Map.Entry<String, List<RunStats.Example>> e : r.stats().deadExamples.entrySet()) {
        h.append("<details open><summary><code>")
            .append(esc(e.getKey()))
            .append("</code> ")
            .append(fmt(r.dead_letter_reasons().getOrDefault(e.getKey(), 0L)))
            .append("</summary><table>" + "<tr><th>where</th><th>why</th><th>raw</th></tr>");
        for (RunStats.Example x : e.getValue()) {
          h.append("<tr><td><code>")
              .append(esc(x.source()))
              .append("</code> ")
              .append(esc(x.location()))
              .append("</td><td>")
              .append(esc(x.id()))
              .append("</td><td><pre>")
              .append(esc(x.excerpt()))
              .append("</pre></td></tr>");
        }
        h.append("</table></details>");
      }
    }
    h.append("</section>");
  }

  static void shards(StringBuilder h, Report r) {
    section(h, "shards", "Shards");
    long rows = r.shards().stream().mapToLong(Manifest.FileEntry::rows).sum();
    long bytes = r.shards().stream().mapToLong(Manifest.FileEntry::bytes).sum();
    h.append("<p>")
        .append(r.shards().size())
        .append(" files, ")
        .append(fmt(rows))
        .append(" rows, ")
        .append(bytes(bytes))
        .append("</p><table><tr><th>file</th><th>rows</th><th>bytes</th><th>sha256</th></tr>");
    for (Manifest.FileEntry f :
        r.shards().subList(0, Math.min(MAX_SHARD_ROWS, r.shards().size()))) {
      h.append("<tr><td><code>")
          .append(esc(f.path()))
          .append("</code></td>")
          .append(num(f.rows()))
          .append(num(f.bytes()))
          .append("<td><code class=\"hash\">")
          .append(esc(f.sha256()))
          .append("</code></td></tr>");
    }
    h.append("</table>");
    if (r.shards().size() > MAX_SHARD_ROWS) {
      h.append("<p>… and ")
          .append(r.shards().size() - MAX_SHARD_ROWS)
          .append(" more in manifest.json</p>");
    }
    h.append("</section>");
  }

  static void run(StringBuilder h, Report r, Report b) {
    section(h, "run", "Run");
    h.append("<table>");
    r.run()
        .forEach(
            (k, v) ->
                h.append("<tr><th>")
                    .append(esc(k))
                    .append("</th><td><code>")
                    .append(esc(String.valueOf(v)))
                    .append("</code></td></tr>"));
    if (b != null) {
      h.append("<tr><th>baseline</th><td><code>")
          .append(esc(String.valueOf(b.run().get("name"))))
          .append(" ")
          .append(esc(String.valueOf(b.run().get("started"))))
          .append(" ")
          .append(esc(String.valueOf(b.run().get("recipe_sha256"))))
          .append("</code></td></tr>");
    }
    h.append("</table><h3>Recipe</h3><pre>");
    try {
      h.append(
          esc(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(r.recipe())));
    } catch (Exception e) {
      h.append(esc(String.valueOf(r.recipe())));
    }
    h.append("</pre></section>");
  }
}
