package dev.sluice.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.trainer.cli.TrainCommand;
import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.data.Sequence;
import dev.sluice.trainer.data.TrainStream;
import dev.sluice.trainer.train.Progress;
import dev.sluice.trainer.train.TrainRecipe;
import dev.sluice.trainer.train.TrainResult;
import dev.sluice.trainer.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput (BENCHMARKS.md): for each recipe, steady-state tokens/s of the real trainer (the first
 * {@code warmup} steps excluded, evaluation and checkpoints kept out of the window) and the data loader's tokens/s
 * alone (shards → packed, shuffled sequences → int64 batch arrays on the CPU), with their ratio.
 *
 * <pre>TrainBench RUN_DIR DEVICE STEPS WARMUP RECIPE...</pre>
 */
public final class TrainBench {
  private TrainBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    Path data = Path.of(args[0]);
    String device = args[1];
    int steps = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    System.out.printf(
        Locale.ROOT,
        "%-8s %12s %8s %6s %14s %14s %7s%n",
        "recipe",
        "parameters",
        "context",
        "batch",
        "train tok/s",
        "loader tok/s",
        "ratio");
    for (int i = 4; i < args.length; i++) {
      TrainRecipe r =
          TrainRecipe.load(
              Path.of(args[i]),
              List.of(
                  "train.steps=" + (warmup + steps),
                  "eval.every=1000000",
                  "checkpoint.every=1000000",
                  "log_every=" + Math.max(1, warmup),
                  "train.warmup_steps=" + Math.min(warmup, 10)));
      Path out = Files.createTempDirectory("sluice-trainbench");
      TrainResult result =
          new Trainer(
                  r,
                  new Trainer.Options(
                      data, out, TrainCommand.device(device), false, 0, Progress.none()))
              .run();
      double train = steadyTokensPerSecond(out.resolve("metrics.jsonl"), warmup);
      double loader = loaderTokensPerSecond(data, r, 5.0);
      System.out.printf(
          Locale.ROOT,
          "%-8s %,12d %8d %6d %,14.0f %,14.0f %6.1fx%n",
          r.name(),
          result.params(),
          r.model().context(),
          r.batchSize(),
          train,
          loader,
          loader / train);
    }
  }

  /** Tokens/s between the train log line at {@code warmup} and the last one (log_every = warmup puts one there). */
  static double steadyTokensPerSecond(Path metrics, int warmup) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(metrics)) {
      JsonNode n = json.readTree(l);
      if ("train".equals(n.path("kind").asText()) && n.path("step").asLong() >= warmup)
        lines.add(n);
    }
    JsonNode a = lines.get(0);
    JsonNode b = lines.get(lines.size() - 1);
    return (b.path("tokens").asDouble() - a.path("tokens").asDouble())
        / (b.path("wall_s").asDouble() - a.path("wall_s").asDouble());
  }

  /** The loader alone, single thread, for {@code seconds}: what training would be fed at most. */
  static double loaderTokensPerSecond(Path data, TrainRecipe r, double seconds) {
    int batch = r.batchSize();
    int t = r.model().context();
    long tokens = 0;
    long start = System.nanoTime();
    try (TrainStream stream = new TrainStream(RunData.open(data), r.data(), r.seed(), t + 1);
        NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      while (System.nanoTime() - start < seconds * 1e9) {
        long[] in = new long[batch * t];
        long[] out = new long[batch * t];
        for (int i = 0; i < batch; i++) {
          Sequence s = stream.next();
          for (int j = 0; j < t; j++) {
            in[i * t + j] = s.tokens()[j];
            out[i * t + j] = s.tokens()[j + 1];
          }
        }
        try (NDArray a = m.create(in, new Shape(batch, t));
            NDArray b = m.create(out, new Shape(batch, t))) {
          tokens += (long) batch * t;
        }
      }
    }
    return tokens / ((System.nanoTime() - start) / 1e9);
  }
}
