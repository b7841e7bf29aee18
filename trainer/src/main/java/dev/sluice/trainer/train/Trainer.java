package dev.sluice.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.run.RunDir;
import dev.sluice.trainer.data.CurriculumCheck;
import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.data.Sequence;
import dev.sluice.trainer.data.TrainStream;
import dev.sluice.trainer.data.ValidationSet;
import dev.sluice.trainer.model.ByteLM;
import dev.sluice.trainer.model.ModelConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ByteLM} on a Sluice run directory: AdamW with clipping, the recipe's schedule, evaluation every
 * k steps, metrics.jsonl, checkpoints with exact resume, and result.json at the end. Every step's arrays live in a
 * sub-manager closed after the step, so memory stays flat however long the run.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Steps of batches uploaded to the device per copy (see {@link DeviceFeed}). */
  static final int UPLOAD_GROUP = 16;

  /** How to run: where, on what device, whether to resume, and an optional early stop (step count). */
  public record Options(
      Path data,
      Path out,
      Device device,
      boolean resume,
      long stopAfter,
      Progress progress,
      java.util.Map<String, Path> evalSets) {
    public Options(
        Path data, Path out, Device device, boolean resume, long stopAfter, Progress progress) {
      this(data, out, device, resume, stopAfter, progress, java.util.Map.of());
    }
  }

  private final TrainRecipe recipe;
  private final Options options;

  public Trainer(TrainRecipe recipe, Options options) {
    this.recipe = recipe;
    this.options = options;
  }

  public TrainResult run() throws IOException {
    RunData run = RunData.open(options.data());
    String dataSha = RunDir.sha256(options.data().resolve(RunDir.MANIFEST));
    ModelConfig mc = recipe.model();
    int length = mc.context() + 1;
    int batch = recipe.batchSize();
    int total = recipe.schedule().total();
    long stopAt = options.stopAfter() > 0 ? Math.min(options.stopAfter(), total) : total;
    CurriculumCheck.check(run, recipe.data(), recipe.curriculum());
    Files.createDirectories(options.out());
    Files.writeString(
        options.out().resolve("recipe.json"), JSON.writeValueAsString(recipe.resolved()));

    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) recipe.seed());
    List<Sequence> validation =
        ValidationSet.load(run, recipe.data(), length, recipe.evalSequences());
    if (validation.isEmpty()) {
      throw new UsageException(
          options.data()
              + ": no validation sequence of "
              + length
              + " tokens: raise data.val_fraction (now "
              + recipe.data().valFraction()
              + ") or lower model.context");
    }
    java.util.Map<String, List<Sequence>> evalSets = new java.util.LinkedHashMap<>();
    for (var e : options.evalSets().entrySet()) {
      List<Sequence> seqs =
          ValidationSet.loadAll(
              RunData.open(e.getValue()), recipe.data(), length, recipe.evalSequences());
      if (seqs.isEmpty()) {
        throw new UsageException(
            "--eval "
                + e.getKey()
                + "="
                + e.getValue()
                + ": no sequence of "
                + length
                + " tokens in its documents");
      }
      evalSets.put(e.getKey(), seqs);
    }
    long uniqueTokens = ValidationSet.trainingTokens(run, recipe.data());
    try (NDManager root = NDManager.newBaseManager(options.device(), "PyTorch");
        TrainStream stream =
            new TrainStream(run, recipe.data(), recipe.seed(), length, recipe.curriculum());
        Metrics metrics = new Metrics(options.out().resolve("metrics.jsonl"))) {
      ByteLM model = new ByteLM(mc);
      model.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
      model.initialize(root, DataType.FLOAT32, new Shape(batch, mc.context()));
      long counted =
          model.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
      if (counted != mc.parameters()) {
        throw new IllegalStateException(
            "parameter count " + counted + " differs from the formula " + mc.parameters());
      }
      AdamW optimizer = new AdamW(model.getParameters(), recipe.optim(), recipe.schedule(), root);

      long step = 0;
      double wallBefore = 0;
      double best = Double.NaN;
      long bestStep = -1;
      double lastVal = Double.NaN;
      double lastBpb = Double.NaN;
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
        Checkpoint.State s = Checkpoint.readState(latest.get());
        if (!s.recipeSha256().equals(recipe.sha256())) {
          throw new UsageException(
              latest.get()
                  + " was written with a different recipe (sha256 "
                  + s.recipeSha256().substring(0, 12)
                  + ", now "
                  + recipe.sha256().substring(0, 12)
                  + "); resuming would not reproduce the run");
        }
        if (!s.dataManifestSha256().equals(dataSha)) {
          throw new UsageException(
              latest.get()
                  + " was trained on a different run directory "
                  + "(manifest.json changed); resuming would not reproduce the run");
        }
        load(latest.get(), model, optimizer, root);
        DeviceFeed.restore(
            stream, Files.readAllBytes(latest.get().resolve(Checkpoint.CURSOR)), s.cursorSkip());
        step = s.step();
        wallBefore = s.wallSeconds();
        best = s.bestValLoss();
        bestStep = s.bestStep();
        lastVal = s.lastValLoss();
        lastBpb = s.lastValBpb();
        resumedFrom = step;
        metrics.truncateAfter(step);
        LOG.info("resumed from {} (step {})", latest.get(), step);
      }

      ParameterStore ps = new ParameterStore(root, false);
      long startNanos = System.nanoTime();
      double initialVal = Double.NaN;
      if (step == 0) {
        Evaluation e = evaluate(model, ps, root, validation, batch);
        initialVal = e.loss();
        metrics.eval(0, 0, e, e.loss(), recipe.schedule().at(0), 0, 0);
        lastVal = e.loss();
        lastBpb = e.bitsPerByte();
      }
      double trainLoss = Double.NaN;
      double lastTps = 0;
      NDManager window = root.newSubManager();
      NDArray lossSum = window.zeros(new Shape());
      NDArray normSum = window.zeros(new Shape());
      int windowSteps = 0;
      long windowStart = System.nanoTime();
      options.progress().start(step, total, stopAt);
      DeviceFeed feed = new DeviceFeed(stream, batch, length, options.device(), root, UPLOAD_GROUP);
      while (step < stopAt) {
        float lr = recipe.schedule().at(step);
        try (NDManager sm = root.newSubManager()) {
          Batch b = feed.next(sm, stopAt - step);
          NDArray loss;
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray logits = model.forward(ps, new NDList(b.inputs()), true).singletonOrThrow();
            loss = Losses.trainLoss(logits, b.targets(), b.weights());
            gc.backward(loss);
          }
          NDArray norm = optimizer.step(sm, step);
          lossSum.addi(loss.stopGradient());
          normSum.addi(norm);
        }
        step++;
        windowSteps++;
        long tokens = step * batch * (long) mc.context();
        double wall = wallBefore + (System.nanoTime() - startNanos) / 1e9;
        boolean evalNow = step % recipe.evalEvery() == 0 || step == total;
        boolean ckNow = step % recipe.checkpointEvery() == 0 || step == stopAt;
        if (step % recipe.logEvery() == 0 || evalNow || ckNow) {
          trainLoss = lossSum.getFloat() / windowSteps;
          float gradNorm = normSum.getFloat() / windowSteps;
          double secs = (System.nanoTime() - windowStart) / 1e9;
          double tps = windowSteps * (double) batch * mc.context() / secs;
          metrics.train(step, tokens, trainLoss, lr, gradNorm, tps, wall);
          lastTps = tps;
          options.progress().update(step, trainLoss, lastVal, lr, tps);
          window.close();
          window = root.newSubManager();
          lossSum = window.zeros(new Shape());
          normSum = window.zeros(new Shape());
          windowSteps = 0;
          windowStart = System.nanoTime();
        }
        if (evalNow) {
          Evaluation e = evaluate(model, ps, root, validation, batch);
          lastVal = e.loss();
          lastBpb = e.bitsPerByte();
          if (Double.isNaN(best) || e.loss() < best) {
            best = e.loss();
            bestStep = step;
          }
          metrics.eval(step, tokens, e, trainLoss, lr, lastTps, wall);
          options.progress().update(step, trainLoss, lastVal, lr, Double.NaN);
        }
        if (ckNow) {
          Checkpoint.State s =
              new Checkpoint.State(
                  step,
                  tokens,
                  wallBefore + (System.nanoTime() - startNanos) / 1e9,
                  best,
                  bestStep,
                  lastVal,
                  lastBpb,
                  recipe.sha256(),
                  dataSha,
                  recipe.seed(),
                  stream.epoch(),
                  step * (long) batch,
                  feed.skip());
          save(s, model, optimizer, feed.cursor());
        }
      }
      window.close();
      feed.close();
      java.util.Map<String, Evaluation> finalEval = new java.util.LinkedHashMap<>();
      for (var e : evalSets.entrySet()) {
        finalEval.put(e.getKey(), evaluate(model, ps, root, e.getValue(), batch));
      }
      options.progress().finish();
      double wall = wallBefore + (System.nanoTime() - startNanos) / 1e9;
      long tokens = step * batch * (long) mc.context();
      TrainResult result =
          new TrainResult(
              recipe.name(),
              recipe.sha256(),
              options.data().toString(),
              options.device().toString(),
              recipe.seed(),
              mc.parameters(),
              mc.parameters() - mc.embeddingParameters(),
              mc.trainingFlopsPerToken(),
              step,
              tokens,
              mc.trainingFlopsPerToken() * tokens,
              lastVal,
              lastBpb,
              best,
              bestStep,
              readInitial(initialVal),
              trainLoss,
              wall,
              wall > 0 ? tokens / wall : 0,
              resumedFrom,
              step == total,
              uniqueTokens,
              uniqueTokens > 0 ? tokens / (double) uniqueTokens : 0,
              finalEval);
      com.fasterxml.jackson.databind.node.ObjectNode tree = JSON.valueToTree(result);
      if (recipe.curriculum() != null) {
        var c = recipe.curriculum();
        tree.putObject("curriculum")
            .put("order", c.order().key())
            .put("pacing", c.pacing().name().toLowerCase(java.util.Locale.ROOT))
            .put("start", c.start())
            .put("until", c.until())
            .put("competence_at_end", stream.competence());
      }
      nullNonFinite(tree);
      JSON.writeValue(options.out().resolve("result.json").toFile(), tree);
      return result;
    }
  }

  /** Non-finite numbers, at any depth (the eval sets' losses too), become null: JSON has no NaN. */
  static void nullNonFinite(com.fasterxml.jackson.databind.node.ObjectNode node) {
    node.properties()
        .forEach(
            e -> {
              if (e.getValue().isDouble() && !Double.isFinite(e.getValue().doubleValue())) {
                e.setValue(com.fasterxml.jackson.databind.node.NullNode.getInstance());
              } else if (e.getValue().isObject()) {
                nullNonFinite((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue());
              }
            });
  }

  private double readInitial(double initialVal) throws IOException {
    if (!Double.isNaN(initialVal)) return initialVal;
    return Metrics.initialValLoss(options.out().resolve("metrics.jsonl"));
  }

  /** Validation loss (nats per token) and bits per byte over the fixed validation sequences. */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Evaluation(double loss, double bitsPerByte, long tokens) {}

  static Evaluation evaluate(
      ByteLM model, ParameterStore ps, NDManager root, List<Sequence> validation, int batch) {
    try (NDManager sm = root.newSubManager()) {
      NDArray sum = sm.zeros(new Shape());
      long tokens = 0;
      long bytes = 0;
      for (int i = 0; i < validation.size(); i += batch) {
        Sequence[] seqs =
            validation.subList(i, Math.min(validation.size(), i + batch)).toArray(Sequence[]::new);
        Batch b = Batch.of(sm, seqs, root.getDevice());
        NDArray logits = model.forward(ps, new NDList(b.inputs()), false).singletonOrThrow();
        sum.addi(Losses.tokenNll(logits, b.targets()).sum());
        tokens += b.tokens();
        bytes += b.byteTargets();
      }
      double loss = sum.getFloat() / tokens;
      double bpb = loss / Math.log(2) * tokens / Math.max(1, bytes);
      return new Evaluation(loss, bpb, tokens);
    }
  }

  private void save(Checkpoint.State state, ByteLM model, AdamW optimizer, byte[] cursor)
      throws IOException {
    Checkpoint.write(
        options.out(),
        state.step(),
        recipe.checkpointKeep(),
        dir -> {
          try (OutputStream o =
                  new BufferedOutputStream(Files.newOutputStream(dir.resolve(Checkpoint.MODEL)));
              DataOutputStream d = new DataOutputStream(o)) {
            model.saveParameters(d);
          }
          try (OutputStream o =
              new BufferedOutputStream(Files.newOutputStream(dir.resolve(Checkpoint.OPTIMIZER)))) {
            optimizer.save(o);
          }
          Files.write(dir.resolve(Checkpoint.CURSOR), cursor);
          Checkpoint.writeState(dir, state);
        });
  }

  private static void load(Path dir, ByteLM model, AdamW optimizer, NDManager root)
      throws IOException {
    List<NDArray> initial =
        model.getParameters().values().stream().map(Parameter::getArray).toList();
    try (InputStream i =
            new BufferedInputStream(Files.newInputStream(dir.resolve(Checkpoint.MODEL)));
        DataInputStream d = new DataInputStream(i)) {
      model.loadParameters(root, d);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(dir.resolve(Checkpoint.MODEL) + ": " + e.getMessage(), e);
    }
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getValue().requiresGradient()) p.getValue().getArray().setRequiresGradient(true);
    }
    initial.forEach(NDArray::close); // the freshly initialised arrays the checkpoint replaced
    try (InputStream i =
        new BufferedInputStream(Files.newInputStream(dir.resolve(Checkpoint.OPTIMIZER)))) {
      optimizer.load(root, i);
    }
  }
}
