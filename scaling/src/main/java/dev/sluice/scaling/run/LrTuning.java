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

  /** One size's candidates (lr, validation loss) and the rate chosen. */
  public record Tuned(double lr, Map<String, Double> candidates) {}

  private LrTuning() {}

  public static Map<String, Tuned> run(
      Experiment x,
      GridPlan.Plan plan,
      Map<String, Path> arms,
      Launcher launcher,
      ScaleProgress progress)
      throws IOException {
    Experiment.Arm ref = x.arms().get(0);
    Map<String, Tuned> out = new LinkedHashMap<>();
    for (Experiment.Size size : x.model().sizes()) {
      GridPlan.PlannedPoint first =
          plan.points().stream()
              .filter(p -> p.size().name().equals(size.name()) && p.arm().name().equals(ref.name()))
              .findFirst()
              .orElse(null);
      if (first == null) continue; // a size no budget uses
      Map<String, Double> candidates = new LinkedHashMap<>();
      double best = Double.NaN, bestLoss = Double.POSITIVE_INFINITY;
      for (double factor : x.model().tuneLr()) {
        double lr = size.lr() * factor;
        Experiment.Size s =
            new Experiment.Size(
                size.name(), size.layers(), size.dModel(), size.heads(), lr, size.batchSize());
        String label = String.format(Locale.ROOT, "%.3g", lr);
        GridPlan.PlannedPoint p =
            new GridPlan.PlannedPoint(
                "tune/" + size.name() + "/lr" + label,
                ref,
                s,
                first.budget(),
                first.seed(),
                first.steps(),
                first.flopsPerToken(),
                first.params(),
                first.context());
        double loss = train(x, p, arms.get(ref.name()), launcher, progress);
        candidates.put(label, loss);
        if (loss < bestLoss) {
          bestLoss = loss;
          best = lr;
        }
      }
      if (Double.isNaN(best)) {
        throw new dev.sluice.core.cli.RunFailedException(
            "tuning " + size.name() + ": no candidate learning rate gave a finite validation loss",
            null);
      }
      out.put(size.name(), new Tuned(best, candidates));
      progress.line(
          String.format(
              Locale.ROOT,
              "tune %s: lr %.3g (validation loss by lr: %s)",
              size.name(),
              best,
              candidates));
    }
    AtomicFiles.write(x.output().resolve(FILE), JSON.writeValueAsString(out) + "\n");
    return out;
  }

  private static double train(
      Experiment x, GridPlan.PlannedPoint p, Path data, Launcher launcher, ScaleProgress progress)
      throws IOException {
    Path dir = x.output().resolve(p.id());
    String yaml = TrainRecipes.yaml(x, p);
    Path recipe = dir.resolve("train.yaml");
    Path result = dir.resolve("result.json");
    if (Files.isRegularFile(result)
        && Files.isRegularFile(recipe)
        && Files.readString(recipe).equals(yaml)) {
      JsonNode r = JSON.readTree(result.toFile());
      if (r.path("finished").asBoolean() && data.toString().equals(r.path("data").asText())) {
        return loss(r);
      }
    }
    Dirs.delete(dir);
    Files.createDirectories(dir);
    Files.writeString(recipe, yaml);
    progress.line("tune: training " + p.id() + " (" + p.steps() + " steps)");
    launcher.run(
        "sluice train (tuning " + p.id() + ")",
        dir.resolve("train.log"),
        "train",
        List.of(
            recipe.toString(),
            "--data",
            data.toString(),
            "--output",
            dir.toString(),
            "--device",
            x.device(),
            "--quiet"));
    return loss(JSON.readTree(result.toFile()));
  }

  private static double loss(JsonNode r) {
    JsonNode v = r.path("final_val_loss");
    return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : Double.POSITIVE_INFINITY;
  }

  /** The tuned rates of an earlier run (for --fit-only), by size name. */
  public static Map<String, Tuned> read(Path out) throws IOException {
    Path f = out.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new UsageException(
          "--fit-only: "
              + f
              + " is missing: the learning rates were never tuned; run without"
              + " --fit-only first");
    }
    return JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Tuned>>() {});
  }

  /** The chosen rate of each size. */
  public static Map<String, Double> rates(Map<String, Tuned> tuned) {
    Map<String, Double> out = new LinkedHashMap<>();
    tuned.forEach((k, v) -> out.put(k, v.lr()));
    return out;
  }
}
