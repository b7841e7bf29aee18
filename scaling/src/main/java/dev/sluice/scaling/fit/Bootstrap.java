package dev.sluice.scaling.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeded bootstrap of a joint fit: each resample draws every arm's points with replacement (stratified by arm, so
 * every arm keeps as many points as it has) and refits from the best of several starts ({@link LawFitter#refit}).
 * A resample whose points cannot identify the law (the checks of {@link LawFitter#check} on the points it drew) is
 * not fitted: its fit would be the optimiser's, not the data's. Resample i uses the stream {@code seed}, i whatever
 * the thread count, so the intervals are the same on any machine.
 */
public final class Bootstrap {
  /**
   * The fewest resamples a 95% interval is read from: with fewer, the 2.5th and 97.5th percentiles are the extreme
   * draws (with one resample, the interval is a single point).
   */
  public static final int MIN_RESAMPLES = 40;

  private Bootstrap() {}

  /** The joint fits of the resamples that identify the law, in resample order (at most {@code resamples}). */
  public static List<LawFitter.Joint> joint(
      List<Point> points, List<String> arms, LawFitter.Joint full, int resamples, long seed) {
    List<double[]> starts = LawFitter.resampleStarts(points, arms, full);
    int threads = Math.max(1, Math.min(resamples, Runtime.getRuntime().availableProcessors()));
    List<int[]> byArm = new ArrayList<>();
    for (String arm : arms) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) if (points.get(i).arm().equals(arm)) idx.add(i);
      byArm.add(idx.stream().mapToInt(Integer::intValue).toArray());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "bootstrap");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<LawFitter.Joint>> futures = new ArrayList<>();
      for (int i = 0; i < resamples; i++) {
        int[] weight = weights(points.size(), byArm, seed, i);
        if (!identifies(points, arms, weight)) continue;
        futures.add(pool.submit(() -> LawFitter.refit(points, arms, weight, starts)));
      }
      List<LawFitter.Joint> out = new ArrayList<>();
      for (Future<LawFitter.Joint> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bootstrap interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("bootstrap fit failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether the points drawn (weight > 0) pass {@link LawFitter#check}. */
  static boolean identifies(List<Point> points, List<String> arms, int[] weight) {
    List<Point> drawn = new ArrayList<>();
    for (int i = 0; i < weight.length; i++) if (weight[i] > 0) drawn.add(points.get(i));
    return LawFitter.problem(drawn, arms) == null;
  }

  /**
   * Multiplicity of each point in resample {@code i}. Each resample's generator starts from a mixed (seed, i):
   * seeds that differ by SplittableRandom's own step (as {@code seed ^ (golden * (i + 1))} did for seed 0) give
   * streams shifted by one draw, so consecutive resamples were nearly the same sample.
   */
  static int[] weights(int n, List<int[]> byArm, long seed, int i) {
    SplittableRandom rnd = new SplittableRandom(mix(mix(seed) + i));
    int[] w = new int[n];
    for (int[] idx : byArm) for (int k = 0; k < idx.length; k++) w[idx[rnd.nextInt(idx.length)]]++;
    return w;
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser (what SplittableRandom mixes its seeds with). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
