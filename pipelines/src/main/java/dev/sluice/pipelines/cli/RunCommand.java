package dev.sluice.pipelines.cli;

import dev.sluice.core.config.Config;
import dev.sluice.core.run.RunDir;
import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.recipe.RecipeLoader;
import dev.sluice.pipelines.run.Curation;
import dev.sluice.pipelines.run.CurriculumModel;
import dev.sluice.pipelines.run.ImageCuration;
import dev.sluice.pipelines.run.Ledger;
import dev.sluice.pipelines.run.QualityModels;
import dev.sluice.pipelines.run.RunDirectory;
import dev.sluice.pipelines.run.RunSummary;
import dev.sluice.pipelines.run.Runners;
import dev.sluice.pipelines.steps.Progress;
import dev.sluice.schemas.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice run RECIPE.yaml}: curate, write the run directory, print a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a curation recipe and write OUT/{shards,removed,dead-letters}/ and OUT/manifest.json.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice run samples/recipes/quickstart.yaml",
      "  bin/sluice run samples/recipes/quickstart.yaml --output /tmp/qs --set language.keep=[en,de]",
      "  bin/sluice run samples/recipes/web-en.yaml --input 'crawl/2026-11-22/*.jsonl.zst' --runner direct"
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RECIPE.yaml", description = "the recipe")
  Path recipe;

  @Option(names = "--input", paramLabel = "GLOB", description = "replaces input.path")
  String input;

  @Option(names = "--output", paramLabel = "DIR", description = "replaces output.path")
  String output;

  @Option(
      names = "--runner",
      defaultValue = "embedded",
      description = "embedded (default), direct or flink")
  String runner;

  @Option(
      names = "--flink-master",
      paramLabel = "HOST:PORT",
      description = "the Flink JobManager, with --runner flink")
  String flinkMaster;

  @Option(
      names = "--parallelism",
      defaultValue = "0",
      description =
          "workers (default: one per core; on the embedded runner, one for a text input of at most"
              + " 1 MiB, where a second worker's tasks cost more than they share)")
  int parallelism;

  /**
   * Text inputs up to this size (compressed files counted at 4x, as for the JIT choice) run on one worker unless
   * {@code --parallelism} says otherwise: with the cluster started ahead, a one-record run's wall follows its CPU,
   * and a second worker doubles the job's task deployments (one record: 7.2-7.9 s against 8.2-8.9 s; 256 KB:
   * 8.5 s against 9.1-10.4 s; 1 MB: even; BENCHMARKS.md "Fixed cost of a run"). Shards do not depend on it.
   */
  static final long ONE_WORKER_MAX_BYTES = 1L << 20;

  /** The workers to ask for: the user's number, or one for a small embedded text run, else 0 (one per core). */
  static int workers(int requested, String runner, List<String> files) {
    if (requested > 0 || !runner.equals("embedded")) return requested; // measured there only
    long limit = Long.getLong("sluice.oneWorkerMaxBytes", ONE_WORKER_MAX_BYTES);
    return InputFiles.sized(files, JitChoice.over(limit, Long.MAX_VALUE, JitChoice.TEXT)) != null
        ? 1
        : 0;
  }

  @Option(
      names = "--restarts",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "with --runner flink: restart the job up to N times after a failure such as a lost TaskManager"
              + " (fixed delay; 0: none; default ${DEFAULT-VALUE})")
  int restarts;

  @Option(
      names = "--restart-delay",
      defaultValue = "2",
      paramLabel = "SECONDS",
      description = "with --runner flink: wait between restarts (default ${DEFAULT-VALUE})")
  int restartDelay;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a recipe key, e.g. dedup.near.bands=16")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--force",
      description = "run a partition the ledger says is published, replacing its output")
  boolean force;

  @Option(
      names = "--no-report",
      description = "skip the quality report (report.html/json) and its statistics")
  boolean noReport;

  @Option(
      names = "--check",
      description =
          "only check the recipe and the options, not that the input is there yet (an experiment checks"
              + " its arms before it makes their input): exit 0 when they are valid, 2 naming the first"
              + " problem")
  boolean check;

  @Option(names = "--verbose", description = "stack traces on failure")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    List<String> all = new ArrayList<>(overrides);
    if (input != null) all.add("input.path=" + quote(input));
    if (output != null) all.add("output.path=" + quote(output));
    Map<String, Object> map = RecipeLoader.loadMap(recipe, all);
    checkOptions();
    if (ImageRecipe.isImage(map)) return runImages(ImageRecipe.from(map));
    Recipe r = Recipe.from(map);
    checkOutput(r.output().path());
    if (check) {
      CurriculumModel.check(r.curriculum());
      QualityModels.check(r.qualityModel(), r.input().format());
      if (r.decontaminate() != null) EvalSets.load(r.decontaminate().spec());
      System.out.println("sluice run: " + recipe + ": recipe '" + r.name() + "' is valid");
      return 0;
    }
    Ledger ledger = r.ledger() == null ? null : new Ledger(Path.of(r.ledger()));
    if (ledger != null && !force) {
      Ledger.Entry done = ledger.get(r.partition());
      if (done != null) {
        System.out.printf(
            Locale.ROOT,
            "sluice run: partition %s is already published in %s (%s, manifest sha256 %s,"
                + " %,d kept); nothing to do. --force replaces it.%n",
            r.partition(),
            done.output(),
            done.finished(),
            done.manifest_sha256(),
            done.kept());
        return 0;
      }
    }
    List<String> files = InputFiles.expand(r.input().paths(), false, jitSizer(false));
    if (files == null) return relaunchLarge(false);
    var options =
        Runners.options(
            runner,
            flinkMaster,
            workers(parallelism, runner, files),
            new Runners.Restarts(restarts, restartDelay));
    Progress.reset();
    ProgressLine progress = new ProgressLine(System.console() != null, runner.equals("flink"));
    RunSummary s;
    try {
      progress.start();
      Runners.startEmbeddedCluster(options);
      s = Curation.run(r, files, Path.of(r.output().path()), runner, options, !noReport);
    } finally {
      Runners.release();
      progress.stop();
    }
    printSummary(s);
    if (ledger != null) {
      Manifest m = s.manifest();
      ledger.record(
          r.partition(),
          new Ledger.Entry(
              s.dir().toString(),
              RunDir.sha256(s.dir().resolve(RunDirectory.MANIFEST)),
              m.recipe_sha256(),
              m.counts().input(),
              m.counts().kept(),
              m.finished()));
      System.out.println("  ledger: partition " + r.partition() + " recorded in " + r.ledger());
    }
    return 0;
  }

  /**
   * What sizes the input files as they are listed, so that a large input on a local runner runs again in a child JVM
   * with the tiered JIT ({@link JitChoice}); null where the run stays here whatever its size. Images use the same
   * threshold with compressed containers counted at their size (their JPEG or PNG bytes hardly shrink): on the
   * sample photos C2 pays for its compilations from about 300 files (~60 MB) on, so inputs of 60-96 MiB of photos
   * still run on C1 at up to ~20 % more CPU; on 28x28 images C1 was cheaper still at 100,000 files (50 MB) and the
   * tiered JIT at 400,000 (BENCHMARKS.md, "Photos: the JIT, the pixel SHA-256 and the luma plane" and "28x28 at scale").
   */
  private InputFiles.Sizer jitSizer(boolean images) {
    return runner.equals("flink")
        ? null
        : JitChoice.sizer(images ? JitChoice.IMAGES : JitChoice.TEXT);
  }

  /**
   * {@link #jitSizer(boolean)} for an image recipe: an image_folder with perceptual dedup also goes to the tiered JIT
   * above {@link JitChoice#c1MaxDedupImages()} files (one file, one image), however small they are.
   */
  private InputFiles.Sizer jitSizer(ImageRecipe r) {
    if (!perceptualFolder(r) || runner.equals("flink")) return jitSizer(true);
    return JitChoice.sizer(JitChoice.IMAGES, JitChoice.c1MaxDedupImages());
  }

  /** Whether the recipe is an image_folder with perceptual dedup: its JIT is chosen by files too. */
  static boolean perceptualFolder(ImageRecipe r) {
    return r.dedup() != null
        && r.dedup().perceptual() != null
        && r.input().format().equals(ImageInput.FOLDER);
  }

  /** Runs this command again in a child JVM with the large-input JIT flags; returns its exit code. */
  private int relaunchLarge(boolean perceptualFolder) throws Exception {
    List<String> jit = JitChoice.largeInputFlags();
    System.err.printf(
        Locale.ROOT,
        "sluice run: over %s of input%s: running with the large-input JIT flags (%s)%n",
        JitChoice.c1MaxBytes() >= 1 << 20
            ? String.format(Locale.ROOT, "%,d MiB", JitChoice.c1MaxBytes() >> 20)
            : String.format(Locale.ROOT, "%,d bytes", JitChoice.c1MaxBytes()),
        perceptualFolder
            ? String.format(
                Locale.ROOT,
                ", or over %,d files in an image folder with perceptual dedup",
                JitChoice.c1MaxDedupImages())
            : "",
        String.join(" ", jit));
    return JitChoice.relaunch(jit, spec.root().commandLine().getParseResult().originalArgs());
  }

  /** The options alone, as a run would refuse them, so that --check refuses them too. */
  private void checkOptions() {
    new Runners.Restarts(restarts, restartDelay); // refuses negative values
    Runners.check(runner, flinkMaster, parallelism);
  }

  /** The run directory must be a folder or not yet exist (a file there failed the run with its bare name). */
  private static void checkOutput(String path) {
    if (Files.exists(Path.of(path)) && !Files.isDirectory(Path.of(path))) {
      throw new Config.ConfigException("output.path", path, "a folder for the run (it is a file)");
    }
  }

  /** An image recipe (input.format image_folder, webdataset or image_parquet): {@link ImageCuration}. */
  private int runImages(ImageRecipe r) throws Exception {
    checkOutput(r.output().path());
    if (check) {
      System.out.println("sluice run: " + recipe + ": image recipe '" + r.name() + "' is valid");
      return 0;
    }
    List<String> files = ImageCuration.files(r, jitSizer(r));
    if (files == null) return relaunchLarge(perceptualFolder(r));
    var options =
        Runners.options(
            runner, flinkMaster, parallelism, new Runners.Restarts(restarts, restartDelay));
    Progress.reset();
    ProgressLine progress = new ProgressLine(System.console() != null, runner.equals("flink"));
    RunSummary s;
    try {
      progress.start();
      Runners.startEmbeddedCluster(options);
      s = ImageCuration.run(r, files, Path.of(r.output().path()), runner, options, !noReport);
    } finally {
      Runners.release();
      progress.stop();
    }
    printSummary(s);
    return 0;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static void printSummary(RunSummary s) {
    Manifest.Counts c = s.manifest().counts();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%nsluice run: %s -> %s%n", s.manifest().recipe().get("name"), s.dir()));
    b.append(String.format(Locale.ROOT, "  input        %,10d%n", c.input()));
    long originals = c.kept() - c.augmented();
    b.append(
        String.format(
            Locale.ROOT, "  kept         %,10d  (%.1f%%)%n", originals, pct(originals, c.input())));
    if (c.augmented() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "  augmented    %,10d  copies added (%,d rows written)%n",
              c.augmented(),
              c.kept()));
    }
    b.append(String.format(Locale.ROOT, "  filtered     %,10d%n", c.filteredTotal()));
    c.filtered().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                b.append(String.format(Locale.ROOT, "    %-40s %,8d%n", e.getKey(), e.getValue())));
    List<String> kinds =
        c.duplicate().containsKey("perceptual")
            ? List.of("exact", "perceptual")
            : List.of("exact", "near", "history");
    StringBuilder dups = new StringBuilder();
    for (String k : kinds) {
      dups.append(dups.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %,d", k, c.duplicate().getOrDefault(k, 0L)));
    }
    b.append(String.format(Locale.ROOT, "  duplicate    %,10d  (%s)%n", c.duplicateTotal(), dups));
    b.append(String.format(Locale.ROOT, "  dead letter  %,10d%n", c.dead_letter()));
    s.manifest()
        .dead_letter_reasons()
        .forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %-40s %,8d%n", k, v)));
    if (s.manifest().warc() != null) { // records skipped by rule, outside the counts (docs/web.md)
      b.append(
          String.format(
              Locale.ROOT,
              "  warc records %,10d  (skipped by rule: %s)%n",
              s.manifest().warc().get("records"),
              s.manifest().warc().get("skipped")));
    }
    b.append("  stages (docs in -> out, CPU seconds):\n");
    for (Manifest.Stage st : s.manifest().stages()) {
      b.append(
          String.format(
              Locale.ROOT,
              "    %-12s %,9d -> %,9d  %7.2fs%n",
              st.name(),
              st.in(),
              st.out(),
              st.seconds()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "  %d shards, wall %.1fs, %,.0f docs/s end to end, peak heap %,d MB%n",
            s.manifest().shards().size(),
            s.wallSeconds(),
            s.docsPerSecond(),
            peakHeapMb()));
    System.out.print(b);
  }

  /** Sum of the heap pools' peak usage (an upper bound on the peak heap) of this JVM, which ran the pipeline. */
  static long peakHeapMb() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean p :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == java.lang.management.MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    }
    return peak >> 20;
  }

  private static double pct(long a, long b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }
}
