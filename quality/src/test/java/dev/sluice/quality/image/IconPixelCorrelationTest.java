package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.quality.image.HashVariants.Img;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Is the icon goal (recall ≥ 0.95 at precision ≥ 0.99) out of reach for hashes only, or for pixels as such? This
 * compares every pair of the 312 drawn Tango icons by the Pearson correlation of their pixels, area-averaged to a
 * common size (RGB as decoded onto white, or the alpha plane): no hash, no LSH, all 48,516 pairs scored exactly,
 * which is the most a pixel comparison can do without learning what an icon depicts. At precision ≥ 0.99 it
 * finds fewer pairs than pHash, because the sizes are separate drawings. Printed as docs/images.md's "Pixels, all
 * pairs" table.
 *
 * <p>{@code mvn -q -B -o -pl quality -am test -Dtest=IconPixelCorrelationTest
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
class IconPixelCorrelationTest {
  @Test
  void noPixelCorrelationSeparatesTheDrawnIcons() {
    List<Img> icons = new ArrayList<>();
    for (Path p : Samples.files("icons-tango")) {
      icons.add(HashVariants.load(Samples.bytes(p), p.getFileName().toString()));
    }
    StringBuilder table =
        new StringBuilder(
            "| pixels compared | most R at P ≥ 0.99 | best F1 | P at R ≥ 0.95 | true pairs among mutual"
                + " nearest neighbours |\n|---|---|---|---|---|\n");
    for (boolean alpha : new boolean[] {false, true}) {
      for (int size : new int[] {8, 16, 32}) {
        double[][] v = icons.stream().map(im -> vector(im, size, alpha)).toArray(double[][]::new);
        Scores s = score(icons, v);
        table.append(
            String.format(
                Locale.ROOT,
                "| %s at %d×%d | %.3f | %.3f | %.3f | %d of %d |%n",
                alpha ? "alpha" : "RGB on white",
                size,
                size,
                s.recallAtPrecision99,
                s.bestF1,
                s.precisionAtRecall95,
                s.mutualTrue,
                s.mutual));
        assertTrue(s.recallAtPrecision99 < 0.95, "pixels at " + size + " reach the goal");
        if (!alpha && size == 8) {
          // docs/images.md's first row, so the table cannot drift from what this prints
          assertEquals(0.011, s.recallAtPrecision99, 0.0005);
          assertEquals(0.519, s.bestF1, 0.0005);
          assertEquals(73, s.mutualTrue);
          assertEquals(85, s.mutual);
        }
        assertTrue(s.bestF1 < 0.6, "pixels at " + size + " separate the icons: F1 " + s.bestF1);
      }
    }
    System.out.print(table);
  }

  record Scores(
      double recallAtPrecision99,
      double bestF1,
      double precisionAtRecall95,
      int mutual,
      int mutualTrue) {}

  /** The image's planes area-averaged to size × size, centred and scaled to unit length. */
  static double[] vector(Img im, int size, boolean alpha) {
    double[] out = new double[(alpha ? 1 : 3) * size * size];
    int at = 0;
    for (int[] plane : alpha ? new int[][] {im.alpha()} : im.rgb()) {
      double[] small = HashVariants.box(plane, im, 0, 0, im.w(), im.h(), size, size);
      System.arraycopy(small, 0, out, at, small.length);
      at += small.length;
    }
    double mean = Arrays.stream(out).average().orElse(0), norm = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] -= mean;
      norm += out[i] * out[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < out.length; i++) out[i] = norm == 0 ? 0 : out[i] / norm;
    return out;
  }

  /** Every pair ranked by correlation (ties by index), swept from the most alike down. */
  static Scores score(List<Img> icons, double[][] v) {
    int n = icons.size();
    double[][] sim = new double[n][n];
    List<double[]> pairs = new ArrayList<>(); // {similarity, i, j}
    long positives = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int k = 0; k < v[i].length; k++) s += v[i][k] * v[j][k];
        sim[i][j] = sim[j][i] = s;
        pairs.add(new double[] {s, i, j});
        if (same(icons, i, j)) positives++;
      }
    }
    pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
    double recall99 = 0, f1 = 0, precision95 = Double.NaN;
    long tp = 0, k = 0;
    for (double[] p : pairs) {
      k++;
      if (same(icons, (int) p[1], (int) p[2])) tp++;
      double precision = (double) tp / k, recall = (double) tp / positives;
      if (precision >= 0.99) recall99 = Math.max(recall99, recall);
      if (tp > 0) f1 = Math.max(f1, 2 * precision * recall / (precision + recall));
      if (recall >= 0.95 && Double.isNaN(precision95)) precision95 = precision;
    }
    int[] nearest = new int[n];
    for (int i = 0; i < n; i++) {
      nearest[i] = i == 0 ? 1 : 0;
      for (int j = 0; j < n; j++) if (j != i && sim[i][j] > sim[i][nearest[i]]) nearest[i] = j;
    }
    int mutual = 0, mutualTrue = 0;
    for (int i = 0; i < n; i++) {
      if (nearest[i] > i && nearest[nearest[i]] == i) {
        mutual++;
        if (same(icons, i, nearest[i])) mutualTrue++;
      }
    }
    return new Scores(recall99, f1, precision95, mutual, mutualTrue);
  }

  private static boolean same(List<Img> icons, int i, int j) {
    return icons.get(i).group().equals(icons.get(j).group());
  }
}
