package dev.sluice.pipelines.steps;

import dev.sluice.augment.difficulty.Difficulty;
import dev.sluice.augment.difficulty.Percentiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Gathers rows of {@code width} doubles (a document's difficulty components, or its combined score) into one
 * array per column and sorts them (NaN dropped), for percentile ranks. Eight bytes per document and column: 1 M
 * documents with four components is 32 MB.
 */
final class SortedParts extends Combine.CombineFn<double[], double[][], double[][]> {
  /** Arrays of doubles, with their length. */
  static final Coder<double[]> PARTS_CODER = new PartsCoder();

  private static final Coder<double[][]> TABLE_CODER = new TableCoder();

  private final int width;

  SortedParts(int width) {
    this.width = width;
  }

  /** One column per difficulty component. */
  static SortedParts components() {
    return new SortedParts(Difficulty.COMPONENTS.size());
  }

  @Override
  public double[][] createAccumulator() {
    double[][] acc = new double[width + 1][];
    acc[width] = new double[] {0}; // the row count
    for (int i = 0; i < width; i++) acc[i] = new double[16];
    return acc;
  }

  @Override
  public double[][] addInput(double[][] acc, double[] parts) {
    int n = (int) acc[width][0];
    if (n == acc[0].length) for (int i = 0; i < width; i++) acc[i] = Arrays.copyOf(acc[i], n * 2);
    for (int i = 0; i < width; i++) acc[i][n] = parts[i];
    acc[width][0] = n + 1;
    return acc;
  }

  @Override
  public double[][] mergeAccumulators(Iterable<double[][]> accs) {
    double[][] out = createAccumulator();
    double[] row = new double[width];
    for (double[][] a : accs) {
      int n = (int) a[width][0];
      for (int r = 0; r < n; r++) {
        for (int i = 0; i < width; i++) row[i] = a[i][r];
        addInput(out, row);
      }
    }
    return out;
  }

  @Override
  public double[][] extractOutput(double[][] acc) {
    int n = (int) acc[width][0];
    double[][] sorted = new double[width][];
    for (int i = 0; i < width; i++) sorted[i] = Percentiles.sorted(Arrays.copyOf(acc[i], n));
    return sorted;
  }

  @Override
  public double[][] defaultValue() {
    return extractOutput(createAccumulator());
  }

  @Override
  public Coder<double[][]> getAccumulatorCoder(CoderRegistry registry, Coder<double[]> input) {
    return TABLE_CODER;
  }

  @Override
  public Coder<double[][]> getDefaultOutputCoder(CoderRegistry registry, Coder<double[]> input) {
    return TABLE_CODER;
  }

  static final class PartsCoder extends AtomicCoder<double[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(double[] v, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(v.length);
      for (double x : v) d.writeDouble(x);
      d.flush();
    }

    @Override
    public double[] decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      double[] v = new double[d.readInt()];
      for (int i = 0; i < v.length; i++) v[i] = d.readDouble();
      return v;
    }

    @Override
    public void verifyDeterministic() {}
  }

  static final class TableCoder extends AtomicCoder<double[][]> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(double[][] v, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(v.length);
      for (double[] row : v) {
        d.writeInt(row.length);
        for (double x : row) d.writeDouble(x);
      }
      d.flush();
    }

    @Override
    public double[][] decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      double[][] v = new double[d.readInt()][];
      for (int r = 0; r < v.length; r++) {
        v[r] = new double[d.readInt()];
        for (int i = 0; i < v[r].length; i++) v[r][i] = d.readDouble();
      }
      return v;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
