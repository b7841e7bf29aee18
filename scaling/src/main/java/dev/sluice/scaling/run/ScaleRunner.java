package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.core.run.RunDir;
import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import dev.sluice.scaling.pool.JsonLines;
import dev.sluice.scaling.pool.NoisyProsePool;
import dev.sluice.scaling.pool.PoolDoc;
import dev.sluice.scaling.pool.PreparedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs what an experiment still lacks, in order: the pool (split, decontaminated), the evaluation sets as run
 * directories, each arm's curation (cached by recipe + pool hash), then every planned point not in the registry.
 * Everything is keyed so a rerun redoes nothing finished.
 */
public final class ScaleRunner {
  static final ObjectMapper JSON = new ObjectMapper();
  private final Experiment x;
  private final Path out;
  private final Launcher launcher;
  private final ScaleProgress progress;

  public ScaleRunner(Experiment x, Launcher launcher, ScaleProgress progress) {
    this.x = x;
    this.out = x.output();
    this.launcher = launcher;
    this.progress = progress;
  }

  /** The pool, prepared or reused. */
  public PreparedPool.Summary pool() throws IOException {
    Path dir = out.resolve("pool");
    String key = RecipeFile.sha256(RecipeFile.canonicalJson(poolSettings()));
    PreparedPool.Summary s = PreparedPool.existing(dir, key);
    if (s != null) {
      progress.line("pool: reused " + dir + " (" + s.train() + " training documents)");
      return s;
    }
    progress.line("pool: building and decontaminating " + dir);
    List<PoolDoc> raw, clean;
    if (x.pool().builtin() != null) {
      NoisyProsePool.Built b = NoisyProsePool.build(x.pool().builtin());
      raw = b.pool();
      clean = b.cleanEval();
    } else {
      raw = JsonLines.docs(x.pool().path(), x.pool().idField(), x.pool().textField(), "input");
      clean = JsonLines.docs(x.eval().clean(), "id", "text", "clean");
    }
    s =
        PreparedPool.prepare(
            dir, key, raw, clean, x.eval().holdoutFraction(), x.eval().nearJaccard());
    progress.line(
        String.format(
            Locale.ROOT,
            "pool: %,d raw documents -> %,d train, %,d held out, %,d clean reference;"
                + " %,d exact and %,d near copies of evaluation documents removed",
            s.raw(),
            s.train(),
            s.holdout(),
            s.clean(),
            s.decontaminatedExact(),
            s.decontaminatedNear()));
    return s;
  }

  private Map<String, Object> poolSettings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pool", x.resolved().get("pool"));
    m.put("eval", x.resolved().get("eval"));
    return m;
  }

  /** Each evaluation set as a run directory (parse only), made once. */
  public Map<String, Path> evalSets() throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String name : List.of("clean", "holdout")) {
      Path jsonl =
          this.out
              .resolve("pool")
              .resolve(name.equals("clean") ? PreparedPool.CLEAN : PreparedPool.HOLDOUT);
      Path dir =
          this.out.resolve("eval").resolve(name + "-" + RunDir.sha256(jsonl).substring(0, 12));
      if (!Files.isRegularFile(dir.resolve(RunDir.MANIFEST))) {
        Path recipe = this.out.resolve("eval").resolve(name + ".yaml");
        Files.createDirectories(recipe.getParent());
        Files.writeString(
            recipe,
            "# the evaluation set, parsed only (written by sluice scale)\nname: eval-"
                + name
                + "\ninput: {format: jsonl, path: "
                + quote(jsonl)
                + "}\noutput: {path: "
                + quote(dir)
                + "}\n");
        progress.line("eval: " + name + " set -> " + dir);
        launcher.run(
            "sluice run (" + name + " evaluation set)",
            dir.resolveSibling(name + ".log"),
            "run",
            List.of(recipe.toString(), "--no-report"));
      }
      out.put(name, dir);
    }
    return out;
  }

  /** Every arm curated from the pool, by the real pipeline; cached by recipe and pool hash. */
  public Map<String, Path> arms(PreparedPool.Summary pool) throws IOException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    Path train = out.resolve("pool").resolve(PreparedPool.TRAIN);
    for (Experiment.Arm arm : x.arms()) {
      Map<String, Object> recipe = RecipeFile.load("curation recipe", arm.recipe(), arm.set());
      String key = RecipeFile.sha256(RecipeFile.canonicalJson(recipe) + "\n" + pool.trainSha256());
      Path dir = out.resolve("arms").resolve(arm.name() + "-" + key.substring(0, 12));
      if (Files.isRegularFile(dir.resolve(RunDir.MANIFEST))) {
        progress.line("arm " + arm.name() + ": curated already (" + dir + ")");
      } else {
        progress.line(
            "arm " + arm.name() + ": curating the pool with " + arm.recipe() + " -> " + dir);
        List<String> args =
            new ArrayList<>(
                List.of(
                    arm.recipe().toString(),
                    "--input",
                    train.toString(),
                    "--output",
                    dir.toString(),
                    "--no-report"));
        for (String s : arm.set()) args.addAll(List.of("--set", s));
        launcher.run(
            "sluice run (arm " + arm.name() + ")",
            dir.resolveSibling(arm.name() + ".log"),
            "run",
            args);
      }
      dirs.put(arm.name(), dir);
    }
    return dirs;
  }

  /** Trains every planned point the registry lacks. */
  public void train(
      List<GridPlan.PlannedPoint> plan,
      Map<String, Path> arms,
      Map<String, Path> eval,
      Registry registry)
      throws IOException {
    progress.startGrid(plan, registry);
    for (GridPlan.PlannedPoint p : plan) {
      if (registry.has(p.id())) continue;
      Path dir = out.resolve("runs").resolve(p.id());
      Files.createDirectories(dir);
      Path recipe = dir.resolve("train.yaml");
      String yaml = TrainRecipes.yaml(x, p);
      PointResult adopted = adopt(p, dir, yaml);
      if (adopted == null) {
        if (Files.isRegularFile(recipe) && !Files.readString(recipe).equals(yaml)) {
          progress.line("point " + p.id() + ": its training recipe changed; starting it again");
          Dirs.delete(dir);
          Files.createDirectories(dir);
        }
        Files.writeString(recipe, yaml);
        progress.startPoint(p);
        List<String> args =
            new ArrayList<>(
                List.of(
                    recipe.toString(),
                    "--data",
                    arms.get(p.arm().name()).toString(),
                    "--output",
                    dir.toString(),
                    "--device",
                    x.device(),
                    "--quiet"));
        eval.forEach((name, d) -> args.addAll(List.of("--eval", name + "=" + d)));
        if (Files.isDirectory(dir.resolve("checkpoints"))) args.add("--resume");
        launcher.run(
            "sluice train (point " + p.id() + ")", dir.resolve("train.log"), "train", args);
        adopted = read(p, dir);
      }
      registry.add(adopted);
      progress.donePoint(adopted);
    }
  }

  /** A point whose training finished but whose registry line was lost (the parent was killed): read it back. */
  private PointResult adopt(GridPlan.PlannedPoint p, Path dir, String yaml) throws IOException {
    Path recipe = dir.resolve("train.yaml");
    if (!Files.isRegularFile(dir.resolve("result.json")) || !Files.isRegularFile(recipe))
      return null;
    if (!Files.readString(recipe).equals(yaml)) return null;
    PointResult r = read(p, dir);
    return r.steps() == p.steps() ? r : null;
  }

  static PointResult read(GridPlan.PlannedPoint p, Path dir) throws IOException {
    JsonNode r = JSON.readTree(dir.resolve("result.json").toFile());
    Map<String, Double> bpb = new LinkedHashMap<>();
    r.path("eval")
        .fields()
        .forEachRemaining(e -> bpb.put(e.getKey(), e.getValue().path("bits_per_byte").asDouble()));
    return new PointResult(
        p.id(),
        p.arm().name(),
        p.size().name(),
        p.budget(),
        p.seed(),
        r.path("params").asLong(),
        r.path("flops_per_token").asDouble(),
        r.path("steps").asLong(),
        r.path("tokens").asLong(),
        r.path("flops").asDouble(),
        r.path("unique_tokens").asLong(),
        r.path("epochs").asDouble(),
        r.path("tokens_per_second").asDouble(),
        r.path("wall_seconds").asDouble(),
        r.path("final_val_loss").asDouble(),
        bpb,
        dir.toString());
  }

  /** Deletes a point's run folder (for --force). */
  public static void deletePoint(Path out, String id) throws IOException {
    Dirs.delete(out.resolve("runs").resolve(id));
  }

  static String quote(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }
}
