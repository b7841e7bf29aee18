package dev.sluice.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.schemas.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) drawn from report.json only.
 * With a baseline it shows both runs side by side with deltas. Sections: verdict, funnel, signals, quality-model,
 * languages, lengths, dedup, decontamination, pii, examples, dead-letters, shards, run.
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
  private static final int MAX_SHARD_ROWS = 200;

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
    verdict();
    funnel();
    WarcSection.render(h, r);
    signals();
    if (!images()) {
      QualityModelSection.render(h, r);
      languages();
      lengths();
    }
    dedup();
    if (!images()) DecontamSection.render(h, r);
    if (!images()) PiiSection.render(h, r);
    AugmentSections.augmentation(h, r);
    if (!images()) AugmentSections.curriculum(h, r);
    examples();
    deadLetters();
    shards();
    run();
    h.append("</main><footer>sluice ")
        .append(esc(String.valueOf(r.run().get("sluice_version"))))
        .append(" · report schema ")
        .append(Report.SCHEMA)
        .append("</footer></body></html>\n");
    return h.toString();
  }

  private void section(String id, String title) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>");
  }

  /** An image run: its manifest counts perceptual duplicates (a text run's never has that key). */
  private boolean images() {
    return r.counts().duplicate().containsKey("perceptual");
  }

  private String duplicateKinds() {
    StringBuilder s = new StringBuilder();
    r.counts()
        .duplicate()
        .forEach(
            (k, n) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(fmt(n)));
    return s.toString();
  }

  private void verdict() {
    section("verdict", "Verdict");
    Report.Verdict v = r.verdict();
    h.append("<div class=\"cards\">");
    card(
        (images() ? "images" : "documents") + " in → out",
        fmt(v.docs_in()) + " → " + fmt(v.docs_out()),
        pct(v.kept_share())
            + " kept"
            + (b != null ? delta(v.kept_share(), b.verdict().kept_share()) : ""));
    if (!images()) {
      card(
          "bytes in → out",
          bytes(v.bytes_in()) + " → " + bytes(v.bytes_out()),
          "UTF-8 text of parsed documents");
    }
    card(
        "duplicate rate",
        pct(v.duplicate_rate()),
        duplicateKinds()
            + (b != null ? delta(v.duplicate_rate(), b.verdict().duplicate_rate()) : ""));
    card(
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
    if (!images()) {
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

  private void card(String label, String value, String note) {
    h.append("<div class=\"card\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"note\">")
        .append(note)
        .append("</div></div>");
  }

  private void funnel() {
    section("funnel", "Funnel");
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
    section("signals", "Quality signals");
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
      chart(before, after, base, r.thresholds().getOrDefault(n, List.of()));
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

  private void languages() {
    section("languages", "Languages");
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
    chart(r.stats().langConfidence, null, b == null ? null : b.stats().langConfidence, List.of());
    h.append("</figure></section>");
  }

  private void lengths() {
    section("lengths", "Document lengths");
    h.append(
        "<div class=\"grid\"><figure><figcaption>characters (grey: parsed, blue: kept; log scale)</figcaption>");
    chart(r.stats().charsIn, r.stats().charsOut, b == null ? null : b.stats().charsOut, List.of());
    h.append("<div class=\"q\">parsed p50 ")
        .append(g(r.stats().charsIn.quantile(0.5)))
        .append(" · kept p50 ")
        .append(g(r.stats().charsOut.quantile(0.5)))
        .append("</div></figure>");
    h.append("<figure><figcaption>words (grey: parsed, blue: kept; log scale)</figcaption>");
    chart(r.stats().wordsIn, r.stats().wordsOut, b == null ? null : b.stats().wordsOut, List.of());
    h.append("<div class=\"q\">parsed p50 ")
        .append(g(r.stats().wordsIn.quantile(0.5)))
        .append(" · kept p50 ")
        .append(g(r.stats().wordsOut.quantile(0.5)))
        .append("</div></figure></div></section>");
  }

  private void dedup() {
    section("dedup", "Deduplication");
    h.append("<p>")
        .append(duplicateKinds().replace(", ", " · "))
        .append(images() ? " · perceptual clusters kept: " : " · near-duplicate clusters kept: ")
        .append(fmt(r.stats().clusterSizes.n))
        .append(
            "</p><figure><figcaption>cluster size of kept survivors "
                + "(clusters of 2 or more; log scale)</figcaption>");
    chart(r.stats().clusterSizes, null, b == null ? null : b.stats().clusterSizes, List.of());
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

  private void examples() {
    section("examples", "Removed documents, by reason");
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

  private void deadLetters() {
    section("dead-letters", "Dead letters");
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

  private void shards() {
    section("shards", "Shards");
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

  private void run() {
    section("run", "Run");
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

  /** An SVG histogram: grey bars for {@code a}, blue for {@code c}, an orange outline for {@code base}. */
  private void chart(Histogram a, Histogram c, Histogram base, List<Double> thresholds) {
    chart(h, a, GREY, c, base, thresholds);
  }

  static final String GREY = "#c8ccd2";

  /**
   * An SVG histogram into {@code h}: bars of {@code a} in {@code aColor}, blue bars of {@code c} over them (so for
   * {@code c} a subset of {@code a}, what shows of {@code a} is the rest), an orange outline for {@code base}
   * (null: none) and red lines at {@code thresholds}.
   */
  static void chart(
      StringBuilder h,
      Histogram a,
      String aColor,
      Histogram c,
      Histogram base,
      List<Double> thresholds) {
    int w = 360;
    int ht = 120;
    int bins = Histogram.BINS;
    double bw = (double) w / bins;
    long max = 1;
    for (Histogram x : new Histogram[] {a, c, base})
      if (x != null) for (long v : x.counts) max = Math.max(max, v);
    h.append("<svg viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht + 16)
        .append("\" role=\"img\">");
    for (int i = 0; i < bins; i++) {
      bar(h, a, i, bw, ht, max, aColor);
      if (c != null) bar(h, c, i, bw, ht, max, "#2f6fdb");
    }
    if (base != null) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < bins; i++) {
        double y = ht - ht * (base.counts[i] / (double) max);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", i * bw, y, (i + 1) * bw, y));
      }
      h.append("<polyline fill=\"none\" stroke=\"#e8871e\" stroke-width=\"1.5\" points=\"")
          .append(pts)
          .append("\"/>");
    }
    for (double t : thresholds) {
      double x = (a.bin(t) + frac(a, t)) * bw;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#d0312d\" "
                  + "stroke-width=\"1.5\"/>",
              x,
              x,
              ht));
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"0\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" "
                + "text-anchor=\"end\">%s</text></svg>",
            ht + 13,
            g(a.lo),
            w,
            ht + 13,
            g(a.hi)));
  }

  private static double frac(Histogram hs, double t) {
    int i = hs.bin(t);
    double lo = hs.edge(i);
    double hi = hs.edge(i + 1);
    return hi > lo ? Math.max(0, Math.min(1, (t - lo) / (hi - lo))) : 0;
  }

  private static void bar(
      StringBuilder h, Histogram x, int i, double bw, int ht, long max, String color) {
    if (x.counts[i] == 0) return;
    double bh = Math.max(1, ht * (x.counts[i] / (double) max));
    h.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s–%s: %d</title></rect>",
            i * bw + 0.5,
            ht - bh,
            bw - 1,
            bh,
            color,
            g(x.edge(i)),
            g(x.edge(i + 1)),
            x.counts[i]));
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

  /** The image's thumbnail, for image runs ("" when the run recorded none for that id). */
  static String thumbnail(RunStats stats, String id) {
    String uri = id == null ? null : stats.thumbnails.get(id);
    if (uri == null || !uri.startsWith("data:image/")) return "";
    return "<img class=\"thumb\" alt=\"" + esc(id) + "\" src=\"" + esc(uri) + "\"><br>";
  }

  private static String num(long v) {
    return "<td class=\"n\">" + fmt(v) + "</td>";
  }

  static String fmt(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  static String signed(long v) {
    return String.format(Locale.ROOT, "%+,d", v);
  }

  static String delta(double now, double before) {
    return String.format(
        Locale.ROOT,
        " <span class=\"delta\">(%+.1f points vs baseline)</span>",
        100 * (now - before));
  }

  static String g(double v) {
    if (Double.isNaN(v)) return "—";
    if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    if (b < 1L << 30) return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    return String.format(Locale.ROOT, "%.2f GiB", b / 1073741824.0);
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder o = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '&' -> o.append("&amp;");
        case '"' -> o.append("&quot;");
        case '\'' -> o.append("&#39;");
        default -> o.append(c);
      }
    }
    return o.toString();
  }

  private static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;"
          + "color:#1d2330;background:#f6f7f9}header{background:#1d2330;color:#fff;padding:12px 24px;position:sticky;top:0}"
          + "header h1{font-size:18px;margin:0 0 6px}nav a{color:#cfd6e4;margin-right:12px;text-decoration:none;font-size:13px}"
          + "main{max-width:1180px;margin:0 auto;padding:8px 24px}section{background:#fff;border:1px solid #e1e4ea;"
          + "border-radius:8px;padding:12px 18px;margin:16px 0}h2{font-size:17px;margin:4px 0 10px}h3{font-size:14px;"
          + "margin:14px 0 6px}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #e1e4ea;border-radius:8px;"
          + "padding:10px 14px;min-width:200px}.label{color:#5b6477;font-size:12px}.value{font-size:22px;font-weight:600}"
          + ".note{color:#5b6477;font-size:12px}.pill{display:inline-block;background:#eef1f6;border-radius:10px;"
          + "padding:2px 8px;margin:2px 4px 2px 0;font-size:12px}.flags li{color:#b3261e}.ok{color:#1e7d32}"
          + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eceef2;padding:4px 6px;"
          + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(370px,1fr));gap:12px}figure{margin:0}"
          + "figcaption{font-size:12px;margin-bottom:2px}svg{width:100%;height:auto;font-size:10px;fill:#5b6477}"
          + ".q{font-size:11px;color:#5b6477}img.thumb{max-width:96px;max-height:96px;image-rendering:pixelated;border:1px solid #e1e4ea}pre{white-space:pre-wrap;margin:0;font-size:12px;max-height:9em;overflow:auto}"
          + "code.hash{font-size:11px}.delta{color:#5b6477}.check{color:#5b6477;font-size:12px}footer{text-align:center;"
          + "color:#8a93a6;font-size:12px;padding:16px}details{margin:6px 0}summary{cursor:pointer}";
}
