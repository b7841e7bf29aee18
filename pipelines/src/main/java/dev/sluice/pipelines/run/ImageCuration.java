package dev.sluice.pipelines.run;

import dev.sluice.core.config.RecipeFile;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.pipelines.steps.DedupPerceptual;
import dev.sluice.pipelines.steps.Observe;
import dev.sluice.pipelines.steps.Tally;
import dev.sluice.pipelines.steps.WriteShards;
import dev.sluice.quality.image.ImageRules;
import dev.sluice.report.Report;
import dev.sluice.report.ReportHtml;
import dev.sluice.report.RunStats;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one image recipe end to end and publishes the run directory: the same contract as a text run
 * ({@link Curation}: shards, removed/, dead-letters/, manifest last), with image shards (Image.avsc) and the
 * duplicate kinds exact and perceptual. The report statistics (signal histograms, sampled removed rows, dead
 * letters, dedup clusters and augmentation examples) are written as {@code stats.json} in the run directory for
 * the report to render.
 */
public final class ImageCuration {
  private static final Logger LOG = LoggerFactory.getLogger(ImageCuration.class);

  /** The run's statistics (dev.sluice.report.RunStats as JSON), beside the manifest. */
  public static final String STATS_FILE = "stats.json";

  private ImageCuration() {}

  /** report.json and report.html, as for text: thresholds from quality.image, thumbnails inline. */
  private static void writeReport(Manifest m, RunStats s, ImageRecipe recipe, Path outDir)
      throws IOException {
    long r0 = System.nanoTime();
    // quality.image is off without the section: then no thresholds to draw
    Map<String, List<Double>> thresholds =
        recipe.quality() == null ? Map.of() : ImageRules.from(recipe.quality()).thresholds();
    Report rep = Report.build(m, s, thresholds);
    rep.write(outDir);
    Report.writeAtomically(outDir.resolve(Report.HTML_FILE), ReportHtml.render(rep, null));
    LOG.info("wrote report.html and report.json in {} ms", (System.nanoTime() - r0) / 1_000_000);
  }

  /** The input files of an image recipe: sorted, hidden files and folders skipped. */
  public static List<String> files(ImageRecipe r) {
    return r.input().files(null);
  }

  /** As {@link #files(ImageRecipe)}, each file counted by {@code sizer}; null when it stopped the listing. */
  public static List<String> files(ImageRecipe r, InputFiles.Sizer sizer) {
    return r.input().files(sizer);
  }

  public static RunSummary run(
      ImageRecipe recipe,
      List<String> files,
      Path outDir,
      String runnerName,
      PipelineOptions options,
      boolean report)
      throws IOException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    RunDirectory dir = new RunDirectory(outDir).withCompression(recipe.output().compression());
    dir.prepare();
    Files.deleteIfExists(outDir.resolve(STATS_FILE));
    LOG.info(
        "matched {} input files ({}); writing to {}",
        files.size(),
        recipe.input().format(),
        outDir);
    Pipeline p = Pipeline.create(options);
    ImagePipeline.build(
        p, recipe, files, outDir.toAbsolutePath(), dir.work().toAbsolutePath(), report);
    Map<String, Long> metrics =
        Curation.execute(p, "the perceptual components' " + DedupPerceptual.rounds() + " rounds");
    Map<String, Long> tally = Tally.read(dir.work().resolve(CurationPipeline.TALLY));
    Manifest.Counts counts = RunAccounting.counts(tally, RunAccounting.IMAGE_DUPLICATES);
    int shardCount =
        WriteShards.shardCount(
            counts.kept(),
            tally.getOrDefault(CurationPipeline.KEPT_BYTES, 0L),
            recipe.output().shardRows(),
            recipe.output().shardBytes());
    Curation.Sealed sealed =
        Curation.seal(dir, counts, shardCount, recipe.output().shardRows(), "images");
    Path stats = dir.work().resolve(CurationPipeline.STATS);
    RunStats s = null;
    if (report && Files.exists(stats)) {
      s = Observe.read(stats);
      Thumbnails.add(s, outDir, recipe.input());
      AtomicFiles.writeJson(outDir.resolve(STATS_FILE).toString(), s);
    }
    dir.cleanWork();
    double wall = (System.nanoTime() - t0) / 1e9;
    Manifest m =
        new Manifest(
            recipe.resolved(),
            RecipeFile.sha256(RecipeFile.canonicalJson(recipe.resolved())),
            Curation.VERSION,
            runnerName,
            started.truncatedTo(ChronoUnit.MILLIS).toString(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
            counts,
            RunAccounting.imageStages(recipe, tally, counts, metrics),
            sealed.shards(),
            sealed.removed(),
            sealed.dead(),
            Curation.deadReasons(tally),
            Math.round(wall * 1000) / 1000.0,
            recipe.seed(),
            RunAccounting.imageAugmentCounts(recipe, tally),
            null,
            null);
    if (s != null) writeReport(m, s, recipe, outDir);
    Curation.writeCard(outDir, m, Map.of());
    dir.publish(Curation.JSON.writeValueAsString(m));
    LOG.info(
        "wrote {} shards ({} images) in {}s",
        sealed.shards().size(),
        counts.kept(),
        String.format(java.util.Locale.ROOT, "%.1f", wall));
    return new RunSummary(outDir, m, wall, metrics);
  }

  /** True when the format is an image format. */
  static boolean isImageFormat(String format) {
    return ImageInput.FORMATS.contains(format);
  }
}
