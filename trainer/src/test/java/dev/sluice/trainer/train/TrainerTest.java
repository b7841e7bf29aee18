package dev.sluice.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.trainer.TestRuns;
import dev.sluice.trainer.model.ByteLM;
import dev.sluice.trainer.model.ModelConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static Path data;

  @BeforeAll
  static void corpus() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    List<TestRuns.Doc> docs = new ArrayList<>();
    String[] lines = {
      "the cat sat on the mat.",
      "a dog ran in the park.",
      "we like to read books.",
      "rain falls on the roof.",
      "birds sing in the morning."
    };
    for (int i = 0; i < 60; i++) {
      docs.add(
          new TestRuns.Doc(
              "d" + i, lines[i % lines.length] + " " + lines[(i + 1) % lines.length], 1));
    }
    data = TestRuns.write(shared.resolve("tiny"), docs, 2, 16);
  }

  static TrainRecipe recipe(String yaml) throws IOException {
    return TrainRecipe.parse(
        RecipeFile.read(
            "training recipe", Files.writeString(Files.createTempFile("train", ".yaml"), yaml)));
  }

  static final String TINY =
      """
      name: tiny
      seed: 3
      model: {n_layer: 1, d_model: 32, n_head: 2, context: 32, mlp_ratio: 2}
      data: {val_fraction: 0.15, shuffle_buffer: 8}
      train: {batch_size: 8, steps: %d, lr: 0.01, warmup_steps: 5, schedule: %s}
      eval: {every: 10, sequences: 8}
      checkpoint: {every: 10, keep: 3}
      log_every: 5
      """;

  private TrainResult train(String yaml, Path out, boolean resume, long stopAfter)
      throws IOException {
    return new Trainer(
            recipe(yaml),
            new Trainer.Options(data, out, Device.cpu(), resume, stopAfter, Progress.none()))
        .run();
  }

  @Test
  void tinyModelOverfitsTinyCorpus() throws IOException {
    TrainResult r = train(TINY.formatted(150, "cosine"), tmp.resolve("fit"), false, 0);
    assertTrue(r.finished());
    assertEquals(150 * 8 * 32, r.tokens());
    assertTrue(
        r.initialValLoss() > 5.0, "random init is near ln(257) = 5.55, got " + r.initialValLoss());
    assertTrue(r.finalTrainLoss() < 0.35 * r.initialValLoss(), "train loss " + r.finalTrainLoss());
    assertTrue(r.finalValLoss() < 0.5 * r.initialValLoss(), "validation loss " + r.finalValLoss());
    assertEquals(r.params() - r.nonEmbeddingParams(), (257 + 32) * 32);
    assertEquals(r.flopsPerToken() * r.tokens(), r.flops(), 1);
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        r.finalValLoss(),
        json.readTree(tmp.resolve("fit/result.json").toFile()).path("final_val_loss").asDouble(),
        1e-12);
    long evals =
        Files.readAllLines(tmp.resolve("fit/metrics.jsonl")).stream()
            .filter(l -> l.contains("\"eval\""))
            .count();
    assertEquals(16, evals, "step 0 and every 10 steps");
  }

  @Test
  void evaluatesOnOtherRunDirectoriesAndCountsEpochs() throws IOException {
    TrainResult r =
        new Trainer(
                recipe(TINY.formatted(40, "cosine")),
                new Trainer.Options(
                    data,
                    tmp.resolve("eval"),
                    Device.cpu(),
                    false,
                    0,
                    Progress.none(),
                    java.util.Map.of("same", data)))
            .run();
    Trainer.Evaluation e = r.eval().get("same");
    assertTrue(e.tokens() > 0 && e.loss() > 0 && e.loss() < r.initialValLoss(), e.toString());
    assertTrue(e.bitsPerByte() > 0);
    // every document of the eval set is scored (not only its validation split): more tokens than
    // validation
    assertTrue(
        r.uniqueTokens() > 0 && r.uniqueTokens() < 60 * 60,
        "bytes + separators: " + r.uniqueTokens());
    assertEquals(r.tokens() / (double) r.uniqueTokens(), r.epochs(), 1e-9);
    var json = new ObjectMapper().readTree(tmp.resolve("eval/result.json").toFile());
    assertEquals(
        e.bitsPerByte(), json.path("eval").path("same").path("bits_per_byte").asDouble(), 1e-12);
    assertEquals(r.uniqueTokens(), json.path("unique_tokens").asLong());
  }

  @Test
  void resumeEqualsUninterrupted() throws IOException {
    for (String schedule : new String[] {"cosine", "wsd"}) {
      String yaml = TINY.formatted(24, schedule);
      TrainResult straight = train(yaml, tmp.resolve(schedule + "-straight"), false, 0);
      TrainResult first = train(yaml, tmp.resolve(schedule + "-resumed"), false, 13);
      assertFalse(first.finished());
      assertEquals(13, first.steps());
      TrainResult second = train(yaml, tmp.resolve(schedule + "-resumed"), true, 0);
      assertEquals(13, second.resumedFromStep());
      assertTrue(second.finished());
      assertEquals(straight.finalValLoss(), second.finalValLoss(), 1e-6);
      assertEquals(straight.finalTrainLoss(), second.finalTrainLoss(), 1e-6);
      assertParametersClose(
          tmp.resolve(schedule + "-straight/checkpoints/step-00000024"),
          tmp.resolve(schedule + "-resumed/checkpoints/step-00000024"),
          yaml);
      // the interrupted run logs one extra train line at its stop (step 13); otherwise each step
      // appears once
      List<String> lines = Files.readAllLines(tmp.resolve(schedule + "-resumed/metrics.jsonl"));
      ObjectMapper json = new ObjectMapper();
      long last = -1;
      for (String l : lines.stream().filter(l -> l.contains("\"train\"")).toList()) {
        long step = json.readTree(l).path("step").asLong();
        assertTrue(step > last, "train steps increase after a resume: " + lines);
        last = step;
      }
    }
  }

  private static void assertParametersClose(Path a, Path b, String yaml) throws IOException {
    ModelConfig mc = recipe(yaml).model();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      List<NDArray> x = load(m, mc, a);
      List<NDArray> y = load(m, mc, b);
      for (int i = 0; i < x.size(); i++) {
        float diff = x.get(i).sub(y.get(i)).abs().max().getFloat();
        assertTrue(diff < 1e-5f, "parameter " + i + " differs by " + diff);
      }
    }
  }

  private static List<NDArray> load(NDManager m, ModelConfig mc, Path checkpoint)
      throws IOException {
    ByteLM model = new ByteLM(mc);
    model.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    model.initialize(m, DataType.FLOAT32, new Shape(1, mc.context()));
    try (DataInputStream in =
        new DataInputStream(Files.newInputStream(checkpoint.resolve(Checkpoint.MODEL)))) {
      model.loadParameters(m, in);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(e);
    }
    return model.getParameters().values().stream().map(Parameter::getArray).toList();
  }

  @Test
  void curriculumRunsResumeExactlyAndRecordTheirPacing() throws IOException {
    String yaml =
        TINY.formatted(20, "cosine")
            + "curriculum: {order: random, pacing: linear, start: 0.3, until: 0.5}\n";
    TrainResult straight = train(yaml, tmp.resolve("cur-straight"), false, 0);
    train(yaml, tmp.resolve("cur-resumed"), false, 7);
    TrainResult resumed = train(yaml, tmp.resolve("cur-resumed"), true, 0);
    assertEquals(straight.finalValLoss(), resumed.finalValLoss(), 1e-6);
    assertEquals(straight.finalTrainLoss(), resumed.finalTrainLoss(), 1e-6);
    var json = new ObjectMapper().readTree(tmp.resolve("cur-straight/result.json").toFile());
    assertEquals("random", json.path("curriculum").path("order").asText());
    assertEquals(1.0, json.path("curriculum").path("competence_at_end").asDouble(), 1e-12);
  }

  @Test
  void curriculumByDifficultyNeedsTheColumnBeforeAnyWork() {
    Path out = tmp.resolve("no-column");
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                train(
                    TINY.formatted(10, "cosine") + "curriculum: {order: easy_first}\n",
                    out,
                    false,
                    0));
    assertTrue(e.getMessage().startsWith("data.difficulty_column:"), e.getMessage());
    assertTrue(e.getMessage().contains("'difficulty'"), e.getMessage());
    assertFalse(Files.exists(out.resolve("metrics.jsonl")), "nothing trained");
  }

  @Test
  void refusesToOverwriteOrResumeADifferentRecipe() throws IOException {
    Path out = tmp.resolve("guard");
    train(TINY.formatted(12, "cosine"), out, false, 6);
    UsageException again =
        assertThrows(
            UsageException.class, () -> train(TINY.formatted(12, "cosine"), out, false, 0));
    assertTrue(again.getMessage().contains("--resume"), again.getMessage());
    UsageException other =
        assertThrows(UsageException.class, () -> train(TINY.formatted(12, "wsd"), out, true, 0));
    assertTrue(other.getMessage().contains("different recipe"), other.getMessage());
  }

  @Test
  void parameterCountsSpanTheSizesTheIssueAsksFor() {
    // ~0.1M, ~1M, ~5M, ~20M and ~100M: the formula (which the trainer checks against DJL's own
    // count at start-up)
    assertEquals(141_184, new ModelConfig(2, 64, 4, 128, 4).parameters());
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (ModelConfig mc :
          List.of(
              new ModelConfig(4, 128, 4, 256, 4),
              new ModelConfig(6, 256, 8, 256, 4),
              new ModelConfig(8, 448, 8, 512, 4))) {
        ByteLM model = new ByteLM(mc);
        model.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        model.initialize(m, DataType.FLOAT32, new Shape(1, mc.context()));
        long counted =
            model.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
        assertEquals(mc.parameters(), counted, mc.toString());
      }
    }
    assertTrue(new ModelConfig(12, 768, 12, 1024, 4).parameters() > 80_000_000);
  }
}
