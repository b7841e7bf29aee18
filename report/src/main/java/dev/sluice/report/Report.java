package dev.sluice.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.core.run.RunDir;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * report.json: the numbers of report.html for machines (schema {@code sluice.report/1}, docs/report.md). Built from
 * the manifest and the pipeline's merged {@link RunStats}; a nightly job can alert on {@code anomalies}.
 */
public record Report(
    String schema,
    Map<String, Object> run,
    Verdict verdict,
    List<String> anomalies,
    Manifest.Counts counts,
    List<Manifest.Stage> stages,
    List<Reason> reasons,
    Map<String, Long> dead_letter_reasons,
    List<Manifest.FileEntry> shards,
    Map<String, List<Double>> thresholds,
    Map<String, Object> recipe,
    RunStats stats,
    Map<String, Long> augment,
    Map<String, Object> curriculum,
    Map<String, Object> pii,
    Map<String, Object> decontamination,
    Map<String, Object> warc,
    Map<String, Object> quality_model) {
  public static final String SCHEMA = "sluice.report/1";
  public static final String JSON_FILE = RunDir.REPORT_JSON;
  public static final String HTML_FILE = RunDir.REPORT_HTML;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The one-glance numbers. Shares are of the input documents; kept_share leaves augmented copies out. */
  public record Verdict(
      long docs_in,
      long docs_out,
      long bytes_in,
      long bytes_out,
      double kept_share,
      Map<String, Double> removed_share_by_stage,
      List<Reason> top_reasons,
      Map<String, Double> language_mix,
      double duplicate_rate,
      long dead_letters) {}

  /** One way documents left: a manifest key (filtered:rule, duplicate:kind, dead_letter:stage.reason). */
  public record Reason(String key, long docs, double share, long chars) {}

  public static Report build(Manifest m, RunStats s, Map<String, List<Double>> thresholds) {
    Manifest.Counts c = m.counts();
    double in = Math.max(1, c.input());
    List<Reason> reasons = new ArrayList<>();
    c.filtered()
        .forEach(
            (k, v) ->
                reasons.add(
                    new Reason(
                        "filtered:" + k,
                        v,
                        v / in,
                        s.removedChars.getOrDefault("filtered:" + k, 0L))));
    c.duplicate()
        .forEach(
            (k, v) -> {
              if (v > 0)
                reasons.add(
                    new Reason(
                        "duplicate:" + k,
                        v,
                        v / in,
                        s.removedChars.getOrDefault("duplicate:" + k, 0L)));
            });
    m.dead_letter_reasons()
        .forEach((k, v) -> reasons.add(new Reason("dead_letter:" + k, v, v / in, 0)));
    reasons.sort(Comparator.comparingLong(Reason::docs).reversed().thenComparing(Reason::key));
    Map<String, Double> byStage = new LinkedHashMap<>();
    for (Manifest.Stage st : m.stages())
      if (st.in() > st.out()) byStage.put(st.name(), (st.in() - st.out()) / in);
    long langTotal = s.langIn.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> mix = new LinkedHashMap<>();
    s.langIn.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(8)
        .forEach(e -> mix.put(e.getKey(), e.getValue() / (double) Math.max(1, langTotal)));
    Verdict v =
        new Verdict(
            c.input(),
            c.kept(),
            s.bytesIn,
            s.bytesOut,
            (c.kept() - c.augmented()) / in,
            byStage,
            reasons.subList(0, Math.min(3, reasons.size())),
            mix,
            c.duplicateTotal() / in,
            c.dead_letter());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("name", m.recipe().get("name"));
    run.put("recipe_sha256", m.recipe_sha256());
    run.put("sluice_version", m.sluice_version());
    run.put("runner", m.runner());
    run.put("started", m.started());
    run.put("finished", m.finished());
    run.put("wall_seconds", m.wall_seconds());
    run.put("seed", m.seed());
    Report r =
        new Report(
            SCHEMA,
            run,
            v,
            new ArrayList<>(),
            c,
            m.stages(),
            reasons,
            m.dead_letter_reasons(),
            m.shards(),
            new TreeMap<>(thresholds),
            m.recipe(),
            s,
            m.augment(),
            m.curriculum(),
            m.pii(),
            m.decontamination(),
            m.warc(),
            QualityModelSection.json(m));
    r.anomalies().addAll(anomalies(r, null));
    return r;
  }

  /** Flags: a reason removing more than half the input, dead letters, nothing kept; with a baseline, language moves. */
  public static List<String> anomalies(Report r, Report base) {
    List<String> out = new ArrayList<>();
    for (Reason x : r.reasons()) {
      if (x.share() > 0.5) {
        out.add(
            String.format(Locale.ROOT, "%s removed %.1f%% of the input", x.key(), 100 * x.share()));
      }
    }
    if (r.counts().dead_letter() > 0)
      out.add(r.counts().dead_letter() + " dead letters (see dead-letters/)");
    if (r.counts().kept() == 0) out.add("no document was kept");
    if (base != null) {
      languageMoves(out, "input", r.stats().langIn, base.stats().langIn);
      languageMoves(out, "kept", r.stats().langOut, base.stats().langOut);
      double kd = r.verdict().kept_share() - base.verdict().kept_share();
      if (Math.abs(kd) >= 0.1)
        out.add(String.format(Locale.ROOT, "kept share moved %+.1f points", 100 * kd));
    }
    return out;
  }

  private static void languageMoves(
      List<String> out, String which, Map<String, Long> now, Map<String, Long> then) {
    Map<String, Double> a = shares(now);
    Map<String, Double> b = shares(then);
    TreeMap<String, Double> all = new TreeMap<>(a);
    b.keySet().forEach(k -> all.putIfAbsent(k, 0.0));
    for (String k : all.keySet()) {
      double d = a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0);
      if (Math.abs(d) >= 0.05) {
        out.add(
            String.format(
                Locale.ROOT,
                "language %s share of %s documents moved %+.1f points (%.1f%% -> %.1f%%)",
                k,
                which,
                100 * d,
                100 * b.getOrDefault(k, 0.0),
                100 * a.getOrDefault(k, 0.0)));
      }
    }
  }

  static Map<String, Double> shares(Map<String, Long> m) {
    long t = m.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v / (double) Math.max(1, t)));
    return out;
  }

  public void write(Path dir) throws IOException {
    writeAtomically(dir.resolve(JSON_FILE), JSON.writeValueAsString(this));
  }

  public static Report read(Path dir) throws IOException {
    Path f = dir.resolve(JSON_FILE);
    if (!Files.exists(f))
      throw new IOException(f + " not found: is " + dir + " a finished Sluice run directory?");
    Report r;
    try {
      r = JSON.readValue(f.toFile(), Report.class);
    } catch (IOException e) {
      throw new dev.sluice.core.cli.UsageException(
          f
              + ": unreadable report: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (r == null || r.run() == null || r.counts() == null || r.verdict() == null) {
      throw new dev.sluice.core.cli.UsageException(
          f + ": not a Sluice report (no \"run\", \"counts\" or \"verdict\")");
    }
    return r;
  }

  public static void writeAtomically(Path target, String content) throws IOException {
    AtomicFiles.write(target, content);
  }
}
