package dev.sluice.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's augmentation and curriculum sections (a line saying so when the run had neither): copies made and left unchanged
 * per op, sampled copies beside their originals, and the difficulty components, the reference model and the
 * kept documents' difficulty.
 */
final class AugmentSections {
  private AugmentSections() {}

  static void augmentation(StringBuilder h, Report r) {
    if (r.augment() == null) {
      h.append(
          "<section id=\"augmentation\"><h2>Augmentation</h2><p>None: the recipe has no"
              + " <code>augment</code> section.</p></section>");
      return;
    }
    h.append("<section id=\"augmentation\"><h2>Augmentation</h2><p>")
        .append(r.counts().augmented())
        .append(" augmented copies written");
    long unchanged = r.augment().getOrDefault("copy_unchanged", 0L);
    if (unchanged > 0) {
      h.append("; ")
          .append(unchanged)
          .append(
              " copies that no op could change were not written (they would repeat their original)");
    }
    h.append(
        ".</p><table><tr><th>op</th><th>changed</th><th>unchanged</th><th>not English</th></tr>");
    Map<String, long[]> byOp = new TreeMap<>();
    r.augment()
        .forEach(
            (k, v) -> {
              int dot = k.lastIndexOf('.');
              if (dot < 0) return;
              long[] row = byOp.computeIfAbsent(k.substring(0, dot), x -> new long[3]);
              switch (k.substring(dot + 1)) {
                case "changed" -> row[0] = v;
                case "unchanged" -> row[1] = v;
                case "skipped_language" -> row[2] = v;
                default -> {}
              }
            });
    byOp.forEach(
        (op, row) ->
            h.append("<tr><td><code>")
                .append(Html.esc(op))
                .append("</code></td><td>")
                .append(row[0])
                .append("</td><td>")
                .append(row[1])
                .append("</td><td>")
                .append(row[2])
                .append("</td></tr>"));
    h.append("</table>");
    List<RunStats.AugmentExample> ex = r.stats().augmented;
    if (!ex.isEmpty()) {
      h.append(
          "<p>A deterministic sample of copies (the smallest hashes of seed and copy id), beside their"
              + " originals:</p><table><tr><th>copy</th><th>ops</th><th>original</th><th>copy</th></tr>");
      for (RunStats.AugmentExample e : ex) {
        h.append("<tr><td><code>")
            .append(Html.esc(e.copyId()))
            .append("</code></td><td>")
            .append(Html.esc(String.join(", ", e.ops())))
            .append("</td><td>")
            .append(Html.thumbnail(r.stats(), e.original()))
            .append("<pre>")
            .append(Html.esc(e.original()))
            .append("</pre></td><td>")
            .append(Html.thumbnail(r.stats(), e.copyId()))
            .append("<pre>")
            .append(Html.esc(e.copy()))
            .append("</pre></td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>");
  }

  static void curriculum(StringBuilder h, Report r) {
    if (r.curriculum() == null) {
      h.append(
          "<section id=\"curriculum\"><h2>Curriculum difficulty</h2><p>None: the recipe has no"
              + " <code>curriculum</code> section.</p></section>");
      return;
    }
    h.append(
            "<section id=\"curriculum\"><h2>Curriculum difficulty</h2><p>Column <code>difficulty</code>:"
                + " the percentile, among the kept documents, of the mean of the percentiles of ")
        .append(Html.esc(String.valueOf(r.curriculum().get("components"))))
        .append(" (0 easiest, 1 hardest; uniform, so competence c admits a share c).");
    Object model = r.curriculum().get("model");
    if (model instanceof Map<?, ?> m) {
      h.append(" Reference model <code>")
          .append(Html.esc(String.valueOf(m.get("version"))))
          .append("</code> (order ")
          .append(m.get("order"))
          .append(", ")
          .append(m.get("training_docs"))
          .append(" documents).");
    }
    Histogram d = r.stats().difficultyOut;
    if (d.n > 0) {
      h.append(
          String.format(
              Locale.ROOT,
              " Kept documents: %d, mean difficulty %.3f (min %.3f, max %.3f).",
              d.n,
              d.sum / d.n,
              d.min,
              d.max));
    }
    h.append("</p></section>");
  }
}
