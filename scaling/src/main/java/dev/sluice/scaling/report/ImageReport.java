package dev.sluice.scaling.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scaling.analysis.DataMultiplier;
import dev.sluice.scaling.analysis.ImageAnalysis;
import dev.sluice.scaling.fit.FitJson;
import dev.sluice.scaling.run.ImagePointResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * report.json and report.html of an image experiment: the verdict ("RandAugment is worth m× more real images"),
 * the multiplier of every augmentation arm at every measured n, augmentation against a wider model, each curve's
 * fit, a chart of error against training images, and the run table. One offline file, ECharts inlined as in the
 * language-model report; everything shown is in report.json.
 */
public final class ImageReport {
  public static final ObjectWriter JSON_WRITER = ScaleReportData.JSON_WRITER;

  private ImageReport() {}

  public static ObjectNode json(
      String name, Object experiment, List<ImagePointResult> points, ImageAnalysis.Result a) {
    ObjectNode root = FitJson.JSON.createObjectNode();
    root.put("kind", "images");
    root.put("name", name);
    root.set("experiment", FitJson.JSON.valueToTree(experiment));
    root.put("control", a.control());
    root.put(
        "error",
        points.stream().allMatch(p -> p.testAccuracy() != null)
            ? "test error = 1 − test_accuracy on the evaluation images"
            : "error = 1 − accuracy on the evaluation images where scored, else on the trainer's"
                + " validation split (no evaluation images)");
    root.put(
        "model",
        "err(n) = E + A·n^(−alpha) per arm and width (three parameters; the Chinchilla objective at a"
            + " fixed N); m = n'/n with err_none(n') = err_aug(n)");
    root.set("verdict", FitJson.JSON.valueToTree(a.verdict()));
    ArrayNode mult = root.putArray("multipliers");
    for (ImageAnalysis.Multipliers m : a.multipliers()) {
      ObjectNode o = mult.addObject().put("arm", m.arm()).put("width", m.width());
      ArrayNode at = o.putArray("at");
      for (DataMultiplier.AtN x : m.atN()) {
        ObjectNode e = at.addObject().put("n", x.n());
        FitJson.put(e, "multiplier", x.multiplier());
        e.put("range", x.range().name().toLowerCase(Locale.ROOT));
        FitJson.number(e, "bound", x.bound());
        FitJson.number(e, "aug_error", x.augError());
        FitJson.number(e, "control_error", x.controlError());
        e.put("display", x.display());
      }
    }
    ArrayNode wider = root.putArray("vs_wider");
    for (ImageAnalysis.VsWider v : a.wider()) {
      ObjectNode o = wider.addObject().put("arm", v.arm()).put("width", v.width());
      o.put("wider", v.wider()).put("n", v.n());
      FitJson.put(o, "gain", v.gain());
      o.put("aug_error", v.augError()).put("wider_error", v.widerError());
      o.put("params_ratio", v.paramsRatio());
    }
    ArrayNode curves = root.putArray("curves");
    for (ImageAnalysis.Curve c : a.curves()) {
      ObjectNode o = curves.addObject().put("arm", c.arm()).put("width", c.width());
      o.put("points", c.points()).put("method", c.method()).put("ci", c.ci()).put("note", c.note());
      if (c.e() != null) {
        FitJson.put(o, "E", c.e());
        FitJson.put(o, "A", c.a());
        FitJson.put(o, "alpha", c.alpha());
      }
      ArrayNode measured = o.putArray("measured");
      for (double[] m : c.measured()) {
        ArrayNode row = measured.addArray().add(m[0]).add(m[1]);
        if (Double.isFinite(m[2])) row.add(m[2]);
        else row.addNull();
        row.add((int) m[3]);
      }
      ArrayNode fit = o.putArray("fit");
      double lo = c.measured().get(0)[0], hi = c.measured().get(c.measured().size() - 1)[0];
      for (int i = 0; i <= 30 && c.e() != null; i++) {
        double n = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / 30);
        fit.addArray().add(n).add(c.e().value() + c.a().value() * Math.pow(n, -c.alpha().value()));
      }
    }
    root.set("points", FitJson.JSON.valueToTree(points));
    return root;
  }

  public static String html(ObjectNode r) throws IOException {
    StringBuilder b = new StringBuilder(1 << 21);
    String name = ScaleReportHtml.esc(r.path("name").asText());
    b.append(ScaleReportHtml.head(name));
    b.append("<h1>Image experiment: ").append(name).append("</h1>\n<div class=\"verdict\"><ul>");
    for (JsonNode v : r.path("verdict"))
      b.append("<li>").append(ScaleReportHtml.esc(v.asText())).append("</li>");
    b.append("</ul></div>\n<p><small>")
        .append(ScaleReportHtml.esc(r.path("error").asText()))
        .append(". ")
        .append(ScaleReportHtml.esc(r.path("model").asText()))
        .append(".</small></p>\n");
    b.append("<h2>What each augmentation is worth in real images</h2><table id=\"multipliers\">")
        .append(
            "<tr><th>arm</th><th>width</th><th>n</th><th>error (aug)</th><th>error (control)</th>")
        .append("<th>data multiplier m</th></tr>");
    for (JsonNode m : r.path("multipliers")) {
      for (JsonNode x : m.path("at")) {
        b.append("<tr><td>").append(ScaleReportHtml.esc(m.path("arm").asText()));
        b.append("</td><td>").append(m.path("width").asInt());
        b.append("</td><td>").append(String.format(Locale.ROOT, "%,.0f", x.path("n").asDouble()));
        b.append("</td><td>").append(ScaleReportHtml.num(x.path("aug_error")));
        b.append("</td><td>").append(ScaleReportHtml.num(x.path("control_error")));
        b.append("</td><td>").append(ScaleReportHtml.esc(x.path("display").asText()));
        b.append("</td></tr>");
      }
    }
    b.append("</table>\n<h2>Augmentation against a wider model</h2><table id=\"wider\">")
        .append("<tr><th>arm</th><th>width</th><th>control at width</th><th>parameters ×</th>")
        .append("<th>n</th><th>error (aug)</th><th>error (wider control)</th><th>gain</th>")
        .append("<th>95% CI</th></tr>");
    for (JsonNode v : r.path("vs_wider")) {
      b.append("<tr><td>").append(ScaleReportHtml.esc(v.path("arm").asText()));
      b.append("</td><td>").append(v.path("width").asInt());
      b.append("</td><td>").append(v.path("wider").asInt());
      b.append("</td><td>").append(ScaleReportHtml.num(v.path("params_ratio")));
      b.append("</td><td>").append(String.format(Locale.ROOT, "%,.0f", v.path("n").asDouble()));
      b.append("</td><td>").append(ScaleReportHtml.num(v.path("aug_error")));
      b.append("</td><td>").append(ScaleReportHtml.num(v.path("wider_error")));
      b.append("</td><td>").append(ScaleReportHtml.num(v.path("gain").path("value")));
      b.append("</td><td>").append(ScaleReportHtml.ci(v.path("gain"))).append("</td></tr>");
    }
    b.append("</table>\n<h2>Error against training images</h2>")
        .append("<p><small>Points: the mean over seeds; lines: each curve's fit.</small></p>")
        .append("<div class=\"chart\" id=\"curves\"></div>\n<table id=\"fits\"><tr><th>arm</th>")
        .append("<th>width</th><th>points</th><th>curve</th><th>E</th><th>A</th><th>α</th>")
        .append("<th>interval</th></tr>");
    for (JsonNode c : r.path("curves")) {
      b.append("<tr><td>").append(ScaleReportHtml.esc(c.path("arm").asText()));
      b.append("</td><td>").append(c.path("width").asInt());
      b.append("</td><td>").append(c.path("points").asInt());
      b.append("</td><td>").append(ScaleReportHtml.esc(c.path("method").asText()));
      for (String k : new String[] {"E", "A", "alpha"}) {
        b.append("</td><td>").append(ScaleReportHtml.num(c.path(k).path("value")));
        b.append("<br><small>").append(ScaleReportHtml.ci(c.path(k))).append("</small>");
      }
      b.append("</td><td>").append(ScaleReportHtml.esc(c.path("ci").asText())).append("</td></tr>");
    }
    b.append(
            "</table>\n<h2>Runs</h2><table><tr><th>point</th><th>params</th><th>training images</th>")
        .append("<th>error</th><th>val accuracy</th><th>images/s</th><th>wall s</th></tr>");
    for (JsonNode p : r.path("points")) {
      JsonNode acc =
          p.path("test_accuracy").isNumber()
              ? p.path("test_accuracy")
              : p.path("final_val_accuracy");
      b.append("<tr><td>").append(ScaleReportHtml.esc(p.path("id").asText()));
      b.append("</td><td>").append(p.path("params").asLong());
      b.append("</td><td>").append(p.path("train_images").asLong());
      b.append("</td><td>").append(String.format(Locale.ROOT, "%.4f", 1 - acc.asDouble()));
      b.append("</td><td>").append(ScaleReportHtml.num(p.path("final_val_accuracy")));
      b.append("</td><td>")
          .append(String.format(Locale.ROOT, "%,.0f", p.path("images_per_second").asDouble()));
      b.append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f", p.path("wall_seconds").asDouble()));
      b.append("</td></tr>");
    }
    b.append("</table>\n<script id=\"report-data\" type=\"application/json\">")
        .append(r.toString().replace("</", "<\\/"))
        .append("</script>\n<script>")
        .append(ScaleReportHtml.resource(ScaleReportHtml.ECHARTS))
        .append("</script>\n<script>")
        .append(ScaleReportHtml.resource("/dev/sluice/scaling/report/images.js"))
        .append("</script>\n</body></html>\n");
    return b.toString();
  }
}
