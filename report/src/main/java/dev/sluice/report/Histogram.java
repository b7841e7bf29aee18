package dev.sluice.report;

import java.io.Serializable;

/**
 * A fixed-bin histogram (linear or log10 bins over [lo, hi]; values outside go to the end bins) with count, sum,
 * min and max. Exactly mergeable by adding bins, so partial histograms from every worker combine into the same
 * result in any order: the report's distributions need no second pass over the data. The sum is compensated (a
 * double-double: {@link #sum} the nearest double, a private error term beside it, good to about 2^-100 of the
 * sum), so partial sums merged in whatever order the runner's bundles arrive give the same {@link #sum} to the last
 * bit (unless the exact sum lies within that error of halfway between two doubles), as the counts do.
 */
public final class Histogram implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int BINS = 40;

  public double lo;
  public double hi;
  public boolean log;
  public long[] counts = new long[BINS];
  public long n;
  public double sum;

  /** What {@link #sum} leaves out of the exact sum (not written to JSON: {@link #sum} is already its nearest double). */
  private double sumError;

  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;

  public Histogram() {}

  public Histogram(double lo, double hi, boolean log) {
    this.lo = lo;
    this.hi = hi;
    this.log = log;
  }

  /** The bins a signal or measure is drawn with. */
  public static Histogram forSignal(String name) {
    if (name.startsWith("image.")) return forImageSignal(name.substring("image.".length()));
    if (name.endsWith("stop_words")
        || name.endsWith("sentences")
        || name.endsWith("cluster_size")) {
      return new Histogram(1, 1e4, true);
    }
    if (name.endsWith("word_count") || name.endsWith("words")) return new Histogram(1, 1e6, true);
    if (name.endsWith("chars")) return new Histogram(1, 1e7, true);
    if (name.endsWith("mean_word_length")) return new Histogram(0, 20, false);
    if (name.endsWith("list_ratio")) return new Histogram(0, 2, false);
    // per character: a character n-gram model of prose puts text at 3-10, markup and lists higher
    if (name.endsWith("perplexity")) return new Histogram(2, 40, true);
    return new Histogram(0, 1, false);
  }

  /** Image signals (image runs' {@code image.<signal>}): pixel and byte sizes on log bins, the rest on their range. */
  static Histogram forImageSignal(String signal) {
    return switch (signal) {
      case "width", "height" -> new Histogram(1, 1e5, true);
      case "file_bytes" -> new Histogram(10, 1e9, true);
      case "aspect_ratio" -> new Histogram(1, 100, true);
      case "blur" -> new Histogram(0.01, 1e5, true);
      case "colourfulness" -> new Histogram(0, 200, false);
      case "entropy" -> new Histogram(0, 8, false);
      case "jpeg_quality" -> new Histogram(0, 100, false);
      default -> new Histogram(0, 1, false); // brightness, contrast, uniform_fraction
    };
  }

  public int bin(double v) {
    double x = log ? Math.log10(Math.max(v, 1e-12)) : v;
    double a = log ? Math.log10(lo) : lo;
    double b = log ? Math.log10(hi) : hi;
    int i = (int) Math.floor((x - a) / (b - a) * BINS);
    return Math.max(0, Math.min(BINS - 1, i));
  }

  /** Lower edge of bin i. */
  public double edge(int i) {
    double a = log ? Math.log10(lo) : lo;
    double b = log ? Math.log10(hi) : hi;
    double x = a + (b - a) * i / BINS;
    return log ? Math.pow(10, x) : x;
  }

  public void add(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return;
    counts[bin(v)]++;
    n++;
    addToSum(v, 0);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  public void merge(Histogram o) {
    for (int i = 0; i < BINS; i++) counts[i] += o.counts[i];
    n += o.n;
    addToSum(o.sum, o.sumError);
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
  }

  /**
   * This histogram less {@code o}, a subset of the values it counted on the same bins (what a rule kept of what it
   * scored, say): counts, n and sum are exact; min and max stay this one's, bounds rather than the exact extremes.
   */
  public Histogram minus(Histogram o) {
    if (o.lo != lo || o.hi != hi || o.log != log)
      throw new IllegalArgumentException(
          "different bins: [" + o.lo + ", " + o.hi + "] vs [" + lo + ", " + hi + "]");
    Histogram d = new Histogram(lo, hi, log);
    for (int i = 0; i < BINS; i++) {
      if (o.counts[i] > counts[i])
        throw new IllegalArgumentException(
            "bin " + i + " holds " + o.counts[i] + " > " + counts[i]);
      d.counts[i] = counts[i] - o.counts[i];
    }
    d.n = n - o.n;
    d.sum = sum;
    d.sumError = sumError;
    d.addToSum(-o.sum, -o.sumError);
    if (d.n > 0) {
      d.min = min;
      d.max = max;
    }
    return d;
  }

  /**
   * Adds {@code hi + lo} to the double-double ({@link #sum}, {@link #sumError}) and renormalises, so that
   * {@link #sum} stays the nearest double to the sum: two of Knuth's TwoSum steps, each exact.
   */
  private void addToSum(double hi, double lo) {
    double s = sum + hi;
    if (!Double.isFinite(s)) { // overflow: the sum is infinite, as a plain sum would be
      sum = s;
      sumError = 0;
      return;
    }
    double b = s - sum;
    double e = (sum - (s - b)) + (hi - b); // s + e == sum + hi, exactly
    double t = sumError + lo + e;
    double r = s + t;
    double c = r - s;
    sumError = (s - (r - c)) + (t - c); // r + sumError == s + t, exactly
    sum = r;
  }

  /** The q-quantile, interpolated inside its bin. */
  public double quantile(double q) {
    if (n == 0) return Double.NaN;
    double target = q * n;
    long seen = 0;
    for (int i = 0; i < BINS; i++) {
      if (seen + counts[i] >= target && counts[i] > 0) {
        double f = (target - seen) / counts[i];
        double v = edge(i) + f * (edge(i + 1) - edge(i));
        return Math.max(min, Math.min(max, v));
      }
      seen += counts[i];
    }
    return max;
  }

  public double mean() {
    return n == 0 ? Double.NaN : sum / n;
  }
}
