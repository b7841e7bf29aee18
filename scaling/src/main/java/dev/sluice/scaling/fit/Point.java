package dev.sluice.scaling.fit;

/**
 * One finished training run as the fitter sees it.
 *
 * @param arm the data arm (curation recipe) it trained on
 * @param n model parameters (N)
 * @param d training tokens (D)
 * @param loss final evaluation loss (any positive unit; the experiment uses bits per byte)
 * @param seed training seed (repeated points at one seed-less grid cell measure seed noise)
 * @param c training compute in FLOPs (C); 6·N·D when the points file does not give it
 */
public record Point(String arm, double n, double d, double loss, long seed, double c) {
  public Point {
    if (!(n > 0) || !(d > 0) || !(loss > 0) || !(c > 0)) {
      throw new IllegalArgumentException("N, D, loss and C must be positive");
    }
  }

  public static Point of(String arm, double n, double d, double loss) {
    return new Point(arm, n, d, loss, 0, 6 * n * d);
  }
}
