package dev.sluice.scaling.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * report.html of a scaling experiment: one offline file. The verdict and the multiplier table come first; then
 * the fitted parameters, the honesty checks, the charts (ECharts 5.3.1, Apache-2.0, inlined from its webjar),
 * the run table and the pool. Everything shown is in report.json too.
 */
public final class ScaleReportHtml {
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private ScaleReportHtml() {}

  public static String render(ObjectNode r) throws IOException {
    StringBuilder b = new StringBuilder(1 << 21);
    String name = esc(r.path("name").asText());
    b.append(head(name));
    b.append("<h1>Scaling experiment: ").append(name).append("</h1>\n");
    int si = 0;
    for (JsonNode set : r.path("eval_sets")) {
      String evalSet = set.path("eval_set").asText();
      b.append("<h2 id=\"set-")
          .append(esc(evalSet))
          .append("\">Loss on the ")
          .append(esc(evalSet))
          .append(" evaluation set (bits per byte)</h2>\n<div class=\"verdict\"><ul>");
      for (JsonNode v : set.path("verdict"))
        b.append("<li>").append(esc(v.asText())).append("</li>");
      b.append("</ul></div>\n");
      JsonNode fit = set.path("fit");
      if (!fit.isMissingNode() && fit.path("comparisons").size() > 0) {
        // the control first: a curriculum is worth what it beats the same pacing in random order by
        b.append(
                "<h3>Against their controls</h3><p><small>Read these first. A curriculum arm against"
                    + " <code>NAME-random</code>: the same data, pacing and growth of the pool, only"
                    + " the order differs; an arm with <code>against</code>: the step it adds, alone"
                    + " (joint model).</small></p>"
                    + "<table id=\"comparisons-")
            .append(si)
            .append(
                "\"><tr><th>arm</th><th>against</th><th>multiplier</th><th>95% CI</th>"
                    + "<th>shown to help?</th></tr>");
        for (JsonNode c : fit.path("comparisons")) {
          JsonNode e = c.path("multiplier");
          b.append("<tr><td>")
              .append(esc(c.path("arm").asText()))
              .append("</td><td>")
              .append(esc(c.path("against").asText()))
              .append("</td><td>")
              .append(multiplier(e))
              .append("×</td><td>")
              .append(ci(e))
              .append("</td><td>")
              .append(shown(e))
              .append("</td></tr>");
        }
        b.append("</table>\n");
      }
      if (!fit.isMissingNode()) {
        b.append("<h3>What each step is worth in compute</h3><table id=\"multipliers-")
            .append(si)
            .append("\"><tr><th>arm</th><th>multiplier vs ")
            .append(esc(fit.path("reference").asText()))
            .append(" (joint model)</th><th>95% CI</th><th>shown to help?</th></tr>");
        for (Iterator<Map.Entry<String, JsonNode>> it = fit.path("multipliers").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> m = it.next();
          JsonNode e = m.getValue();
          boolean ref = m.getKey().equals(fit.path("reference").asText());
          String shown = ref ? "reference" : shown(e);
          b.append("<tr><td>")
              .append(esc(m.getKey()))
              .append("</td><td>")
              .append(multiplier(e))
              .append("×</td><td>")
              .append(ci(e))
              .append("</td><td>")
              .append(shown)
              .append("</td></tr>");
        }
        b.append("</table>\n");
        if (fit.path("multipliers_per_budget").size() > 0) {
          b.append(
              "<table><tr><th>arm</th><th>budget C</th><th>multiplier (own fits)</th><th>95% CI</th></tr>");
          for (JsonNode m : fit.path("multipliers_per_budget")) {
            b.append("<tr><td>")
                .append(esc(m.path("arm").asText()))
                .append("</td><td>")
                .append(num(m.path("budget")))
                .append("</td><td>")
                .append(multiplier(m.path("multiplier")))
                .append("×</td><td>")
                .append(ci(m.path("multiplier")))
                .append("</td></tr>");
          }
          b.append("</table>\n");
        }
        JsonNode sel = fit.path("model_selection");
        b.append("<p>Model supported by the points: <b>")
            .append(esc(sel.path("preferred").asText()))
            .append("</b> (")
            .append(esc(sel.path("reason").asText()))
            .append("; AICc joint ")
            .append(num(sel.path("joint_aicc")))
            .append(", per arm ")
            .append(num(sel.path("free_aicc")))
            .append(").</p>\n");
        b.append(
            "<h3>Fitted parameters, L(N, D) = E + A/N<sup>α</sup> + B/D<sup>β</sup></h3><table><tr><th>arm</th>"
                + "<th>fit</th><th>points</th><th>E</th><th>A</th><th>B</th><th>α</th><th>β</th></tr>");
        for (Iterator<Map.Entry<String, JsonNode>> it = fit.path("arms").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> a = it.next();
          JsonNode p = a.getValue();
          b.append("<tr><td>")
              .append(esc(a.getKey()))
              .append("</td><td>")
              .append(esc(p.path("source").asText()))
              .append("</td><td>")
              .append(p.path("points").asInt());
          for (String k : new String[] {"E", "A", "B", "alpha", "beta"}) {
            b.append("</td><td>")
                .append(num(p.path(k).path("value")))
                .append("<br><small>")
                .append(ci(p.path(k)))
                .append("</small>");
          }
          b.append("</td></tr>");
        }
        b.append("</table>\n");
        for (JsonNode w : fit.path("warnings"))
          b.append("<p class=\"warn\">").append(esc(w.asText())).append("</p>");
      } else {
        b.append("<p class=\"warn\">No fit: ")
            .append(esc(set.path("fit_error").asText()))
            .append("</p>");
      }
      b.append("<h3>Honesty checks</h3><ul><li>Held-out budget (")
          .append(esc(set.path("held_out_budget_note").asText()))
          .append("): ");
      if (set.path("held_out_budget_error").size() == 0) b.append("not available");
      set.path("held_out_budget_error")
          .fields()
          .forEachRemaining(
              e ->
                  b.append(esc(e.getKey()))
                      .append(" ")
                      .append(String.format(Locale.ROOT, "%.2f%%", 100 * e.getValue().asDouble()))
                      .append("; "));
      b.append("</li><li>Seed noise: ")
          .append(
              set.path("seed_noise_relative_sd").isNull()
                  ? "no repeated points"
                  : String.format(
                      Locale.ROOT,
                      "%.2f%% relative standard deviation of the loss over %d repeated points",
                      100 * set.path("seed_noise_relative_sd").asDouble(),
                      set.path("seed_groups").asInt()))
          .append(
              "</li><li>Approach 2 (IsoFLOP parabolas, a cross-check only): N_opt ∝ C<sup>a</sup> with a = ");
      set.path("isoflop_exponent")
          .fields()
          .forEachRemaining(
              e -> b.append(esc(e.getKey())).append(" ").append(num(e.getValue())).append("; "));
      b.append("</li></ul>\n");
      for (String[] c :
          new String[][] {
            {
              "frontier",
              "Loss against compute: points, each arm's compute-optimal "
                  + "frontier from its fit, and its 95% bootstrap band"
            },
            {
              "isoflop",
              "IsoFLOP curves: loss against model size " + "at each budget, with the fitted law"
            },
            {
              "optimal",
              "Compute-optimal N_opt(C) (solid) and D_opt(C) (dashed)" + " from each arm's fit"
            },
            {"residuals", "Residuals of each arm's fit"}
          }) {
        b.append("<h3>")
            .append(c[1])
            .append("</h3><div class=\"chart\" id=\"")
            .append(c[0])
            .append('-')
            .append(si)
            .append("\"></div>\n");
      }
      si++;
    }
    b.append("<h2>Runs</h2><p><small>")
        .append(esc(r.path("flops_formula").asText()))
        .append(
            "</small></p><table>"
                + "<tr><th>point</th><th>N (params)</th><th>D (tokens)</th><th>C (FLOPs)</th><th>epochs</th><th>unique tokens"
                + "</th><th>seed</th><th>tokens/s</th><th>val loss</th><th>eval bits/byte</th></tr>");
    for (JsonNode p : r.path("points")) {
      b.append("<tr><td>")
          .append(esc(p.path("id").asText()))
          .append("</td><td>")
          .append(p.path("params").asLong())
          .append("</td><td>")
          .append(p.path("tokens").asLong())
          .append("</td><td>")
          .append(num(p.path("flops")))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f", p.path("epochs").asDouble()))
          .append("</td><td>")
          .append(p.path("unique_tokens").asLong())
          .append("</td><td>")
          .append(p.path("seed").asLong())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%,.0f", p.path("tokens_per_second").asDouble()))
          .append("</td><td>")
          .append(num(p.path("final_val_loss")))
          .append("</td><td>");
      p.path("eval_bpb")
          .fields()
          .forEachRemaining(
              e -> b.append(esc(e.getKey())).append(" ").append(num(e.getValue())).append(" "));
      b.append("</td></tr>");
    }
    b.append("</table>\n");
    if (r.path("lr_tuning").size() > 0) {
      b.append(
              "<h2>Learning rates, tuned once per size</h2><p><small>On the reference arm at the smallest budget")
          .append(
              " of each size, by the loss on the arm's own validation split (not the evaluation sets)")
          .append(
              "</small></p><table><tr><th>size</th><th>chosen lr</th><th>validation loss by lr</th></tr>");
      r.path("lr_tuning")
          .fields()
          .forEachRemaining(
              e ->
                  b.append("<tr><td>")
                      .append(esc(e.getKey()))
                      .append("</td><td>")
                      .append(num(e.getValue().path("lr")))
                      .append("</td><td>")
                      .append(esc(e.getValue().path("candidates").toString()))
                      .append("</td></tr>"));
      b.append("</table>\n");
    }
    b.append("<h2>The pool</h2><pre>")
        .append(esc(r.path("pool").toPrettyString()))
        .append("</pre>\n");
    b.append("<script id=\"report-data\" type=\"application/json\">")
        .append(r.toString().replace("</", "<\\/"))
        .append("</script>\n<script>")
        .append(resource(ECHARTS))
        .append("</script>\n<script>")
        .append(resource("/dev/sluice/scaling/report/charts.js"))
        .append("</script>\n")
        .append("</body></html>\n");
    return b.toString();
  }

  /** The page's opening, up to and including {@code <body>}: title and the one style sheet both reports share. */
  static String head(String escapedName) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sluice scaling: "
        + escapedName
        + "</title><style>body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222}"
        + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
        + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.verdict{background:#f5f9ff;"
        + "border-left:4px solid #2f6fb0;padding:8px 16px}.warn{color:#a33}.chart{width:100%;height:380px}"
        + "small{color:#666}</style></head><body>\n";
  }

  static String resource(String path) throws IOException {
    try (InputStream in = ScaleReportHtml.class.getResourceAsStream(path)) {
      if (in == null) throw new IOException("missing resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String num(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return "n/a";
    return String.format(Locale.ROOT, "%.4g", n.asDouble());
  }

  /** A multiplier's value: "∞" where the reference never reaches the arm's loss ({@code unbounded}). */
  static String multiplier(JsonNode e) {
    return e.path("unbounded").asBoolean() ? "∞" : num(e.path("value"));
  }

  static String ci(JsonNode e) {
    if (e.path("ci_low").isNull() || e.path("ci_low").isMissingNode()) return "n/a";
    // a null upper end with a lower one is an unbounded interval (the reference never reaches that
    // loss)
    String high = e.path("ci_high").isNull() ? "∞" : num(e.path("ci_high"));
    return "[" + num(e.path("ci_low")) + ", " + high + "]";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Whether a multiplier's interval clears 1, is below it, or includes it. */
  static String shown(JsonNode e) {
    return e.path("ci_low").isNull()
        ? "n/a"
        : e.path("ci_low").asDouble() > 1
            ? "yes"
            : e.path("ci_high").asDouble() < 1
                ? "no, it hurts"
                : "not shown to help (CI includes 1)";
  }
}
