package dev.sluice.pipelines.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.cli.RunFailedException;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.pipelines.history.HistoryIndex;
import dev.sluice.pipelines.history.ShardRows;
import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.io.InputColumns;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.steps.ConnectedComponents;
import dev.sluice.pipelines.steps.Observe;
import dev.sluice.pipelines.steps.ScoreDifficulty;
import dev.sluice.pipelines.steps.ScoreQualityModel;
import dev.sluice.pipelines.steps.StageClock;
import dev.sluice.pipelines.steps.Tally;
import dev.sluice.pipelines.steps.WriteShards;
import dev.sluice.quality.decontam.EvalIndex;
import dev.sluice.quality.rules.RuleSet;
import dev.sluice.report.DatasetCard;
import dev.sluice.report.Report;
import dev.sluice.report.ReportHtml;
import dev.sluice.report.RunStats;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one recipe end to end and publishes the run directory. */
public final class Curation {
  private static final Logger LOG = LoggerFactory.getLogger(Curation.class);
  public static final String VERSION = dev.sluice.core.cli.ExitCodes.VERSION;

  /** The manifest's JSON: indented; augment and curriculum left out of a run without them. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // augment and curriculum are left out of the manifest of a run without them
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));

  private Curation() {}

  /** Thrown when a run cannot complete; the message says why (exit code 1). */
  public static final class RunFailed extends RunFailedException {
    private static final long serialVersionUID = 1L;

    public RunFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static RunSummary run(
      Recipe recipe, List<String> files, Path outDir, String runnerName, PipelineOptions options)
      throws IOException {
    return run(recipe, files, outDir, runnerName, options, true);
  }

  /** With {@code report} false the run gathers no statistics and writes no report (for measuring its cost). */
  public static RunSummary run(
      Recipe recipe,
      List<String> files,
      Path outDir,
      String runnerName,
      PipelineOptions options,
      boolean report)
      throws IOException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    RunDirectory dir = new RunDirectory(outDir).withCompression(recipe.output().compression());
    CurriculumModel reference = CurriculumModel.settle(recipe.curriculum(), files);
    QualityModels qualityModels =
        QualityModels.settle(recipe.qualityModel(), files, recipe.input().format());
    // the evaluation sets are read (and checked: a bad file is a recipe error) before any work
    // starts
    EvalIndex evalSets =
        recipe.decontaminate() == null ? null : EvalSets.load(recipe.decontaminate().spec());
    if (evalSets != null)
      LOG.info(
          "decontamination: {} {}-grams from {} evaluation sets",
          evalSets.ngrams(),
          evalSets.n(),
          evalSets.stats().size());
    dir.prepare();
    if (qualityModels == null) QualityModels.removeAll(outDir);
    ScoreQualityModel.Models qualityModelRefs =
        qualityModels == null
            ? null
            : new ScoreQualityModel.Models(
                qualityModels.placeClassifier(outDir),
                qualityModels.placePerplexity(outDir),
                dir.work().toAbsolutePath().resolve(QualityModels.CUTOFFS).toString());
    ScoreDifficulty.Reference difficultyModel =
        reference == null
            ? null
            : new ScoreDifficulty.Reference(
                reference.place(outDir).toString(), reference.model().version());
    LOG.info("matched {} input files; writing to {}", files.size(), outDir);
    Pipeline p = Pipeline.create(options);
    CurationPipeline.build(
        p,
        recipe,
        files,
        outDir.toAbsolutePath(),
        dir.work().toAbsolutePath(),
        report,
        difficultyModel,
        qualityModelRefs);
    Map<String, Long> metrics =
        execute(p, "dedup.near.component_rounds=" + componentRounds(recipe));
    Map<String, Long> tally = Tally.read(dir.work().resolve(CurationPipeline.TALLY));
    Manifest.Counts counts = RunAccounting.counts(tally, RunAccounting.TEXT_DUPLICATES);
    int shardCount =
        WriteShards.shardCount(
            counts.kept(),
            tally.getOrDefault(CurationPipeline.KEPT_BYTES, 0L),
            recipe.output().shardRows(),
            recipe.output().shardBytes());
    InputColumns columns = InputColumns.read(dir.work().resolve(CurationPipeline.FIELDS));
    columns.warnings().forEach(LOG::warn);
    dir.withColumns(columns);
    Sealed sealed = seal(dir, counts, shardCount, recipe.output().shardRows(), "docs");
    List<Manifest.FileEntry> shards = sealed.shards();
    RunStats stats = Observe.read(dir.work().resolve(CurationPipeline.STATS));
    Map<String, Object> qualityModelSection =
        qualityModels == null
            ? null
            : qualityModels.manifest(
                QualityModels.readCutoffs(dir.work().resolve(QualityModels.CUTOFFS)), tally);
    dir.cleanWork();

    double wall = (System.nanoTime() - t0) / 1e9;
    Map<String, Long> deadReasons = deadReasons(tally);
    Manifest m =
        new Manifest(
            recipe.resolved(),
            RecipeFile.sha256(RecipeFile.canonicalJson(recipe.resolved())),
            VERSION,
            runnerName,
            started.truncatedTo(ChronoUnit.MILLIS).toString(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
            counts,
            RunAccounting.stages(recipe, tally, counts, metrics),
            shards,
            sealed.removed(),
            sealed.dead(),
            deadReasons,
            Math.round(wall * 1000) / 1000.0,
            recipe.seed(),
            RunAccounting.augmentCounts(recipe, tally),
            RunAccounting.curriculum(recipe, reference),
            columns.manifest(),
            RunAccounting.pii(recipe, tally),
            qualityModelSection,
            RunAccounting.decontamination(recipe, evalSets, tally),
            RunAccounting.warc(recipe, tally, counts));
    if (report) {
      long r0 = System.nanoTime();
      Map<String, List<Double>> thresholds = new TreeMap<>();
      for (RuleSet rule : recipe.quality()) thresholds.putAll(rule.thresholds());
      Report rep = Report.build(m, stats, thresholds);
      rep.write(outDir);
      Report.writeAtomically(outDir.resolve(Report.HTML_FILE), ReportHtml.render(rep, null));
      LOG.info("wrote report.html and report.json in {} ms", (System.nanoTime() - r0) / 1_000_000);
    }
    // the dataset card (README.md): load_dataset(RUN_DIR) gets the kept documents; written before
    // the manifest, which is still the last file of a complete run
    writeCard(outDir, m, stats == null ? Map.of() : stats.langOut);
    dir.publish(JSON.writeValueAsString(m));
    if (recipe.dedup() != null && recipe.dedup().history() != null) {
      // only now, with the run published, do its survivors join the history
      Path index = Path.of(recipe.dedup().history());
      HistoryIndex.add(index, recipe.dedup().near(), ShardRows.idAndText(outDir, shards));
      LOG.info("history index {} now holds {} documents", index, HistoryIndex.size(index));
    }
    LOG.info(
        "wrote {} shards ({} documents) in {}s",
        shards.size(),
        counts.kept(),
        String.format("%.1f", wall));
    return new RunSummary(outDir, m, wall, metrics);
  }

  /** README.md, the dataset card, unless a file of that name that is not Sluice's is there already. */
  static void writeCard(Path outDir, Manifest m, Map<String, Long> keptLanguages)
      throws IOException {
    Path card = outDir.resolve(DatasetCard.FILE);
    if (Files.exists(card)) {
      LOG.warn(
          "{} exists and is not Sluice's: no dataset card written (the file is left as it is)",
          card);
    } else {
      Report.writeAtomically(card, DatasetCard.render(m, keptLanguages));
    }
  }

  private static int componentRounds(Recipe r) {
    return r.dedup() == null || r.dedup().near() == null ? 0 : r.dedup().near().componentRounds();
  }

  /**
   * Runs the pipeline to the end and returns its stage counters; a failure, or near-duplicate edges that did not
   * converge in the components' rounds ({@code rounds} names the setting), is a {@link RunFailed}.
   */
  static Map<String, Long> execute(Pipeline p, String rounds) {
    PipelineResult result;
    try {
      result = p.run();
      result.waitUntilFinish();
    } catch (RuntimeException e) {
      throw new RunFailed("the pipeline failed: " + rootMessage(e), e);
    }
    Map<String, Long> metrics = counters(result);
    long unconverged = metrics.getOrDefault(ConnectedComponents.UNCONVERGED, 0L);
    if (unconverged > 0) {
      throw new RunFailed(
          unconverged
              + " duplicate edges did not converge in "
              + rounds
              + "; raise it (each round is two shuffles of the edges)",
          null);
    }
    return metrics;
  }

  /** The published files of a run: kept shards, removed rows, dead letters. */
  record Sealed(
      List<Manifest.FileEntry> shards,
      List<Manifest.FileEntry> removed,
      List<Manifest.FileEntry> dead) {}

  /**
   * After the pipeline: fills the shard indices no row hashed to with empty files (so M files always exist),
   * describes every file, and checks that their rows are what the tally counted.
   */
  static Sealed seal(
      RunDirectory dir, Manifest.Counts counts, int shardCount, int rows, String keptKind)
      throws IOException {
    if (!counts.balanced()) {
      throw new RunFailed("internal error: counts do not add up: " + counts, null);
    }
    dir.fillEmpty(CurationPipeline.SHARDS, Math.max(1, shardCount), keptKind);
    long removedRows = counts.filteredTotal() + counts.duplicateTotal();
    dir.fillEmpty(CurationPipeline.REMOVED, WriteShards.shardCount(removedRows, rows), "removed");
    dir.fillEmpty(
        CurationPipeline.DEAD_LETTERS, WriteShards.shardCount(counts.dead_letter(), rows), "dead");
    Sealed s =
        new Sealed(
            dir.describe(CurationPipeline.SHARDS),
            dir.describe(CurationPipeline.REMOVED),
            dir.describe(CurationPipeline.DEAD_LETTERS));
    check("shard rows", sum(s.shards()), counts.kept());
    check("removed rows", sum(s.removed()), removedRows);
    check("dead-letter lines", sum(s.dead()), counts.dead_letter());
    return s;
  }

  /** The manifest's dead_letter_reasons: "stage.reason" -> count. */
  static Map<String, Long> deadReasons(Map<String, Long> tally) {
    Map<String, Long> out = new TreeMap<>();
    tally.forEach(
        (k, v) -> {
          if (k.startsWith("dead_letter:")) out.put(k.substring("dead_letter:".length()), v);
        });
    return out;
  }

  private static void check(String what, long actual, long expected) {
    if (actual != expected) {
      throw new RunFailed(
          "internal error: " + what + " = " + actual + " but the tally says " + expected, null);
    }
  }

  private static long sum(List<Manifest.FileEntry> files) {
    return files.stream().mapToLong(Manifest.FileEntry::rows).sum();
  }

  static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      MetricQueryResults q =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(StageClock.NAMESPACE))
                      .build());
      for (MetricResult<Long> c : q.getCounters()) {
        out.merge(c.getName().getName(), c.getAttempted(), Long::sum);
      }
    } catch (UnsupportedOperationException e) {
      LOG.warn("this runner reports no metrics; stage seconds will be 0");
    }
    return out;
  }

  /** Flink's ways of saying a TaskManager went away (a lost connection, a missed heartbeat, an unreachable id). */
  private static boolean lostTaskManager(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return (m.contains("task manager") || m.contains("taskmanager"))
        && (m.contains("lost") || m.contains("reachable") || m.contains("timed out"));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String recovery = null;
    String lost = null;
    while (true) {
      String m = t.getMessage();
      if (m != null && recovery == null && m.startsWith("Recovery is suppressed by ")) {
        recovery = m.substring("Recovery is suppressed by ".length());
      }
      if (m != null && lost == null && lostTaskManager(m)) lost = "a TaskManager was lost";
      if (t.getCause() == null || t.getCause() == t) break;
      t = t.getCause();
    }
    String root = t.getClass().getSimpleName() + ": " + t.getMessage();
    if (recovery == null) return root;
    // a cluster job that Flink gave up on: say so, and which setting decides it, before the
    // low-level cause
    String why =
        recovery.startsWith("NoRestart")
            ? "Flink did not restart the job (--restarts 0)"
            : "Flink gave up restarting the job (" + recovery + "; raise --restarts)";
    return why + (lost == null ? "" : "; " + lost) + "; cause: " + root;
  }
}
