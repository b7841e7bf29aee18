package dev.sluice.scaling.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learning rate of each size, tuned once before the grid ({@code model.tune_lr}): each size trains on the
 * reference arm at the smallest budget it has in the grid, with its rate times each factor, and keeps the rate
 * with the lowest loss on the arm's own validation split (the trainer's, never the evaluation sets the fits use).
 * The runs live in {@code OUT/tune/} and are reused while their recipe and data stay the same; {@code
 * OUT/tuning.json} records every candidate.
 */
public final class LrTuning {
  public static final String FILE = "tuning.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One size's candidates (lr -> validation loss, null when a run diverged), the rate chosen, and the hash of what
   * the candidates were trained on (their recipes and the arm), which --fit-only checks.
   */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Tuned(double lr, Map<String, Double> candidates, String inputsSha256) {}

  private LrTuning() {}

  /**
   * The tuning runs of a size: the reference arm, the size's smallest budget in the grid, its rate times each
   * factor, and a seed of their own (one past every grid and noise seed, so no grid point is a tuning run).
   */
  static List<GridPlan.PlannedPoint> candidates(
      Experiment x, GridPlan.Plan plan, Experiment.Size size) {
    Experiment.Arm ref = x.arms().get(0);
    GridPlan.PlannedPoint first =
        plan.points().stream()
            .filter(p -> p.size().name().equals(size.name()) && p.arm().name().equals(ref.name()))
            .findFirst()
            .orElse(null);
    if (first == null) return List.of(); // a size no budget uses
    long seed = 1;
    for (long s : x.grid().seeds()) seed = Math.max(seed, s + 1);
    for (long s : x.grid().noiseSeeds()) seed = Math.max(seed, s + 1);
    List<GridPlan.PlannedPoint> out = new java.util.ArrayList<>();
    List<Double> factors = x.model().tuneLr();
    for (int k = 0; k < factors.size(); k++) {
      Experiment.Size s =
          new Experiment.Size(
              size.name(),
              size.layers(),
              size.dModel(),
              size.heads(),
              size.lr() * factors.get(k),
              size.batchSize());
      out.add(
          new GridPlan.PlannedPoint(
              "tune/" + size.name() + "/f" + k,
              ref,
              s,
              first.budget(),
              seed,
              first.steps(),
              first.flopsPerToken(),
              first.params(),
              first.context()));
    }
    return out;
  }

  static String inputsSha256(Experiment x, List<GridPlan.PlannedPoint> candidates, Path data) {
    StringBuilder b = new StringBuilder(data.toString());
    for (GridPlan.PlannedPoint p : candidates) b.append('\n').append(TrainRecipes.yaml(x, p));
    return dev.sluice.core.config.RecipeFile.sha256(b.toString());
  }

  public static Map<String, Tuned> run(
      Experiment x,
      GridPlan.Plan plan,
      Map<String, Path> arms,
      Launcher launcher,
      ScaleProgress progress)
      throws IOException {
    Path data = arms.get(x.arms().get(0).name());
    Map<String, Tuned> out = new LinkedHashMap<>();
    for (Experiment.Size size : x.model().sizes()) {
      List<GridPlan.PlannedPoint> runs = candidates(x, plan, size);
      if (runs.isEmpty()) continue;
      Map<String, Double> losses = new LinkedHashMap<>();
      double best = Double.NaN, bestLoss = Double.POSITIVE_INFINITY;
      for (GridPlan.PlannedPoint p : runs) {
        double loss = train(x, p, data, launcher, progress);
        losses.put(
            String.format(Locale.ROOT, "%.4g", p.size().lr()), Double.isFinite(loss) ? loss : null);
        if (loss < bestLoss) {
          bestLoss = loss;
          best = p.size().lr();
        }
      }
      if (Double.isNaN(best)) {
        throw new dev.sluice.core.cli.RunFailedException(
            "tuning " + size.name() + ": no candidate learning rate gave a finite validation loss",
            null);
      }
      out.put(size.name(), new Tuned(best, losses, inputsSha256(x, runs, data)));
      progress.line(
          String.format(
              Locale.ROOT,
              "tune %s: lr %.4g (validation loss by lr: %s)",
              size.name(),
              best,
              losses));
    }
    AtomicFiles.write(x.output().resolve(FILE), JSON.writeValueAsString(out) + "\n");
    return out;
  }

  private static double train(
      Experiment x, GridPlan.PlannedPoint p, Path data, Launcher launcher, ScaleProgress progress)
      throws IOException {
    Path dir = x.output().resolve(p.id());
    String yaml = TrainRecipes.yaml(x, p);
    JsonNode r = PointRuns.finished(dir, yaml, data);
    if (r == null) {
      progress.line("tune: training " + p.id() + " (" + p.steps() + " steps)");
      r =
          PointRuns.train(
              launcher,
              "sluice train (tuning " + p.id() + ")",
              dir,
              yaml,
              data,
              x.device(),
              Map.of());
    }
    return loss(r);
  }

  private static double loss(JsonNode r) {
    JsonNode v = r.path("final_val_loss");
    return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : Double.POSITIVE_INFINITY;
  }

  /**
   * The tuned rates of an earlier run (for --fit-only), by size name; refused when they were tuned for other
   * settings (base rates, factors, budgets, seeds, or another reference arm).
   */
  public static Map<String, Tuned> read(Experiment x, GridPlan.Plan plan, Path data)
      throws IOException {
    Path f = x.output().resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new UsageException(
          "--fit-only: "
              + f
              + " is missing: the learning rates were never tuned; run without --fit-only first");
    }
    Map<String, Tuned> tuned =
        JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Tuned>>() {});
    for (Experiment.Size size : x.model().sizes()) {
      List<GridPlan.PlannedPoint> runs = candidates(x, plan, size);
      if (runs.isEmpty()) continue;
      Tuned t = tuned.get(size.name());
      if (t == null || !inputsSha256(x, runs, data).equals(t.inputsSha256())) {
        throw new UsageException(
            "--fit-only: "
                + f
                + " was tuned for other settings ("
                + size.name()
                + "'s rate, the factors, budgets, seeds or the reference arm changed): run without --fit-only");
      }
    }
    return tuned;
  }

  /** The chosen rate of each size. */
  public static Map<String, Double> rates(Map<String, Tuned> tuned) {
    Map<String, Double> out = new LinkedHashMap<>();
    tuned.forEach((k, v) -> out.put(k, v.lr()));
    return out;
  }
}
