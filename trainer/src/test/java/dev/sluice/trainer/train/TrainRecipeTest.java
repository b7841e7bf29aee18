package dev.sluice.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainRecipeTest {
  private static TrainRecipe parse(String yaml) throws IOException {
    return TrainRecipe.parse((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(yaml));
  }

  @Test
  void unknownFieldsAndBadValuesNameTheField() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> parse("model: {n_layers: 2}"));
    assertTrue(unknown.getMessage().startsWith("model.n_layers: unknown field; allowed: [context, d_model"), unknown.getMessage());
    IllegalArgumentException heads = assertThrows(IllegalArgumentException.class, () -> parse("model: {d_model: 30, n_head: 4}"));
    assertEquals("model.n_head must divide model.d_model (30), got 4", heads.getMessage());
    IllegalArgumentException sched = assertThrows(IllegalArgumentException.class, () -> parse("train: {schedule: linear}"));
    assertEquals("train.schedule must be one of cosine, wsd, constant; got 'linear'", sched.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> parse("train: {lr: fast}"));
    assertEquals("train.lr: expected a number, got 'fast'", type.getMessage());
  }

  @Test
  void sampleRecipesParseAndOverridesApply() {
    for (String name : List.of("tiny-lm", "lm-1m", "lm-5m", "lm-20m")) {
      TrainRecipe r = TrainRecipe.load(Path.of("../samples/train/" + name + ".yaml"), List.of());
      assertEquals(name, r.name());
    }
    TrainRecipe r = TrainRecipe.load(Path.of("../samples/train/tiny-lm.yaml"), List.of("train.steps=50", "model.n_layer=3"));
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
