package dev.sluice.bench;

import dev.sluice.trainer.data.Curriculum;
import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.data.TrainStream;
import dev.sluice.trainer.train.TrainRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data loader's speed under curriculum pacing (BENCHMARKS.md): tokens/s of packed sequences, single thread,
 * without pacing and with each order held at a fixed competence (the step count is set so high that the pacing
 * stays at its start: at competence 0.2 the loader reads five documents for every one it packs, its worst case).
 *
 * <pre>PacingBench RUN_DIR RECIPE SECONDS ROUNDS</pre>
 */
public final class PacingBench {
  private PacingBench() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    TrainRecipe r = TrainRecipe.load(Path.of(args[1]), List.of());
    double seconds = Double.parseDouble(args[2]);
    int rounds = Integer.parseInt(args[3]);
    int length = r.model().context() + 1;
    System.out.printf(
        Locale.ROOT, "%-24s %12s %12s %12s%n", "pacing", "median tok/s", "min", "max");
    for (String mode :
        List.of("none", "easy_first@0.2", "random@0.2", "easy_first@0.5", "easy_first@1")) {
      Curriculum c = null;
      if (!mode.equals("none")) {
        String[] p = mode.split("@");
        c =
            new Curriculum(
                Curriculum.Pacing.LINEAR,
                Curriculum.Order.valueOf(p[0].toUpperCase(Locale.ROOT)),
                Double.parseDouble(p[1]),
                1.0,
                4,
                Integer.MAX_VALUE,
                r.batchSize());
      }
      List<Double> rates = new ArrayList<>();
      for (int round = 0; round < rounds + 1; round++) {
        long tokens = 0;
        long start = System.nanoTime();
        try (TrainStream s = new TrainStream(RunData.open(data), r.data(), r.seed(), length, c)) {
          while (System.nanoTime() - start < seconds * 1e9) {
            tokens += s.next().tokens().length - 1;
          }
        }
        if (round > 0) rates.add(tokens / ((System.nanoTime() - start) / 1e9)); // round 0 warms up
      }
      rates.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%-24s %,12.0f %,12.0f %,12.0f%n",
          mode,
          rates.get(rates.size() / 2),
          rates.get(0),
          rates.get(rates.size() - 1));
    }
  }
}
