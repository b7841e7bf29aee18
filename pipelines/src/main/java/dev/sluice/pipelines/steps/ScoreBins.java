package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.quality.model.QuantileBins;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Counts documents per bin of their classifier score ({@link QuantileBins#classifier()}, row 0) and of their
 * perplexity ({@link QuantileBins#perplexity()}, row 1); a row the run does not measure is null, and so are values
 * that have none (NaN). Counts add, so any merge order gives the same totals. The coder writes only the bins that
 * hold documents.
 */
final class ScoreBins extends Combine.CombineFn<Doc, long[][], long[][]> {
  static final Coder<long[][]> CODER = new BinsCoder();

  private final boolean score;
  private final boolean perplexity;

  ScoreBins(boolean score, boolean perplexity) {
    this.score = score;
    this.perplexity = perplexity;
  }

  @Override
  public long[][] createAccumulator() {
    return new long[][] {
      score ? new long[QuantileBins.classifier().size()] : null,
      perplexity ? new long[QuantileBins.perplexity().size()] : null
    };
  }

  @Override
  public long[][] addInput(long[][] acc, Doc d) {
    if (acc[0] != null && !Double.isNaN(d.qualityModelScore())) {
      acc[0][QuantileBins.classifier().scoreBin(d.qualityModelScore())]++;
    }
    if (acc[1] != null && !Double.isNaN(d.perplexity())) {
      acc[1][QuantileBins.perplexity().perplexityBin(d.perplexity())]++;
    }
    return acc;
  }

  @Override
  public long[][] mergeAccumulators(Iterable<long[][]> accs) {
    long[][] out = createAccumulator();
    for (long[][] a : accs) {
      for (int r = 0; r < 2; r++) {
        if (out[r] == null || a[r] == null) continue;
        for (int i = 0; i < out[r].length; i++) out[r][i] += a[r][i];
      }
    }
    return out;
  }

  @Override
  public long[][] extractOutput(long[][] acc) {
    return acc;
  }

  @Override
  public Coder<long[][]> getAccumulatorCoder(CoderRegistry registry, Coder<Doc> input) {
    return CODER;
  }

  @Override
  public Coder<long[][]> getDefaultOutputCoder(CoderRegistry registry, Coder<Doc> input) {
    return CODER;
  }

  /** Each row: -1 for null, else its length, the number of non-empty bins, then (bin, count) pairs. */
  static final class BinsCoder extends AtomicCoder<long[][]> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(long[][] v, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(v.length);
      for (long[] row : v) {
        if (row == null) {
          d.writeInt(-1);
          continue;
        }
        d.writeInt(row.length);
        int used = 0;
        for (long c : row) if (c != 0) used++;
        d.writeInt(used);
        for (int i = 0; i < row.length; i++) {
          if (row[i] != 0) {
            d.writeInt(i);
            d.writeLong(row[i]);
          }
        }
      }
      d.flush();
    }

    @Override
    public long[][] decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      long[][] v = new long[d.readInt()][];
      for (int r = 0; r < v.length; r++) {
        int len = d.readInt();
        if (len < 0) continue;
        v[r] = new long[len];
        int used = d.readInt();
        for (int k = 0; k < used; k++) {
          int i = d.readInt();
          v[r][i] = d.readLong();
        }
      }
      return v;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
