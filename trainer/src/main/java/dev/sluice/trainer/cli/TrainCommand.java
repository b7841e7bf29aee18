package dev.sluice.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.sluice.core.cli.ExitCodes;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.trainer.image.ImageRecipe;
import dev.sluice.trainer.image.ImageResult;
import dev.sluice.trainer.image.ImageTrainer;
import dev.sluice.trainer.train.Progress;
import dev.sluice.trainer.train.TrainRecipe;
import dev.sluice.trainer.train.TrainResult;
import dev.sluice.trainer.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice train}: train a byte-level LM, or ({@code task: image_classification}) an image classifier, on a run directory's shards. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Train a byte-level transformer LM (or, with task: image_classification, a CNN/MLP image classifier) on the Parquet shards of a Sluice run directory.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice train samples/train/tiny-lm.yaml --data out/quickstart --device cpu",
      "  bin/sluice train samples/train/lm-20m.yaml --data out/web-en --device gpu",
      "  bin/sluice train samples/train/tiny-lm.yaml --data out/quickstart --output out/train/a --resume",
      "  bin/sluice train samples/train/fashion-cnn.yaml --data out/fashion --device cpu",
      "",
      "Writes OUTPUT/metrics.jsonl, OUTPUT/checkpoints/step-N/, OUTPUT/result.json (docs/training.md).",
      "Exit codes: 0 trained, 1 training failed, 2 bad recipe, arguments or data."
    })
public final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RECIPE", description = "training recipe (YAML)")
  Path recipe;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "RUN_DIR",
      description = "a finished Sluice run directory")
  Path data;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      paramLabel = "DEVICE",
      description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
  String device;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "run folder (default out/train/<recipe name>)")
  Path output;

  @Option(names = "--resume", description = "continue from the newest checkpoint in the run folder")
  boolean resume;

  @Option(
      names = "--stop-after",
      paramLabel = "STEPS",
      description =
          "stop (with a checkpoint) after this many steps of the recipe's schedule; --resume continues")
  long stopAfter;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a recipe field, e.g. train.steps=50")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--eval",
      paramLabel = "NAME=RUN_DIR",
      description =
          "also evaluate, at the end, on every document of this run directory (repeatable); result.json's eval")
  java.util.Map<String, Path> evalSets = new java.util.LinkedHashMap<>();

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Option(names = "--verbose", description = "stack traces on errors")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (stopAfter < 0) {
      // 0 is the default (no stop); a negative count once trained the whole schedule
      throw new Config.ConfigException(
          "--stop-after", stopAfter, "a number of steps (0, the default, does not stop)");
    }
    java.util.Map<String, Object> map = RecipeFile.load("training recipe", recipe, overrides);
    String task =
        Config.of("", map).getChoice("task", TrainRecipe.TASK, TrainRecipe.TASK, ImageRecipe.TASK);
    if (task.equals(ImageRecipe.TASK)) return trainImages(ImageRecipe.parse(map));
    TrainRecipe r = TrainRecipe.parse(map);
    Path out = output != null ? output : Path.of("out", "train", r.name());
    Device dev = device(device);
    TrainResult result =
        new Trainer(
                r,
                new Trainer.Options(
                    data,
                    out,
                    dev,
                    resume,
                    stopAfter,
                    quiet ? Progress.none() : Progress.console(),
                    evalSets))
            .run();
    System.out.printf(
        Locale.ROOT,
        "%s: %s %,d steps, %,d tokens, %,d parameters, %.3g FLOPs, %.1f s (%,.0f tokens/s)%n",
        result.finished() ? "trained" : "stopped",
        out,
        result.steps(),
        result.tokens(),
        result.params(),
        result.flops(),
        result.wallSeconds(),
        result.tokensPerSecond());
    System.out.printf(
        Locale.ROOT,
        "validation loss %.4f (%.4f bits/byte), best %.4f at step %d, from %.4f%n",
        result.finalValLoss(),
        result.finalValBpb(),
        result.bestValLoss(),
        result.bestStep(),
        result.initialValLoss());
    result
        .eval()
        .forEach(
            (name, e) ->
                System.out.printf(
                    Locale.ROOT,
                    "eval %s: loss %.4f (%.4f bits/byte)%n",
                    name,
                    e.loss(),
                    e.bitsPerByte()));
    System.out.println("result: " + out.resolve("result.json"));
    return 0;
  }

  private int trainImages(ImageRecipe r) throws java.io.IOException {
    Path out = output != null ? output : Path.of("out", "train", r.name());
    ImageResult result =
        new ImageTrainer(
                r,
                new Trainer.Options(
                    data,
                    out,
                    device(device),
                    resume,
                    stopAfter,
                    quiet ? Progress.none() : Progress.console(),
                    evalSets))
            .run();
    System.out.printf(
        Locale.ROOT,
        "%s: %s %,d steps, %,d images (%.2f epochs of %,d), %,d parameters, %.3g FLOPs, %.1f s (%,.0f images/s)%n",
        result.finished() ? "trained" : "stopped",
        out,
        result.steps(),
        result.images(),
        result.epochs(),
        result.trainImages(),
        result.params(),
        result.flops(),
        result.wallSeconds(),
        result.imagesPerSecond());
    System.out.printf(
        Locale.ROOT,
        "validation loss %.4f accuracy %.4f (best %.4f), from loss %.4f%n",
        result.finalValLoss(),
        result.finalValAccuracy(),
        result.bestValAccuracy(),
        result.initialValLoss());
    if (result.testData() != null) {
      System.out.printf(
          Locale.ROOT,
          "test (%s, %,d images): loss %.4f accuracy %.4f%n",
          result.testData(),
          result.testImages(),
          result.testLoss(),
          result.testAccuracy());
    }
    System.out.println("result: " + out.resolve("result.json"));
    return 0;
  }

  public static Device device(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("cpu")) return Device.cpu();
    if (n.equals("gpu") || n.startsWith("gpu:") || n.equals("cuda")) {
      int id = n.startsWith("gpu:") ? Integer.parseInt(n.substring(4)) : 0;
      int gpus;
      try {
        gpus = Engine.getEngine("PyTorch").getGpuCount();
      } catch (RuntimeException e) {
        throw new UsageException(
            "--device "
                + name
                + ": DJL could not load a libtorch ("
                + rootMessage(e)
                + "). With network, DJL downloads the CUDA libtorch matching the driver on first use; "
                + "offline, set PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR to a CUDA libtorch "
                + "(docs/training.md, GPU)",
            e);
      }
      if (gpus <= id) {
        throw new UsageException(
            "--device "
                + name
                + ": DJL's PyTorch engine sees "
                + gpus
                + " CUDA GPU(s). With network, DJL downloads a CUDA libtorch itself when a GPU and driver are present; "
                + "offline, point PYTORCH_LIBRARY_PATH/PYTORCH_VERSION/PYTORCH_FLAVOR at a CUDA libtorch (docs/training.md)");
      }
      return Device.gpu(id);
    }
    throw new UsageException("--device must be cpu, gpu or gpu:N, got '" + name + "'");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  public static int execute(String... args) {
    return ExitCodes.install(new CommandLine(new TrainCommand()), "sluice train").execute(args);
  }

  public static void main(String[] args) {
    dev.sluice.core.cli.ParentWatch.start();
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    System.exit(execute(args));
  }
}
