package dev.sluice.trainer.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.Config;
import dev.sluice.trainer.train.OptimConfig;
import dev.sluice.trainer.train.Schedule;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * An image-classification recipe ({@code task: image_classification}; docs/training.md, "Image classification",
 * lists every field and default). Read by the same recipe loader and config helpers as the LM recipe: an unknown
 * field or a bad value stops the command before anything runs, naming the field.
 *
 * <p>{@code train.epochs} and {@code train.steps} are alternatives; with epochs the step count is known only once
 * the data is read, so the schedule is made by {@link #schedule(int)}.
 */
public record ImageRecipe(
    String name,
    long seed,
    String modelKind,
    int width,
    double valFraction,
    double fraction,
    int imageSize,
    Map<String, Object> augment,
    int batchSize,
    int epochs,
    int steps,
    String scheduleKind,
    float lr,
    float minLrRatio,
    int warmupSteps,
    OptimConfig optim,
    int evalEvery,
    Path evalData,
    int checkpointEvery,
    int checkpointKeep,
    int logEvery,
    Map<String, Object> resolved) {

  public static final String TASK = "image_classification";
  private static final int MAX = Integer.MAX_VALUE;

  public static ImageRecipe parse(Map<String, Object> map) {
    Config top =
        Config.of("", map)
            .allowOnly(
                "name",
                "task",
                "seed",
                "model",
                "data",
                "train",
                "eval",
                "checkpoint",
                "log_every");
    top.getChoice("task", TASK, TASK);
    Config m = top.child("model").allowOnly("kind", "width");
    Config d = top.child("data").allowOnly("val_fraction", "fraction", "image_size", "augment");
    double fraction = d.getDouble("fraction", 1.0);
    if (!(fraction > 0 && fraction <= 1)) {
      throw new Config.ConfigException("data.fraction", fraction, "a share in (0, 1]");
    }
    double val = d.getDouble("val_fraction", 0.1);
    if (!(val > 0 && val < 1)) {
      throw new Config.ConfigException("data.val_fraction", val, "a share in (0, 1)");
    }
    Map<String, Object> augment = d.has("augment") ? d.getSection("augment") : Map.of();
    Augmenter.check(augment); // a bad policy stops the run here, not at the first batch
    Config t =
        top.child("train")
            .allowOnly(
                "batch_size",
                "epochs",
                "steps",
                "lr",
                "min_lr_ratio",
                "warmup_steps",
                "schedule",
                "weight_decay",
                "beta1",
                "beta2",
                "eps",
                "grad_clip");
    // a null value (--set train.epochs=null) counts as absent, so an override can switch to steps
    boolean bySteps = t.getString("steps", null) != null;
    if (bySteps && t.getString("epochs", null) != null) {
      throw new Config.ConfigException(
          "train.steps",
          t.getInt("steps", 0, 1, MAX),
          "either train.steps or train.epochs, not both (with --set, add train.epochs=null)");
    }
    int steps = bySteps ? t.getInt("steps", 0, 1, MAX) : 0;
    int epochs = bySteps ? 0 : t.getInt("epochs", 5, 1, MAX);
    String schedule = t.getChoice("schedule", "cosine", "cosine", "wsd", "constant");
    OptimConfig optim =
        new OptimConfig(
            (float) t.getDouble("beta1", 0.9),
            (float) t.getDouble("beta2", 0.999),
            (float) t.getDouble("eps", 1e-8),
            (float) t.getDouble("weight_decay", 1e-4),
            (float) t.getDouble("grad_clip", 0));
    Config e = top.child("eval").allowOnly("every", "data");
    Config c = top.child("checkpoint").allowOnly("every", "keep");
    String evalData = e.getString("data", null);
    return new ImageRecipe(
        top.getString("name", "train"),
        top.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        m.getChoice("kind", "cnn", "cnn", "mlp"),
        m.getInt("width", 16, 1, 4096),
        val,
        fraction,
        d.getInt("image_size", 28, 4, 1024),
        augment,
        t.getInt("batch_size", 64, 1, MAX),
        epochs,
        steps,
        schedule,
        (float) t.getDouble("lr", 1e-3),
        (float) t.getDouble("min_lr_ratio", 0.0),
        t.getInt("warmup_steps", 0, 0, MAX),
        optim,
        e.getInt("every", 0, 1, MAX),
        evalData == null ? null : Path.of(evalData),
        c.getInt("every", 0, 1, MAX),
        c.getInt("keep", 2, 1, MAX),
        top.getInt("log_every", 20, 1, MAX),
        map);
  }

  /** Total steps: {@code train.steps}, or epochs × steps per epoch. */
  public int totalSteps(int stepsPerEpoch) {
    return steps > 0 ? steps : Math.multiplyExact(epochs, stepsPerEpoch);
  }

  public Schedule schedule(int total) {
    if (warmupSteps > total) {
      throw new Config.ConfigException(
          "train.warmup_steps", warmupSteps, "at most the run's " + total + " steps");
    }
    return new Schedule(Schedule.kind(scheduleKind), lr, minLrRatio, warmupSteps, total, 0.2);
  }

  /** Evaluation period: {@code eval.every}, else a tenth of the run. */
  public int evalEvery(int total) {
    return evalEvery > 0 ? evalEvery : Math.max(1, total / 10);
  }

  public int checkpointEvery(int total) {
    return checkpointEvery > 0 ? checkpointEvery : Math.max(1, total / 4);
  }

  /** SHA-256 of the recipe as resolved (after --set), to tie checkpoints and results to it. */
  public String sha256() {
    try {
      byte[] canonical = new ObjectMapper().writeValueAsBytes(resolved);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
