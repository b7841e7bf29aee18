package dev.sluice.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.trainer.data.DataConfig;
import dev.sluice.trainer.model.ModelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training recipe (YAML; docs/training.md lists every field). Unknown fields and bad values stop the command
 * before anything runs, naming the field, the value and what is allowed.
 */
public record TrainRecipe(String name, long seed, ModelConfig model, DataConfig data, int batchSize,
    Schedule schedule, OptimConfig optim, int evalEvery, int evalSequences, int checkpointEvery,
    int checkpointKeep, int logEvery, JsonNode tree) {

  private static final Map<String, Set<String>> FIELDS = Map.of(
      "", Set.of("name", "seed", "model", "data", "train", "eval", "checkpoint", "log_every"),
      "model", Set.of("n_layer", "d_model", "n_head", "context", "mlp_ratio"),
      "data", Set.of("id_column", "text_column", "weight_column", "difficulty_column", "val_fraction", "shuffle_buffer"),
      "train", Set.of("batch_size", "steps", "lr", "min_lr_ratio", "warmup_steps", "schedule", "decay_fraction",
          "weight_decay", "beta1", "beta2", "eps", "grad_clip"),
      "eval", Set.of("every", "sequences"),
      "checkpoint", Set.of("every", "keep"));

  public static TrainRecipe load(Path file, List<String> overrides) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such training recipe", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the training recipe: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": a training recipe is a YAML mapping");
    ObjectNode tree = (ObjectNode) root;
    for (String o : overrides) applyOverride(tree, o);
    return parse(tree);
  }

  static void applyOverride(ObjectNode tree, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) throw new IllegalArgumentException("--set expects key=value (e.g. train.steps=200), got '" + override + "'");
    String[] path = override.substring(0, eq).split("\\.");
    String raw = override.substring(eq + 1);
    ObjectNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = node.get(path[i]);
      if (child == null || !child.isObject()) node = node.putObject(path[i]);
      else node = (ObjectNode) child;
    }
    JsonNode value;
    try {
      value = new ObjectMapper(new YAMLFactory()).readTree(raw);
    } catch (IOException e) {
      value = JsonNodeFactory.instance.textNode(raw);
    }
    node.set(path[path.length - 1], value == null ? JsonNodeFactory.instance.nullNode() : value);
  }

  public static TrainRecipe parse(ObjectNode tree) {
    checkFields(tree, "");
    for (String section : List.of("model", "data", "train", "eval", "checkpoint")) {
      JsonNode s = tree.get(section);
      if (s != null && !s.isObject()) throw new IllegalArgumentException(section + ": must be a mapping");
      if (s != null) checkFields(s, section);
    }
    Reader r = new Reader(tree);
    ModelConfig model = new ModelConfig(r.integer("model.n_layer", 2), r.integer("model.d_model", 64),
        r.integer("model.n_head", 4), r.integer("model.context", 128), r.integer("model.mlp_ratio", 4));
    DataConfig d = DataConfig.defaults();
    DataConfig data = new DataConfig(r.text("data.id_column", d.idColumn()), r.text("data.text_column", d.textColumn()),
        r.text("data.weight_column", null), r.text("data.difficulty_column", null),
        r.number("data.val_fraction", d.valFraction()), r.integer("data.shuffle_buffer", d.shuffleBuffer()));
    int steps = r.integer("train.steps", 200);
    if (steps < 1) throw new IllegalArgumentException("train.steps must be >= 1, got " + steps);
    int batch = r.integer("train.batch_size", 16);
    if (batch < 1) throw new IllegalArgumentException("train.batch_size must be >= 1, got " + batch);
    Schedule schedule = new Schedule(Schedule.kind(r.text("train.schedule", "cosine")), (float) r.number("train.lr", 1e-3),
        (float) r.number("train.min_lr_ratio", 0.1), r.integer("train.warmup_steps", Math.min(100, steps / 10)), steps,
        r.number("train.decay_fraction", 0.2));
    OptimConfig optim = new OptimConfig((float) r.number("train.beta1", 0.9), (float) r.number("train.beta2", 0.95),
        (float) r.number("train.eps", 1e-8), (float) r.number("train.weight_decay", 0.1),
        (float) r.number("train.grad_clip", 1.0));
    int evalEvery = r.integer("eval.every", Math.max(1, steps / 10));
    int evalSequences = r.integer("eval.sequences", 64);
    int ckEvery = r.integer("checkpoint.every", Math.max(1, steps / 4));
    int ckKeep = r.integer("checkpoint.keep", 2);
    int logEvery = r.integer("log_every", 10);
    if (evalEvery < 1 || evalSequences < 1 || ckEvery < 1 || ckKeep < 1 || logEvery < 1) {
      throw new IllegalArgumentException("eval.every, eval.sequences, checkpoint.every, checkpoint.keep and log_every must be >= 1");
    }
    return new TrainRecipe(r.text("name", "train"), (long) r.number("seed", 0), model, data, batch, schedule, optim,
        evalEvery, evalSequences, ckEvery, ckKeep, logEvery, tree);
  }

  private static void checkFields(JsonNode node, String section) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!FIELDS.get(section).contains(n)) {
        throw new IllegalArgumentException((section.isEmpty() ? "" : section + ".") + n + ": unknown field; allowed: "
            + FIELDS.get(section).stream().sorted().toList());
      }
    }
  }

  /** SHA-256 of the recipe as resolved (after --set), to tie checkpoints and summaries to it. */
  public String sha256() {
    try {
      byte[] canonical = new ObjectMapper().writeValueAsBytes(tree);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Reader(JsonNode tree) {
    JsonNode at(String path) {
      JsonNode n = tree;
      for (String p : path.split("\\.")) {
        n = n == null ? null : n.get(p);
      }
      return n == null || n.isNull() ? null : n;
    }

    int integer(String path, int dflt) {
      JsonNode n = at(path);
      if (n == null) return dflt;
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw new IllegalArgumentException(path + ": expected an integer, got '" + n.asText() + "'");
      }
      return n.intValue();
    }

    double number(String path, double dflt) {
      JsonNode n = at(path);
      if (n == null) return dflt;
      if (!n.isNumber()) throw new IllegalArgumentException(path + ": expected a number, got '" + n.asText() + "'");
      return n.doubleValue();
    }

    String text(String path, String dflt) {
      JsonNode n = at(path);
      if (n == null) return dflt;
      if (!n.isTextual()) throw new IllegalArgumentException(path + ": expected a string, got '" + n + "'");
      return n.textValue();
    }
  }
}
