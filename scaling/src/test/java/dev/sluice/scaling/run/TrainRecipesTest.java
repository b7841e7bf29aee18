package dev.sluice.scaling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.RecipeFile;
import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A point's training recipe carries its arm's curriculum, and the curriculum arm and its control differ only in order. */
class TrainRecipesTest {
  @Test
  void curriculumArmsTrainWithTheirPacingAndTheControlOnlyChangesTheOrder() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Experiment x =
        Experiment.parse(
            RecipeFile.load(
                "experiment",
                root.resolve("samples/experiments/augment-curriculum.yaml"),
                List.of()),
            "x",
            root);
    GridPlan.PlannedPoint cur = null;
    GridPlan.PlannedPoint control = null;
    GridPlan.PlannedPoint raw = null;
    for (GridPlan.PlannedPoint p : GridPlan.of(x).points()) {
      if (p.id().startsWith("+curriculum/") && cur == null) cur = p;
      if (p.id().startsWith("+curriculum-random/") && control == null) control = p;
      if (p.id().startsWith("raw/") && raw == null) raw = p;
    }
    String a = TrainRecipes.yaml(x, cur);
    String b = TrainRecipes.yaml(x, control);
    assertTrue(
        a.contains(
            "curriculum: {order: easy_first, pacing: sqrt, start: 0.2, until: 0.8, stages: 4}"),
        a);
    assertTrue(b.contains("curriculum: {order: random, pacing: sqrt"), b);
    assertEquals(
        a.replace("easy_first", "random").replace("+curriculum", "+curriculum-random"),
        b.replace("+curriculum-random", "+curriculum-random"),
        "the control's recipe differs only in the order (and its name)");
    assertFalse(TrainRecipes.yaml(x, raw).contains("curriculum"));
    assertEquals(
        TrainRecipes.shuffleBuffer(x, cur),
        TrainRecipes.shuffleBuffer(x, raw),
        "every arm of an experiment with a curriculum has the same small buffer");
    Map<String, Object> parsed =
        RecipeFile.read(
            "training recipe",
            java.nio.file.Files.writeString(
                java.nio.file.Files.createTempFile("point", ".yaml"), a));
    assertTrue(parsed.containsKey("curriculum"), parsed.toString());
    int buffer = ((Number) ((Map<?, ?>) parsed.get("data")).get("shuffle_buffer")).intValue();
    assertTrue(
        buffer <= Math.max(cur.size().batchSize(), cur.steps() * cur.size().batchSize() / 20),
        "a small shuffle buffer under pacing: " + buffer);
  }
}
