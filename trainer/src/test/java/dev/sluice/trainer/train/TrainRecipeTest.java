package dev.sluice.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.RecipeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainRecipeTest {
  private static TrainRecipe parse(String yaml) throws IOException {
    return TrainRecipe.parse(
        RecipeFile.read(
            "training recipe", Files.writeString(Files.createTempFile("train", ".yaml"), yaml)));
  }

  @Test
  void unknownFieldsAndBadValuesNameTheField() {
    UsageException unknown =
        assertThrows(UsageException.class, () -> parse("model: {n_layers: 2}"));
    assertEquals(
        "model.n_layers: got 'n_layers', expected one of [context, d_model, mlp_ratio, n_head, n_layer]"
            + " (did you mean 'n_layer'?)",
        unknown.getMessage());
    UsageException heads =
        assertThrows(UsageException.class, () -> parse("model: {d_model: 30, n_head: 4}"));
    assertEquals("model.n_head must divide model.d_model (30), got 4", heads.getMessage());
    UsageException sched =
        assertThrows(UsageException.class, () -> parse("train: {schedule: linear}"));
    assertEquals(
        "train.schedule: got 'linear', expected one of [cosine, wsd, constant]",
        sched.getMessage());
    UsageException type = assertThrows(UsageException.class, () -> parse("train: {lr: fast}"));
    assertEquals("train.lr: got 'fast', expected a number", type.getMessage());
    UsageException steps = assertThrows(UsageException.class, () -> parse("train: {steps: 0}"));
    assertEquals("train.steps: got 0, expected an integer in [1, 2147483647]", steps.getMessage());
    UsageException top = assertThrows(UsageException.class, () -> parse("modle: {n_layer: 2}"));
    assertTrue(top.getMessage().endsWith("(did you mean 'model'?)"), top.getMessage());
  }

  @Test
  void curriculumSectionParsesWithDefaultsAndNamesBadFields() throws IOException {
    TrainRecipe none = parse("name: x");
    assertEquals(null, none.curriculum());
    assertEquals(null, none.data().difficultyColumn());
    TrainRecipe easy = parse("curriculum: {order: easy_first}\ntrain: {steps: 40, batch_size: 4}");
    assertEquals("difficulty", easy.data().difficultyColumn(), "the curation recipe's column");
    assertEquals(dev.sluice.trainer.data.Curriculum.Pacing.SQRT, easy.curriculum().pacing());
    assertEquals(0.2, easy.curriculum().start(), 0);
    assertEquals(0.8, easy.curriculum().until(), 0);
    assertEquals(40, easy.curriculum().totalSteps());
    assertEquals(4, easy.curriculum().batch());
    TrainRecipe random = parse("curriculum: {order: random, pacing: step, stages: 3}");
    assertEquals(null, random.data().difficultyColumn(), "the control reads no difficulty");
    assertEquals(3, random.curriculum().stages());
    UsageException order =
        assertThrows(UsageException.class, () -> parse("curriculum: {order: easiest}"));
    assertTrue(order.getMessage().startsWith("curriculum.order:"), order.getMessage());
    UsageException pacing =
        assertThrows(
            UsageException.class, () -> parse("curriculum: {order: random, pacing: cubic}"));
    assertTrue(pacing.getMessage().startsWith("curriculum.pacing:"), pacing.getMessage());
    UsageException start =
        assertThrows(UsageException.class, () -> parse("curriculum: {order: random, start: 1.5}"));
    assertTrue(start.getMessage().contains("curriculum.start"), start.getMessage());
    UsageException noOrder =
        assertThrows(UsageException.class, () -> parse("curriculum: {pacing: sqrt}"));
    assertTrue(noOrder.getMessage().startsWith("curriculum.order:"), noOrder.getMessage());
    UsageException offButBad =
        assertThrows(UsageException.class, () -> parse("curriculum: {order: none, pacing: bogus}"));
    assertTrue(offButBad.getMessage().startsWith("curriculum.pacing:"), offButBad.getMessage());
    UsageException key =
        assertThrows(UsageException.class, () -> parse("curriculum: {order: random, pase: 1}"));
    assertTrue(key.getMessage().startsWith("curriculum.pase:"), key.getMessage());
  }

  @Test
  void sampleRecipesParseAndOverridesApply() {
    for (String name : List.of("tiny-lm", "lm-1m", "lm-5m", "lm-20m")) {
      TrainRecipe r = TrainRecipe.load(Path.of("../samples/train/" + name + ".yaml"), List.of());
      assertEquals(name, r.name());
    }
    TrainRecipe r =
        TrainRecipe.load(
            Path.of("../samples/train/tiny-lm.yaml"), List.of("train.steps=50", "model.n_layer=3"));
    assertEquals(50, r.schedule().total());
    assertEquals(3, r.model().layers());
  }

  @Test
  void scheduleWarmsUpThenDecaysToTheFloor() {
    Schedule cos = new Schedule(Schedule.Kind.COSINE, 1f, 0.1f, 10, 110, 0.2);
    assertEquals(0.1f, cos.at(0), 1e-6);
    assertEquals(1f, cos.at(9), 1e-6);
    assertEquals(1f, cos.at(10), 1e-6);
    assertEquals(0.55f, cos.at(60), 1e-6);
    assertEquals(0.1f, cos.at(110), 1e-6);
    Schedule wsd = new Schedule(Schedule.Kind.WSD, 1f, 0f, 10, 110, 0.2);
    assertEquals(1f, wsd.at(87), 1e-6);
    assertEquals(1f - 1f / 22, wsd.at(88), 1e-6);
    assertEquals(0f, wsd.at(109), 1e-6);
  }
}
