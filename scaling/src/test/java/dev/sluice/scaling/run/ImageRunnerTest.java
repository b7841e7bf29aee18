package dev.sluice.scaling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.RecipeFile;
import dev.sluice.scaling.experiment.ImageExperiment;
import dev.sluice.scaling.experiment.ImageGrid;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image grid trains each point once: a rerun trains nothing, a point whose training finished but whose registry
 * line was lost is adopted without training, a point lost outright trains again alone, and a changed recipe
 * retrains everything.
 */
class ImageRunnerTest {
  static ImageExperiment experiment(Path dir) throws Exception {
    Files.writeString(
        dir.resolve("cnn.yaml"), "name: cnn\ntask: image_classification\nmodel: {kind: cnn}\n");
    Files.writeString(dir.resolve("fashion.yaml"), "name: fashion\n");
    Files.writeString(
        dir.resolve("x.yaml"),
        """
        kind: images
        name: t
        recipe: cnn.yaml
        data: {recipe: fashion.yaml}
        arms: [{policy: none}, {policy: randaugment}]
        grid: {fractions: [0.25, 0.5, 1], widths: [8], seeds: [1, 2]}
        set: [train.epochs=1]
        fit: {resamples: 50}
        """);
    return ImageExperiment.parse(
        RecipeFile.load("experiment", dir.resolve("x.yaml"), List.of()), "t", dir);
  }

  @Test
  void aRerunTrainsNothingAdoptsAnUnregisteredPointAndRetrainsALostOne(@TempDir Path dir)
      throws Exception {
    ImageExperiment x = experiment(dir);
    Launcher launcher = new Launcher(FakeSluice.write(dir).toString());
    ScaleProgress progress = new ScaleProgress(new PrintStream(new ByteArrayOutputStream()));
    ImageRunner runner = new ImageRunner(x, launcher, progress);
    List<ImageGrid.Point> grid = ImageGrid.of(x);
    runner.curate();
    runner.train(grid, new Registry<>(x.output(), ImagePointResult.class));
    assertEquals(1, FakeSluice.calls(dir, "run"));
    assertEquals(12, FakeSluice.calls(dir, "train"));
    Path recipe = x.output().resolve("runs/randaugment/w8/f0.5/s2/train.yaml");
    String text = Files.readString(recipe);
    assertTrue(
        text.contains("--set data.fraction=0.5 --set data.augment.policy=randaugment"), text);
    assertTrue(
        text.endsWith(
            "--set train.epochs=1\nname: cnn\ntask: image_classification\nmodel: {kind: cnn}\n"),
        text);

    runner.curate();
    Registry<ImagePointResult> again = new Registry<>(x.output(), ImagePointResult.class);
    assertEquals(12, runner.finishedPoints(grid, again).size());
    ImagePointResult p = again.get("randaugment/w8/f0.5/s2");
    assertEquals(3000, p.trainImages());
    assertEquals("test", p.errorSource());
    runner.train(grid, again);
    assertEquals(1, FakeSluice.calls(dir, "run"), "curated once");
    assertEquals(12, FakeSluice.calls(dir, "train"), "a rerun trains nothing");

    // killed between the training's end and its registry line: adopted, not trained
    again.remove("none/w8/f1/s1");
    // killed part-way: no result.json, no registry line: trained again
    again.remove("none/w8/f1/s2");
    Files.delete(x.output().resolve("runs/none/w8/f1/s2/result.json"));
    runner.train(grid, new Registry<>(x.output(), ImagePointResult.class));
    assertEquals(13, FakeSluice.calls(dir, "train"));
    assertEquals(12, new Registry<>(x.output(), ImagePointResult.class).all().size());

    Files.writeString(
        dir.resolve("cnn.yaml"), "\n# changed\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(
        0, runner.finishedPoints(grid, new Registry<>(x.output(), ImagePointResult.class)).size());
  }
}
