package dev.sluice.scaling.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.RecipeFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The experiment files under samples/ parse and plan; a bad key or value is refused before any work, naming the
 * field, the value and what is allowed.
 */
class ExperimentTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static Experiment load(String file, String... sets) {
    return Experiment.parse(
        RecipeFile.load("experiment", ROOT.resolve(file), List.of(sets)), "x", ROOT);
  }

  @Test
  void theSampleExperimentsParseAndPlan() {
    Experiment smoke = load("samples/experiments/smoke.yaml");
    assertEquals("smoke", smoke.name());
    assertEquals(List.of(0.5, 1.0, 2.0), smoke.model().tuneLr());
    assertEquals(
        0.02,
        smoke.withLearningRates(java.util.Map.of("l1-d16", 0.02)).model().sizes().get(0).lr());
    assertEquals(
        List.of("raw", "dedup+quality"), smoke.arms().stream().map(Experiment.Arm::name).toList());
    GridPlan.Plan plan = GridPlan.of(smoke);
    // 2 arms x 3 budgets x 3 sizes, plus a second seed at the smallest budget
    assertEquals(2 * 3 * 3 + 2 * 3, plan.points().size());
    for (GridPlan.PlannedPoint p : plan.points()) {
      assertTrue(p.steps() >= smoke.grid().minSteps(), p.id());
      assertEquals(
          1.0, p.flops() / p.budget(), 0.02, p.id() + " spends its budget to within a step");
    }
    Experiment dvc = load("samples/experiments/data-vs-compute.yaml");
    assertEquals(3, dvc.arms().size());
    assertEquals(List.of(1e11, 3e11, 1e12, 3e12), dvc.grid().budgets());
    assertEquals(100, dvc.grid().tokensPerParameter());
  }

  @Test
  void curriculumArmsGetTheirRandomControlAndArmsTheirComparison() {
    Experiment x = load("samples/experiments/augment-curriculum.yaml");
    assertEquals(
        List.of("raw", "dedup+quality", "+augment", "+curriculum", "+curriculum-random"),
        x.arms().stream().map(Experiment.Arm::name).toList());
    Experiment.Arm cur = x.arms().get(3);
    Experiment.Arm control = x.arms().get(4);
    assertEquals("easy_first", cur.curriculum().order());
    assertEquals("+curriculum-random", cur.against());
    assertEquals("random", control.curriculum().order());
    assertEquals(cur.curriculum().pacing(), control.curriculum().pacing());
    assertEquals(cur.curriculum().start(), control.curriculum().start());
    assertEquals(cur.recipe(), control.recipe(), "the control trains on the same data");
    assertEquals("dedup+quality", x.arms().get(2).against());
    // a control given in the file is used as it is, placed after its arm
    Experiment given =
        load(
            "samples/experiments/augment-curriculum.yaml",
            "arms=[{name: raw, recipe: samples/experiments/arms/raw.yaml},"
                + " {name: c-random, recipe: samples/experiments/arms/curriculum.yaml,"
                + " curriculum: {order: random, pacing: linear}},"
                + " {name: c, recipe: samples/experiments/arms/curriculum.yaml,"
                + " curriculum: {order: hard_first, pacing: linear}}]");
    assertEquals(
        List.of("raw", "c", "c-random"), given.arms().stream().map(Experiment.Arm::name).toList());
    assertEquals("c-random", given.arms().get(1).against());
    GridPlan.Plan plan = GridPlan.of(x);
    assertEquals(5 * 3 * 3 + 5 * 3, plan.points().size());
    String f = "samples/experiments/augment-curriculum.yaml";
    assertMessage(
        "arms[0].curriculum.order: got 'easiest'",
        f,
        "arms=[{name: c, recipe: samples/experiments/arms/curriculum.yaml, curriculum: {order: easiest}}]");
    assertMessage(
        "the control of arm c: the same recipe, set and pacing",
        f,
        "arms=[{name: c, recipe: samples/experiments/arms/curriculum.yaml, curriculum: {order: easy_first}},"
            + " {name: c-random, recipe: samples/experiments/arms/curriculum.yaml,"
            + " curriculum: {order: random, start: 0.5}}]");
    assertMessage(
        "arms[0].curriculum.order: got 'easy_first', expected random, or a recipe with a curriculum",
        f,
        "arms=[{name: c, recipe: samples/experiments/arms/quality.yaml, curriculum: {order: easy_first}}]");
    assertMessage(
        "arms[1].against: got 'raw', expected no against on a curriculum arm",
        f,
        "arms=[{name: raw, recipe: samples/experiments/arms/raw.yaml},"
            + " {name: c, recipe: samples/experiments/arms/curriculum.yaml, against: raw,"
            + " curriculum: {order: easy_first}}]");
    assertMessage(
        "arms[1].against: got 'nope'",
        f,
        "arms=[{name: raw, recipe: samples/experiments/arms/raw.yaml},"
            + " {name: a, recipe: samples/experiments/arms/augment.yaml, against: nope}]");
  }

  @Test
  void badValuesNameTheFieldTheValueAndWhatIsAllowed() {
    String f = "samples/experiments/smoke.yaml";
    assertMessage("device: got 'tpu', expected cpu, gpu or gpu:N", f, "device=tpu");
    assertMessage("grid.budgets: got 'lots', expected numbers of FLOPs", f, "grid.budgets=[lots]");
    assertMessage("eval.holdout_fraction: got 0.7", f, "eval.holdout_fraction=0.7");
    assertMessage("(did you mean 'budgets'?)", f, "grid.budget=[1e10]");
    assertMessage(
        "arms[0].recipe: got 'nope.yaml', expected an existing curation recipe file",
        f,
        "arms=[{name: raw, recipe: nope.yaml}]");
    assertMessage(
        "arms[1].name: got 'a', expected a name no other arm has",
        f,
        "arms=[{name: a, recipe: samples/experiments/arms/raw.yaml}, {name: a, recipe: samples/experiments/arms/raw.yaml}]");
    assertMessage(
        "model.sizes[0].n_head: got 5, expected a divisor of d_model (16)",
        f,
        "model.sizes=[{name: a, n_layer: 1, d_model: 16, n_head: 5, lr: 0.01}]");
    assertMessage("pool: got 'both builtin and path'", f, "pool.path=x.jsonl");
    assertMessage("grid.seeds: got [1, 1], expected distinct seeds", f, "grid.seeds=[1, 1]");
    assertMessage("grid.seeds: got [], expected at least one seed", f, "grid.seeds=[]");
    assertMessage(
        "grid.budgets: got [1.0E10, 1.0001E10], expected distinct budgets",
        f,
        "grid.budgets=[1e10, 1.0001e10]");
    assertMessage(
        "model.sizes[0].name: got '..', expected a name of letters",
        f,
        "model.sizes=[{name: '..', n_layer: 1, d_model: 16, n_head: 2, lr: 0.01}]");
    // each of these was taken, and failed every point later or wrote outside the output folder
    assertMessage(
        "train.weight_decay: got -1, expected a finite number >= 0", f, "train.weight_decay=-1");
    assertMessage(
        "train.weight_decay: got Infinity, expected a finite number >= 0",
        f,
        "train.weight_decay=1e999");
    assertMessage(
        "train.grad_clip: got -0.5, expected a finite number >= 0", f, "train.grad_clip=-0.5");
    assertMessage("name: got '..', expected letters", f, "name=..");
    assertMessage(
        "fit.resamples: got 5, expected 0 (no intervals) or an integer in [40, 1000000]",
        f,
        "fit.resamples=5");
    assertMessage(
        "pool.path: got 'nope.jsonl', expected an existing JSONL file",
        f,
        "pool={path: nope.jsonl}",
        "eval.clean=nope.jsonl");
  }

  @Test
  void aGridWhoseBudgetsAreTooSmallSaysWhy() {
    Experiment x = load("samples/experiments/smoke.yaml", "grid.budgets=[1e6]");
    GridPlan.Plan plan = GridPlan.of(x);
    assertTrue(plan.points().isEmpty());
    assertTrue(
        plan.skipped().get(0).reason().contains("under grid.min_steps 20"),
        plan.skipped().toString());
  }

  @Test
  void budgetsPrintShort() {
    assertEquals("3e11", GridPlan.budget(3e11));
    assertEquals("1.5e12", GridPlan.budget(1.5e12));
    assertEquals("5e9", GridPlan.budget(5e9));
  }

  private static void assertMessage(String expected, String file, String... sets) {
    UsageException e = assertThrows(UsageException.class, () -> load(file, sets));
    assertTrue(e.getMessage().contains(expected), "got: " + e.getMessage());
  }
}
