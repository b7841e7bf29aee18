package dev.sluice.trainer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.trainer.data.DataException;
import dev.sluice.trainer.train.Progress;
import dev.sluice.trainer.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTrainerTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static Path data;
  static Path testSet;

  @BeforeAll
  static void images() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    data = TestImages.write(shared.resolve("train"), TestImages.stripes(150, 12, 1));
    testSet = TestImages.write(shared.resolve("test"), TestImages.stripes(60, 12, 2));
  }

  static final String CNN =
      """
      name: tiny-cnn
      task: image_classification
      seed: 5
      model: {kind: %s, width: 4}
      data: {val_fraction: 0.2, image_size: 8}
      train: {batch_size: 16, steps: %d, lr: 0.01, schedule: cosine}
      eval: {every: 10%s}
      checkpoint: {every: 10, keep: 3}
      log_every: 5
      """;

  static ImageRecipe recipe(String yaml) throws IOException {
    return ImageRecipe.parse(
        RecipeFile.read("training recipe", Files.writeString(tmpFile(), yaml)));
  }

  private static Path tmpFile() throws IOException {
    return Files.createTempFile("image", ".yaml");
  }

  private ImageResult train(String yaml, Path dataDir, Path out, boolean resume, long stopAfter)
      throws IOException {
    return new ImageTrainer(
            recipe(yaml),
            new Trainer.Options(dataDir, out, Device.cpu(), resume, stopAfter, Progress.none()))
        .run();
  }

  @Test
  void cnnLearnsStripesAndWritesTheResultContract() throws IOException {
    Path out = tmp.resolve("cnn");
    String yaml = CNN.formatted("cnn", 40, ", data: " + testSet);
    ImageResult r = train(yaml, data, out, false, 0);
    assertTrue(r.finalValLoss() < r.initialValLoss(), r.toString());
    assertTrue(r.finalValAccuracy() >= 0.9, "val accuracy " + r.finalValAccuracy());
    assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
    assertEquals(List.of("0-rows", "1-cols", "2-dots"), r.labels());
    long n = r.trainImages();
    long perEpoch = (n + 15) / 16; // the last batch of an epoch holds the remainder
    assertEquals((40 / perEpoch) * n + Math.min(n, (40 % perEpoch) * 16), r.images());
    assertEquals(r.images() / (double) n, r.epochs(), 1e-9);
    JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    for (String key :
        List.of(
            "params",
            "images",
            "train_images",
            "flops",
            "final_val_loss",
            "best_val_loss",
            "final_val_accuracy",
            "best_val_accuracy",
            "test_loss",
            "test_accuracy",
            "wall_seconds",
            "images_per_second",
            "device",
            "labels")) {
      assertTrue(json.has(key), key);
    }
    assertEquals(60, json.get("test_images").asInt());
    assertEquals(r.flopsPerImage() * r.images(), json.get("flops").asDouble(), 1);
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    JsonNode eval = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals(40, eval.get("step").asInt());
    assertTrue(eval.has("val_accuracy") && eval.has("images_per_second"), eval.toString());
  }

  @Test
  void resumedRunEndsBitIdenticalToAnUninterruptedOne() throws IOException {
    String yaml = CNN.formatted("cnn", 24, "");
    ImageResult whole = train(yaml, data, tmp.resolve("whole"), false, 0);
    Path split = tmp.resolve("split");
    ImageResult first = train(yaml, data, split, false, 10);
    assertEquals(10, first.steps());
    ImageResult resumed = train(yaml, data, split, true, 0);
    assertEquals(10, resumed.resumedFromStep());
    assertEquals(whole.finalValLoss(), resumed.finalValLoss());
    assertEquals(whole.finalTrainLoss(), resumed.finalTrainLoss());
    assertEquals(whole.images(), resumed.images());
    assertNull(resumed.testData());
  }

  @Test
  void withRandAugmentAResumedRunIsStillExactAndDiffersFromNoAugmentation() throws IOException {
    String plain = CNN.formatted("cnn", 20, "");
    String yaml =
        plain.replace(
            "data: {val_fraction: 0.2, image_size: 8}",
            "data: {val_fraction: 0.2, image_size: 8, augment: {policy: randaugment, n: 2, m: 9}}");
    ImageResult whole = train(yaml, data, tmp.resolve("aug-whole"), false, 0);
    Path split = tmp.resolve("aug-split");
    train(yaml, data, split, false, 10);
    ImageResult resumed = train(yaml, data, split, true, 0);
    assertEquals(whole.finalValLoss(), resumed.finalValLoss());
    assertEquals(whole.finalTrainLoss(), resumed.finalTrainLoss());
    ImageResult none = train(plain, data, tmp.resolve("aug-none"), false, 0);
    assertTrue(none.finalTrainLoss() != whole.finalTrainLoss(), "augmentation changed nothing");
  }

  @Test
  void mlpBaselineTrains() throws IOException {
    ImageResult r = train(CNN.formatted("mlp", 30, ""), data, tmp.resolve("mlp"), false, 0);
    assertTrue(r.finalValLoss() < r.initialValLoss(), r.toString());
    assertEquals((64L * 32 + 32) + (32 * 3 + 3), r.params());
  }

  @Test
  void nullLabelsAreAnErrorThatCountsThem() throws IOException {
    List<TestImages.Img> imgs = new ArrayList<>(TestImages.stripes(20, 8, 3));
    for (int i = 0; i < 3; i++) {
      TestImages.Img a = imgs.get(i);
      imgs.set(i, new TestImages.Img(a.id(), a.png(), null, null));
    }
    Path dir = TestImages.write(tmp.resolve("nolabel"), imgs);
    DataException e =
        assertThrows(
            DataException.class,
            () -> train(CNN.formatted("cnn", 2, ""), dir, tmp.resolve("o"), false, 0));
    assertTrue(e.getMessage().contains("3 image(s) have no label"), e.getMessage());
  }

  @Test
  void anEvalLabelTrainingNeverSawIsAnError() throws IOException {
    List<TestImages.Img> imgs = new ArrayList<>(TestImages.stripes(6, 8, 3));
    TestImages.Img a = imgs.get(0);
    imgs.set(0, new TestImages.Img(a.id(), a.png(), "9-boots", null));
    Path dir = TestImages.write(tmp.resolve("odd"), imgs);
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                train(CNN.formatted("cnn", 2, ", data: " + dir), data, tmp.resolve("o"), false, 0));
    assertTrue(e.getMessage().contains("'9-boots', which training never saw"), e.getMessage());
  }

  @Test
  void anUndecodableImageIsAnErrorNamingIt() throws IOException {
    List<TestImages.Img> imgs = new ArrayList<>(TestImages.stripes(20, 8, 3));
    TestImages.Img a = imgs.get(4);
    byte[] cut = java.util.Arrays.copyOf(a.png(), a.png().length / 2);
    imgs.set(4, new TestImages.Img(a.id(), cut, a.label(), null));
    Path dir = TestImages.write(tmp.resolve("cut"), imgs, false);
    DataException e =
        assertThrows(
            DataException.class,
            () -> train(CNN.formatted("cnn", 2, ""), dir, tmp.resolve("o"), false, 0));
    assertTrue(e.getMessage().contains("image " + a.id() + " cannot be decoded"), e.getMessage());
  }
}
