package dev.sluice.scaling.cli;

import dev.sluice.core.cli.RunFailedException;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.scaling.analysis.ImageAnalysis;
import dev.sluice.scaling.experiment.ImageExperiment;
import dev.sluice.scaling.experiment.ImageGrid;
import dev.sluice.scaling.report.ImageReport;
import dev.sluice.scaling.run.ImagePointResult;
import dev.sluice.scaling.run.ImageRunner;
import dev.sluice.scaling.run.Launcher;
import dev.sluice.scaling.run.Registry;
import dev.sluice.scaling.run.ScaleProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sluice scale} on an image experiment ({@code kind: images}): curate the images it names by recipe, train
 * the grid of augmentation arms × widths × data fractions × seeds, then fit and write report.json and report.html.
 * The options are {@link ScaleCommand}'s.
 */
final class ImageScale {
  private ImageScale() {}

  static int call(ImageExperiment x, boolean fitOnly, boolean planOnly, List<String> force)
      throws IOException {
    List<ImageGrid.Point> grid = ImageGrid.of(x);
    if (planOnly) {
      for (ImageGrid.Point p : grid) System.out.println(p.id());
      return 0;
    }
    Set<String> ids = grid.stream().map(ImageGrid.Point::id).collect(Collectors.toSet());
    for (String f : force) {
      if (!ids.contains(f))
        throw new UsageException(
            "--force " + f + ": no such point in the grid" + DidYouMean.hint(f, ids));
    }
    ScaleProgress progress = new ScaleProgress(System.out);
    ImageRunner runner = new ImageRunner(x, new Launcher(), progress);
    Registry<ImagePointResult> registry = new Registry<>(x.output(), ImagePointResult.class);
    if (!fitOnly) {
      runner.curate();
      for (String f : force) {
        registry.remove(f);
        runner.deletePoint(f);
        progress.line("--force: " + f + " will be trained again");
      }
      try {
        runner.train(grid, registry);
      } catch (RunFailedException failed) {
        List<ImagePointResult> done = runner.finishedPoints(grid, registry);
        if (!done.isEmpty()) report(x, done);
        throw failed;
      }
    }
    List<ImagePointResult> results = runner.finishedPoints(grid, registry);
    if (results.isEmpty())
      throw new UsageException(
          "--fit-only: none of the grid's points is finished in "
              + x.output()
              + " (for this experiment's recipe and data): run without --fit-only first");
    ImageAnalysis.Result a = report(x, results);
    System.out.println();
    a.verdict().forEach(v -> System.out.println("  " + v));
    System.out.println(
        "sluice scale: "
            + results.size()
            + " of "
            + grid.size()
            + " points; report "
            + x.output().resolve("report.html"));
    return 0;
  }

  static ImageAnalysis.Result report(ImageExperiment x, List<ImagePointResult> results)
      throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    x.arms().forEach(a -> labels.put(a.name(), a.label()));
    List<ImageAnalysis.Run> runs =
        results.stream()
            .map(
                r ->
                    new ImageAnalysis.Run(
                        r.arm(),
                        r.width(),
                        r.fraction(),
                        r.seed(),
                        r.trainImages(),
                        r.error(),
                        r.params()))
            .toList();
    ImageAnalysis.Result a =
        ImageAnalysis.analyse(
            runs, x.control().name(), labels, x.resamples(), x.fitSeed(), errorName(results));
    var data = ImageReport.json(x.name(), x.resolved(), results, a);
    Files.createDirectories(x.output());
    AtomicFiles.write(
        x.output().resolve("report.json"), ImageReport.JSON_WRITER.writeValueAsString(data) + "\n");
    AtomicFiles.write(x.output().resolve("report.html"), ImageReport.html(data));
    return a;
  }

  /** What the runs' error is: on the evaluation images, the trainer's validation split, or some of each. */
  static String errorName(List<ImagePointResult> results) {
    if (results.stream().allMatch(r -> r.errorSource().equals("test"))) return "test error";
    if (results.stream().allMatch(r -> r.errorSource().equals("validation")))
      return "validation error";
    return "error (test where scored, else validation)";
  }
}
