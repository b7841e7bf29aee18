package dev.sluice.trainer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageRecipeTest {
  private static ImageRecipe parse(String yaml) throws IOException {
    Path f = Files.createTempFile("recipe", ".yaml");
    return ImageRecipe.parse(RecipeFile.read("training recipe", Files.writeString(f, yaml)));
  }

  private static String field(String yaml) {
    return assertThrows(Config.ConfigException.class, () -> parse(yaml)).field();
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws IOException {
    ImageRecipe r = parse("task: image_classification\n");
    assertEquals("cnn", r.modelKind());
    assertEquals(16, r.width());
    assertEquals(0.1, r.valFraction());
    assertEquals(1.0, r.fraction());
    assertEquals(28, r.imageSize());
    assertEquals(64, r.batchSize());
    assertEquals(5, r.epochs());
    assertEquals(5 * 10, r.totalSteps(10));
    assertEquals(1e-3f, r.lr());
    assertEquals(1e-4f, r.optim().weightDecay());
    assertEquals(20, r.logEvery());
    assertEquals(5, r.evalEvery(50));
  }

  @Test
  void everyBadValueNamesItsField() {
    assertEquals("task", field("task: image_segmentation\n"));
    assertEquals("model.kind", field("task: image_classification\nmodel: {kind: resnet}\n"));
    assertEquals("data.fraction", field("task: image_classification\ndata: {fraction: 0}\n"));
    assertEquals(
        "data.val_fraction", field("task: image_classification\ndata: {val_fraction: 1}\n"));
    assertEquals("data.image_size", field("task: image_classification\ndata: {image_size: 2}\n"));
    assertEquals("data.colour", field("task: image_classification\ndata: {colour: 1}\n"));
    assertEquals(
        "data.augment.policy",
        field("task: image_classification\ndata: {augment: {policy: mixup}}\n"));
    assertEquals(
        "train.steps", field("task: image_classification\ntrain: {steps: 5, epochs: 2}\n"));
    assertEquals("train.schedule", field("task: image_classification\ntrain: {schedule: step}\n"));
  }

  @Test
  void augmentationUsesAugmentsPoliciesWithTheTrainersFieldNames() throws IOException {
    parse("task: image_classification\ndata: {augment: {policy: randaugment, n: 2, m: 9}}\n");
    parse("task: image_classification\ndata: {augment: {policy: trivialaugment}}\n");
    assertEquals(
        "data.augment.copies",
        field(
            "task: image_classification\ndata: {augment: {policy: trivialaugment, copies: 2}}\n"));
    var e =
        assertThrows(
            dev.sluice.core.cli.UsageException.class,
            () ->
                parse(
                    "task: image_classification\ndata: {augment: {policy: randaugment, m: 99}}\n"));
    assertTrue(e.getMessage().startsWith("data.augment.m: "), e.getMessage());
  }

  @Test
  void eachEpochSeesAnotherViewAndTheSameOneInEveryRun() throws IOException {
    Augmenter a = Augmenter.of(java.util.Map.of("policy", "randaugment", "n", 2, "m", 9));
    var img = TestImages.stripes(1, 12, 1).get(0);
    var p = PixelDecoding.decode(img.png(), img.id());
    assertEquals(a.apply(p, 7, img.id(), 3), a.apply(p, 7, img.id(), 3));
    long distinct =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(e -> a.apply(p, 7, img.id(), e))
            .distinct()
            .count();
    assertTrue(distinct >= 4, "views over 6 epochs: " + distinct);
  }

  @Test
  void aNullEpochsLetsStepsTakeOver() throws IOException {
    ImageRecipe r = parse("task: image_classification\ntrain: {epochs: null, steps: 7}\n");
    assertEquals(7, r.totalSteps(100));
  }

  @Test
  void fractionsAreNested() {
    for (int i = 0; i < 2000; i++) {
      String id = "img-" + i;
      if (ImageData.inFraction(id, 0.25)) assertTrue(ImageData.inFraction(id, 0.5), id);
      if (ImageData.inFraction(id, 0.5)) assertTrue(ImageData.inFraction(id, 1.0), id);
    }
    long quarter =
        java.util.stream.IntStream.range(0, 4000)
            .filter(i -> ImageData.inFraction("x" + i, 0.25))
            .count();
    assertTrue(quarter > 850 && quarter < 1150, "quarter " + quarter);
  }
}
