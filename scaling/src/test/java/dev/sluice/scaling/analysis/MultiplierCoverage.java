package dev.sluice.scaling.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A measuring aid, not a test (BENCHMARKS.md, "Images"): how often the data multiplier's 95% interval covers the
 * truth. 100 synthetic experiments per seed count: err_none(n) = 0.06 + 3·n^(−0.45) at five fractions of 54,000
 * images, err_aug(n) = err_none(2n) (m = 2), 1% multiplicative noise per run; m read at n = 13,500.
 * {@code MultiplierCoverage [REPLICATES]}
 */
public final class MultiplierCoverage {
  private MultiplierCoverage() {}

  public static void main(String[] args) {
    int replicates = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    for (int seeds : new int[] {1, 2, 3}) {
      int cover = 0;
      double sum = 0;
      for (int rep = 0; rep < replicates; rep++) {
        Random rnd = new Random(1000 + rep);
        List<ImageAnalysis.Run> runs = new ArrayList<>();
        for (String arm : List.of("none", "aug"))
          for (double f : new double[] {1 / 16.0, 1 / 8.0, 1 / 4.0, 1 / 2.0, 1})
            for (long s = 1; s <= seeds; s++) {
              double n = Math.round(f * 54_000), k = arm.equals("none") ? 1 : 2;
              double err = (0.06 + 3 * Math.pow(k * n, -0.45)) * (1 + 0.01 * rnd.nextGaussian());
              runs.add(new ImageAnalysis.Run(arm, 16, f, s, n, err, 100));
            }
        DataMultiplier.AtN at =
            ImageAnalysis.analyse(runs, "none", Map.of(), 200, rep)
                .multipliers()
                .get(0)
                .atN()
                .get(2);
        sum += at.multiplier().value();
        if (at.multiplier().covers(2)) cover++;
      }
      System.out.printf(
          Locale.ROOT,
          "%d seed(s) per point: m at n = 13,500 (truth 2): mean %.3f; the 95%% CI covers 2 in %d of %d%n",
          seeds,
          sum / replicates,
          cover,
          replicates);
    }
  }
}
