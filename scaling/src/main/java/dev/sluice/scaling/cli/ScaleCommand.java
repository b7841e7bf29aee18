package dev.sluice.scaling.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.cli.RunFailedException;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.scaling.analysis.ScaleAnalysis;
import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import dev.sluice.scaling.experiment.ImageExperiment;
import dev.sluice.scaling.pool.PreparedPool;
import dev.sluice.scaling.report.ScaleReportData;
import dev.sluice.scaling.report.ScaleReportHtml;
import dev.sluice.scaling.run.Launcher;
import dev.sluice.scaling.run.LrTuning;
import dev.sluice.scaling.run.PointResult;
import dev.sluice.scaling.run.Registry;
import dev.sluice.scaling.run.ScaleProgress;
import dev.sluice.scaling.run.ScaleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice scale EXPERIMENT.yaml}: run what the experiment lacks, fit, and write the report. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Curate each data arm, train the grid of model sizes and budgets, fit scaling laws and say what "
            + "each curation step is worth in compute, with 95%% intervals.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice scale samples/experiments/smoke.yaml",
      "  bin/sluice scale samples/experiments/data-vs-compute.yaml --fit-only",
      "  bin/sluice scale samples/experiments/smoke.yaml --force raw/l1-d16/C1e10/s1",
      "  bin/sluice scale samples/experiments/images-smoke.yaml          # kind: images (augmentation arms)",
      "",
      "Writes OUTPUT/pool/, eval/, arms/, runs/, points.jsonl (the registry: a rerun skips finished points),",
      "report.json and report.html (docs/scaling.md).",
      "Exit codes: 0 done, 2 bad experiment file or option, 1 a curation or training run failed."
    })
public final class ScaleCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment file (YAML)")
  Path file;

  @Option(
      names = "--fit-only",
      description = "train nothing: refit and re-render from the finished points")
  boolean fitOnly;

  @Option(names = "--plan", description = "print the grid (points, steps, tokens, FLOPs) and exit")
  boolean planOnly;

  @Option(
      names = "--force",
      paramLabel = "POINT",
      description = "train this point again (repeatable), e.g. raw/l1-d16/C1e10/s1")
  List<String> force = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override an experiment key, e.g. device=gpu")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--verbose", description = "stack traces on errors")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!force.isEmpty() && (fitOnly || planOnly)) {
      throw new UsageException(
          "--force trains points again; --fit-only and --plan train nothing: use one of them");
    }
    Map<String, Object> map = dev.sluice.core.config.RecipeFile.load("experiment", file, overrides);
    if (ImageExperiment.is(map)) {
      String fallback = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      return ImageScale.call(
          ImageExperiment.parse(map, fallback, Path.of("")), fitOnly, planOnly, force);
    }
    Experiment x = Experiment.load(file, overrides);
    GridPlan.Plan plan = GridPlan.of(x);
    if (plan.points().isEmpty()) {
      throw new UsageException(
          "grid: no point to train: "
              + plan.skipped().stream()
                  .map(s -> s.size() + " at " + GridPlan.budget(s.budget()) + ": " + s.reason())
                  .collect(Collectors.joining("; ")));
    }
    ScaleProgress progress = new ScaleProgress(System.out);
    if (!force.isEmpty() && (fitOnly || planOnly)) {
      throw new UsageException(
          "--force trains points again; --fit-only and --plan train nothing: use one of them");
    }
    if (planOnly) {
      for (GridPlan.PlannedPoint p : plan.points()) {
        System.out.printf(
            java.util.Locale.ROOT,
            "%-32s %,12d params %,8d steps %,14d tokens %.3g FLOPs%n",
            p.id(),
            p.params(),
            p.steps(),
            p.tokens(),
            p.flops());
      }
      plan.skipped()
          .forEach(
              s ->
                  System.out.println(
                      "skipped "
                          + s.size()
                          + " at "
                          + GridPlan.budget(s.budget())
                          + ": "
                          + s.reason()));
      return 0;
    }
    Set<String> ids =
        plan.points().stream().map(GridPlan.PlannedPoint::id).collect(Collectors.toSet());
    for (String f : force) {
      if (!ids.contains(f)) {
        throw new UsageException(
            "--force " + f + ": no such point in the grid" + DidYouMean.hint(f, ids));
      }
    }
    Launcher launcher = new Launcher();
    ScaleRunner runner = new ScaleRunner(x, launcher, progress);
    Registry<PointResult> registry = new Registry<>(x.output(), PointResult.class);
    PreparedPool.Summary pool;
    List<PointResult> results;
    Map<String, LrTuning.Tuned> tuned = Map.of();
    if (fitOnly) {
      pool = PreparedPool.read(x.output().resolve("pool"));
      if (pool == null)
        throw new UsageException(
            "--fit-only: " + x.output() + " has no pool yet: run without it first");
      if (!x.model().tuneLr().isEmpty()) {
        tuned = LrTuning.read(x, plan, runner.armDirs(pool).get(x.arms().get(0).name()));
        x = x.withLearningRates(LrTuning.rates(tuned));
        plan = GridPlan.of(x);
      }
      results =
          ScaleRunner.finishedPoints(
              x, plan.points(), registry, runner.armDirs(pool), runner.evalDirs());
      if (results.isEmpty()) {
        throw new UsageException(
            "--fit-only: none of the grid's points is finished in "
                + x.output()
                + " (for this experiment's recipes and data): run without --fit-only first");
      }
    } else {
      for (Experiment.Arm arm : x.arms()) {
        List<String> args = new ArrayList<>(List.of(arm.recipe().toString(), "--check"));
        arm.set().forEach(s -> args.addAll(List.of("--set", s)));
        launcher.checkRecipe("arm " + arm.name() + " (" + arm.recipe() + ")", args);
      }
      pool = runner.pool();
      Map<String, Path> eval = runner.evalSets();
      Map<String, Path> arms = runner.arms(pool);
      if (!x.model().tuneLr().isEmpty()) {
        tuned = LrTuning.run(x, plan, arms, launcher, progress);
        x = x.withLearningRates(LrTuning.rates(tuned));
        plan = GridPlan.of(x);
        runner = new ScaleRunner(x, launcher, progress);
      }
      for (String f : force) {
        registry.remove(f);
        ScaleRunner.deletePoint(x.output(), f);
        progress.line("--force: " + f + " will be trained again");
      }
      try {
        runner.train(plan.points(), arms, eval, registry);
      } catch (RunFailedException failed) {
        // the points finished so far are reported before the failure is
        List<PointResult> done = ScaleRunner.finishedPoints(x, plan.points(), registry, arms, eval);
        if (!done.isEmpty()) report(x, plan, tuned, pool, done);
        throw failed;
      }
      results = ScaleRunner.finishedPoints(x, plan.points(), registry, arms, eval);
    }
    int stale =
        (int)
            registry.all().stream()
                .filter(r -> results.stream().noneMatch(d -> d.id().equals(r.id())))
                .count();
    if (stale > 0) {
      progress.line(
          stale
              + " point(s) in the registry were trained for other recipes or data: left out of the fit");
    }
    List<ScaleAnalysis.SetAnalysis> sets = report(x, plan, tuned, pool, results);
    System.out.println();
    sets.get(0).verdict().forEach(v -> System.out.println("  " + v));
    System.out.println(
        "sluice scale: "
            + results.size()
            + " of "
            + plan.points().size()
            + " points; report "
            + x.output().resolve("report.html"));
    return 0;
  }

  /** Each arm compared with another besides the reference (a curriculum arm -> its random control). */
  static Map<String, String> controls(Experiment x) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Experiment.Arm a : x.arms()) if (a.against() != null) out.put(a.name(), a.against());
    return out;
  }

  /** Fits the finished points and writes report.json and report.html; returns the analyses. */
  static List<ScaleAnalysis.SetAnalysis> report(
      Experiment x,
      GridPlan.Plan plan,
      Map<String, LrTuning.Tuned> tuned,
      PreparedPool.Summary pool,
      List<PointResult> results)
      throws java.io.IOException {
    List<String> armOrder = x.arms().stream().map(Experiment.Arm::name).toList();
    List<ScaleAnalysis.SetAnalysis> sets = new ArrayList<>();
    String other = x.eval().primary().equals("clean") ? "holdout" : "clean";
    for (String set : List.of(x.eval().primary(), other)) {
      sets.add(
          ScaleAnalysis.analyse(results, armOrder, controls(x), set, x.resamples(), x.fitSeed()));
    }
    ObjectNode data =
        ScaleReportData.of(x.name(), x.resolved(), tuned, pool, results, plan.skipped(), sets);
    Files.createDirectories(x.output());
    AtomicFiles.write(
        x.output().resolve("report.json"),
        ScaleReportData.JSON_WRITER.writeValueAsString(data) + "\n");
    AtomicFiles.write(x.output().resolve("report.html"), ScaleReportHtml.render(data));
    return sets;
  }
}
