package dev.sluice.trainer.image;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.run.RunDir;
import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.train.AdamW;
import dev.sluice.trainer.train.Checkpoint;
import dev.sluice.trainer.train.Schedule;
import dev.sluice.trainer.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Trains an image classifier ({@link ImageModel}) on a run directory's image shards: AdamW and the schedule of the
 * LM trainer, evaluation on the id-hash validation split, metrics.jsonl, checkpoints with exact resume (the batch
 * of a step is a function of the step, so parameters + optimizer state are the whole state), the optional test
 * set of {@code eval.data} at the end, and result.json.
 */
public final class ImageTrainer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ImageRecipe recipe;
  private final Trainer.Options options;

  public ImageTrainer(ImageRecipe recipe, Trainer.Options options) {
    this.recipe = recipe;
    this.options = options;
  }

  public ImageResult run() throws IOException {
    if (!options.evalSets().isEmpty()) {
      throw new UsageException(
          "--eval is for language models; an image recipe names its test set in eval.data");
    }
    RunData run = RunData.open(options.data());
    String dataSha = RunDir.sha256(options.data().resolve(RunDir.MANIFEST));
    int size = recipe.imageSize();
    ImageData data = ImageData.load(run, recipe.valFraction(), recipe.fraction(), size);
    ImageData.Split test =
        recipe.evalData() == null
            ? null
            : ImageData.loadAll(
                RunData.open(recipe.evalData()), data.labels(), data.channels(), size);
    Augmenter augmenter = Augmenter.of(recipe.augment());
    ImageBatches batches =
        new ImageBatches(
            data.train(), recipe.batchSize(), recipe.seed(), augmenter, size, data.channels());
    int total = recipe.totalSteps(batches.stepsPerEpoch());
    Schedule schedule = recipe.schedule(total);
    int evalEvery = recipe.evalEvery(total);
    int ckEvery = recipe.checkpointEvery(total);
    long stopAt = options.stopAfter() > 0 ? Math.min(options.stopAfter(), total) : total;
    ImageModel spec =
        new ImageModel(
            recipe.modelKind(), recipe.width(), data.channels(), size, data.labels().size());
    Files.createDirectories(options.out());
    Files.writeString(
        options.out().resolve("recipe.json"), JSON.writeValueAsString(recipe.resolved()));

    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) recipe.seed());
    try (NDManager root = NDManager.newBaseManager(options.device(), "PyTorch");
        ImageMetrics metrics = new ImageMetrics(options.out().resolve("metrics.jsonl"))) {
      SequentialBlock model = spec.block();
      model.initialize(root, DataType.FLOAT32, spec.inputShape(recipe.batchSize()));
      long counted =
          model.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
      if (counted != spec.parameters()) {
        throw new IllegalStateException(
            "parameter count " + counted + " differs from the formula " + spec.parameters());
      }
      AdamW optimizer = new AdamW(model.getParameters(), recipe.optim(), schedule, root);
      ImageCheckpoint.State s =
          new ImageCheckpoint.State(
              0, 0, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, "", "");
      long resumedFrom = -1;
      Optional<Path> latest = Checkpoint.latest(options.out());
      if (latest.isPresent() && !options.resume()) {
        throw new UsageException(
            options.out()
                + " already has checkpoints ("
                + latest.get().getFileName()
                + "): pass --resume to continue that run, or choose another --output");
      }
      if (options.resume() && latest.isPresent()) {
        s = ImageCheckpoint.readState(latest.get());
        if (!s.recipeSha256().equals(recipe.sha256()) || !s.dataManifestSha256().equals(dataSha)) {
          throw new UsageException(
              latest.get()
                  + " was written with a different recipe or run directory; resuming would not"
                  + " reproduce the run");
        }
        ImageCheckpoint.load(latest.get(), model, optimizer, root);
        resumedFrom = s.step();
        metrics.truncateAfter(s.step());
      }
      ParameterStore ps = new ParameterStore(root, false);
      long startNanos = System.nanoTime();
      long step = s.step();
      if (step == 0) {
        ImageEval.Evaluation e = ImageEval.evaluate(model, ps, root, data.validation(), spec);
        metrics.eval(0, 0, e.loss(), schedule.at(0), 0, 0, e);
        s =
            withEval(
                new ImageCheckpoint.State(0, 0, e.loss(), Double.NaN, -1, Double.NaN, 0, 0, "", ""),
                0,
                e);
      }
      double trainLoss = Double.NaN;
      double lastIps = 0;
      NDManager window = root.newSubManager();
      NDArray lossSum = window.zeros(new Shape());
      int windowSteps = 0;
      long windowImages = batches.imagesAfter(step);
      long windowStart = System.nanoTime();
      while (step < stopAt) {
        float lr = schedule.at(step);
        try (NDManager sm = root.newSubManager()) {
          NDArray[] xy = batches.at(step, sm, options.device(), stopAt);
          NDArray loss;
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray logits = model.forward(ps, new NDList(xy[0]), true).singletonOrThrow();
            loss = ImageEval.crossEntropy(logits, xy[1], spec.classes()).mean();
            gc.backward(loss);
          }
          optimizer.step(sm, step);
          lossSum.addi(loss.stopGradient());
        }
        step++;
        windowSteps++;
        long images = batches.imagesAfter(step);
        double wall = s.wallSeconds() + (System.nanoTime() - startNanos) / 1e9;
        boolean evalNow = step % evalEvery == 0 || step == total;
        boolean ckNow = step % ckEvery == 0 || step == stopAt;
        if (step % recipe.logEvery() == 0 || evalNow || ckNow) {
          trainLoss = lossSum.getFloat() / windowSteps;
          lastIps = (images - windowImages) / ((System.nanoTime() - windowStart) / 1e9);
          metrics.train(step, images, trainLoss, lr, lastIps, wall);
          window.close();
          window = root.newSubManager();
          lossSum = window.zeros(new Shape());
          windowSteps = 0;
          windowImages = images;
          windowStart = System.nanoTime();
        }
        if (evalNow) {
          ImageEval.Evaluation e = ImageEval.evaluate(model, ps, root, data.validation(), spec);
          s = withEval(s, step, e);
          metrics.eval(step, images, trainLoss, lr, lastIps, wall, e);
          options
              .progress()
              .line(
                  String.format(
                      Locale.ROOT,
                      "step %d/%d  loss %.4f  val_loss %.4f  val_accuracy %.4f  %,.0f images/s",
                      step,
                      total,
                      trainLoss,
                      e.loss(),
                      e.accuracy(),
                      lastIps));
        }
        if (ckNow) {
          ImageCheckpoint.State cs =
              new ImageCheckpoint.State(
                  step,
                  s.wallSeconds() + (System.nanoTime() - startNanos) / 1e9,
                  s.initialValLoss(),
                  s.bestValLoss(),
                  s.bestStep(),
                  s.bestValAccuracy(),
                  s.lastValLoss(),
                  s.lastValAccuracy(),
                  recipe.sha256(),
                  dataSha);
          ImageCheckpoint.save(options.out(), recipe.checkpointKeep(), cs, model, optimizer);
        }
      }
      window.close();
      batches.close();
      ImageEval.Evaluation t =
          test == null ? null : ImageEval.evaluate(model, ps, root, test, spec);
      double wall = s.wallSeconds() + (System.nanoTime() - startNanos) / 1e9;
      long images = batches.imagesAfter(step);
      ImageResult result =
          new ImageResult(
              ImageRecipe.TASK,
              recipe.name(),
              recipe.sha256(),
              options.data().toString(),
              options.device().toString(),
              recipe.seed(),
              spec.kind(),
              spec.width(),
              size,
              spec.channels(),
              spec.parameters(),
              spec.trainingFlopsPerImage(),
              step,
              images / (double) data.train().size(),
              images,
              data.train().size(),
              data.validation().size(),
              spec.trainingFlopsPerImage() * images,
              s.initialValLoss(),
              s.lastValLoss(),
              s.bestValLoss(),
              s.bestStep(),
              s.lastValAccuracy(),
              s.bestValAccuracy(),
              trainLoss,
              recipe.evalData() == null ? null : recipe.evalData().toString(),
              test == null ? 0 : test.size(),
              t == null ? Double.NaN : t.loss(),
              t == null ? Double.NaN : t.accuracy(),
              wall,
              wall > 0 ? images / wall : 0,
              resumedFrom,
              step == total,
              data.labels());
      ObjectNode tree = JSON.valueToTree(result);
      tree.properties()
          .forEach(
              e -> {
                if (e.getValue().isDouble() && !Double.isFinite(e.getValue().doubleValue()))
                  e.setValue(NullNode.getInstance());
              });
      JSON.writeValue(options.out().resolve("result.json").toFile(), tree);
      return result;
    }
  }

  /** The state after an evaluation at {@code step}: last and best (by loss; best accuracy on its own). */
  private static ImageCheckpoint.State withEval(
      ImageCheckpoint.State s, long step, ImageEval.Evaluation e) {
    boolean better = Double.isNaN(s.bestValLoss()) || e.loss() < s.bestValLoss();
    double bestAcc =
        Double.isNaN(s.bestValAccuracy())
            ? e.accuracy()
            : Math.max(s.bestValAccuracy(), e.accuracy());
    return new ImageCheckpoint.State(
        step,
        s.wallSeconds(),
        s.initialValLoss(),
        better ? e.loss() : s.bestValLoss(),
        better ? step : s.bestStep(),
        bestAcc,
        e.loss(),
        e.accuracy(),
        s.recipeSha256(),
        s.dataManifestSha256());
  }
}
