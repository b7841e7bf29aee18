package dev.sluice.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.trainer.data.Curriculum;
import dev.sluice.trainer.data.DataConfig;
import dev.sluice.trainer.model.ModelConfig;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training recipe (YAML; docs/training.md lists every field), read by the shared recipe loader. Unknown fields
 * and bad values stop the command before anything runs, naming the field, the value and what is allowed.
 */
public record TrainRecipe(
    String name,
    long seed,
    ModelConfig model,
    DataConfig data,
    Curriculum curriculum,
    int batchSize,
    Schedule schedule,
    OptimConfig optim,
    int evalEvery,
    int evalSequences,
    int checkpointEvery,
    int checkpointKeep,
    int logEvery,
    Map<String, Object> resolved) {

  private static final int MAX = Integer.MAX_VALUE;

  /** The {@code task} of a byte-LM recipe (the default; {@code image_classification} is ImageRecipe's). */
  public static final String TASK = "language_model";

  public static TrainRecipe load(Path file, List<String> overrides) {
    return parse(RecipeFile.load("training recipe", file, overrides));
  }

  public static TrainRecipe parse(Map<String, Object> map) {
    Config top =
        Config.of("", map)
            .allowOnly(
                "name",
                "task",
                "seed",
                "model",
                "data",
                "curriculum",
                "train",
                "eval",
                "checkpoint",
                "log_every");
    top.getChoice("task", TASK, TASK);
    Config m = top.child("model").allowOnly("n_layer", "d_model", "n_head", "context", "mlp_ratio");
    ModelConfig model =
        new ModelConfig(
            m.getInt("n_layer", 2, 1, MAX),
            m.getInt("d_model", 64, 1, MAX),
            m.getInt("n_head", 4, 1, MAX),
            m.getInt("context", 128, 2, MAX),
            m.getInt("mlp_ratio", 4, 1, MAX));
    Config d =
        top.child("data")
            .allowOnly(
                "id_column",
                "text_column",
                "weight_column",
                "difficulty_column",
                "val_fraction",
                "shuffle_buffer");
    DataConfig dd = DataConfig.defaults();
    Config cur = top.child("curriculum").allowOnly("pacing", "order", "start", "until", "stages");
    if (top.has("curriculum") && !cur.has("order")) {
      // a section without its order would be silently off
      throw new Config.ConfigException(
          "curriculum.order", null, "one of easy_first, hard_first, random (the control), none");
    }
    String order = cur.getChoice("order", "none", "none", "easy_first", "hard_first", "random");
    String difficultyColumn = d.getString("difficulty_column", null);
    if (difficultyColumn == null && (order.equals("easy_first") || order.equals("hard_first"))) {
      difficultyColumn = "difficulty"; // the column a curation recipe's curriculum writes
    }
    DataConfig data =
        new DataConfig(
            d.getString("id_column", dd.idColumn()),
            d.getString("text_column", dd.textColumn()),
            d.getString("weight_column", null),
            difficultyColumn,
            d.getDouble("val_fraction", dd.valFraction()),
            d.getInt("shuffle_buffer", dd.shuffleBuffer(), 1, MAX));
    Config t =
        top.child("train")
            .allowOnly(
                "batch_size",
                "steps",
                "lr",
                "min_lr_ratio",
                "warmup_steps",
                "schedule",
                "decay_fraction",
                "weight_decay",
                "beta1",
                "beta2",
                "eps",
                "grad_clip");
    int steps = t.getInt("steps", 200, 1, MAX);
    int batch = t.getInt("batch_size", 16, 1, MAX);
    Schedule schedule =
        new Schedule(
            Schedule.kind(t.getChoice("schedule", "cosine", "cosine", "wsd", "constant")),
            (float) t.getDouble("lr", 1e-3),
            (float) t.getDouble("min_lr_ratio", 0.1),
            t.getInt("warmup_steps", Math.min(100, steps / 10), 0, steps),
            steps,
            t.getDouble("decay_fraction", 0.2));
    OptimConfig optim =
        new OptimConfig(
            (float) t.getDouble("beta1", 0.9),
            (float) t.getDouble("beta2", 0.95),
            (float) t.getDouble("eps", 1e-8),
            (float) t.getDouble("weight_decay", 0.1),
            (float) t.getDouble("grad_clip", 1.0));
    // built (and so checked) whenever the section is there, even with order none
    Curriculum checked =
        new Curriculum(
            Curriculum.Pacing.valueOf(
                cur.getChoice("pacing", "sqrt", "linear", "sqrt", "step").toUpperCase(Locale.ROOT)),
            order.equals("none")
                ? Curriculum.Order.RANDOM
                : Curriculum.Order.valueOf(order.toUpperCase(Locale.ROOT)),
            cur.getDouble("start", 0.2),
            cur.getDouble("until", 0.8),
            cur.getInt("stages", 4, 1, MAX),
            steps,
            batch);
    Curriculum curriculum = order.equals("none") ? null : checked;
    Config e = top.child("eval").allowOnly("every", "sequences");
    Config c = top.child("checkpoint").allowOnly("every", "keep");
    return new TrainRecipe(
        top.getString("name", "train"),
        top.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        model,
        data,
        curriculum,
        batch,
        schedule,
        optim,
        e.getInt("every", Math.max(1, steps / 10), 1, MAX),
        e.getInt("sequences", 64, 1, MAX),
        c.getInt("every", Math.max(1, steps / 4), 1, MAX),
        c.getInt("keep", 2, 1, MAX),
        top.getInt("log_every", 10, 1, MAX),
        map);
  }

  /** SHA-256 of the recipe as resolved (after --set), to tie checkpoints and summaries to it. */
  public String sha256() {
    try {
      byte[] canonical = new ObjectMapper().writeValueAsBytes(resolved);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
