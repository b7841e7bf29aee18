package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.core.run.RunDir;
import dev.sluice.scaling.experiment.ImageExperiment;
import dev.sluice.scaling.experiment.ImageGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs what an image experiment still lacks: the curation of its training and evaluation images (when it names
 * recipes rather than run directories; cached by the recipe's hash), then every grid point the registry lacks,
 * each one {@code sluice train BASE_RECIPE --set ...} child in {@code OUT/runs/<id>/}. A rerun trains nothing
 * finished; a point whose training finished but was not registered is adopted.
 */
public final class ImageRunner {
  private final ImageExperiment x;
  private final Launcher launcher;
  private final ScaleProgress progress;

  public ImageRunner(ImageExperiment x, Launcher launcher, ScaleProgress progress) {
    this.x = x;
    this.launcher = launcher;
    this.progress = progress;
  }

  /** The training images' run directory: the file's, or OUT/data/train-HASH for its recipe. */
  public Path trainDir() {
    return x.data().train() != null ? x.data().train() : curatedDir("train", x.data().recipe());
  }

  /** The evaluation images' run directory, or null: the trainer's validation split is then scored. */
  public Path evalDir() {
    if (x.data().eval() != null) return x.data().eval();
    return x.data().evalRecipe() == null ? null : curatedDir("eval", x.data().evalRecipe());
  }

  private Path curatedDir(String what, Path recipe) {
    List<String> set = what.equals("train") ? x.data().set() : List.of();
    String key =
        RecipeFile.sha256(
            RecipeFile.canonicalJson(RecipeFile.load("curation recipe", recipe, set)));
    return x.output().resolve("data").resolve(what + "-" + key.substring(0, 12));
  }

  /** Curates the images the experiment names by recipe (once); returns the training run directory. */
  public Path curate() throws IOException {
    curate("train", x.data().recipe(), trainDir(), x.data().set());
    if (x.data().evalRecipe() != null) curate("eval", x.data().evalRecipe(), evalDir(), List.of());
    return trainDir();
  }

  private void curate(String what, Path recipe, Path dir, List<String> set) throws IOException {
    if (recipe == null) return;
    if (Files.isRegularFile(dir.resolve(RunDir.MANIFEST))) {
      progress.line(what + " images: curated already (" + dir + ")");
      return;
    }
    progress.line(what + " images: curating with " + recipe + " -> " + dir);
    List<String> args = new ArrayList<>(List.of(recipe.toString(), "--output", dir.toString()));
    for (String s : set) args.addAll(List.of("--set", s));
    launcher.run(
        "sluice run (" + what + " images)", dir.resolveSibling(what + ".log"), "run", args);
  }

  /** The point's --set overrides: its own (seed, width, fraction, augmentation, eval data), then the file's. */
  public List<String> overrides(ImageGrid.Point p) {
    List<String> out = new ArrayList<>(ImageGrid.overrides(p, evalDir()));
    out.addAll(x.set());
    return out;
  }

  /**
   * The recipe a point's folder keeps: the base recipe verbatim under a comment that names the point, its data
   * and its overrides, so that the text identifies exactly what was trained (an unregistered finished point is
   * adopted only when it matches).
   */
  public String recipe(ImageGrid.Point p) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# written by sluice scale for point ").append(p.id()).append('\n');
    b.append("# data: ").append(trainDir()).append('\n');
    b.append("# trained with: --set ").append(String.join(" --set ", overrides(p))).append('\n');
    return b.append(Files.readString(x.recipe())).toString();
  }

  /** What a point is trained on and scored with, as one hash (the registry keeps it). */
  public String key(ImageGrid.Point p) throws IOException {
    return RecipeFile.sha256(recipe(p) + "\n" + evalDir());
  }

  public boolean finished(Registry<ImagePointResult> registry, ImageGrid.Point p)
      throws IOException {
    ImagePointResult r = registry.get(p.id());
    return r != null && r.inputsSha256().equals(key(p));
  }

  /** The registered points of the grid, trained on exactly what it names, in grid order. */
  public List<ImagePointResult> finishedPoints(
      List<ImageGrid.Point> grid, Registry<ImagePointResult> registry) throws IOException {
    List<ImagePointResult> out = new ArrayList<>();
    for (ImageGrid.Point p : grid) if (finished(registry, p)) out.add(registry.get(p.id()));
    return out;
  }

  /** Trains every point of the grid the registry lacks, appending each to it as it finishes. */
  public void train(List<ImageGrid.Point> grid, Registry<ImagePointResult> registry)
      throws IOException {
    int done = 0;
    for (ImageGrid.Point p : grid) if (finished(registry, p)) done++;
    progress.line(
        String.format(Locale.ROOT, "grid: %d points, %d finished before", grid.size(), done));
    Path data = trainDir();
    for (ImageGrid.Point p : grid) {
      if (finished(registry, p)) continue;
      Path dir = x.output().resolve("runs").resolve(p.id());
      String yaml = recipe(p);
      JsonNode r = PointRuns.finished(dir, yaml, data);
      if (r == null) {
        progress.line(
            String.format(Locale.ROOT, "[%d/%d] training %s", done + 1, grid.size(), p.id()));
        List<String> extra = new ArrayList<>();
        for (String s : overrides(p)) extra.addAll(List.of("--set", s));
        r =
            PointRuns.train(
                launcher,
                "sluice train (point " + p.id() + ")",
                dir,
                yaml,
                data,
                x.device(),
                extra);
      }
      ImagePointResult done1 =
          ImagePointResult.read(
              p.id(), p.arm().name(), p.width(), p.fraction(), p.seed(), r, dir.toString(), key(p));
      registry.add(done1);
      done++;
      progress.line(
          String.format(
              Locale.ROOT,
              "[%d/%d] done %s: %,d training images, %s error %.4f, %.1f s",
              done,
              grid.size(),
              p.id(),
              done1.trainImages(),
              done1.errorSource(),
              done1.error(),
              done1.wallSeconds()));
    }
  }

  /** Deletes a point's folder (for --force). */
  public void deletePoint(String id) throws IOException {
    Dirs.delete(x.output().resolve("runs").resolve(id));
  }
}
