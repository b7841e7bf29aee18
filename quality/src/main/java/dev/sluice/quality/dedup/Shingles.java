package dev.sluice.quality.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import net.openhft.hashing.LongHashFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Word shingles of a document through a Lucene analysis chain (StandardTokenizer, LowerCaseFilter, ShingleFilter),
 * each hashed to 64 bits; the result is the sorted set of distinct shingle hashes. A document shorter than one
 * shingle yields its words as unigrams, so short texts still get a signature. Not thread-safe: one per thread.
 */
public final class Shingles implements AutoCloseable {
  private static final LongHashFunction XX = LongHashFunction.xx3();
  private final Analyzer analyzer;
  private long[] buf = new long[1024];

  public Shingles(int size) {
    this.analyzer = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tok = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(tok);
        if (size > 1) {
          ShingleFilter sf = new ShingleFilter(ts, size, size);
          sf.setOutputUnigrams(false);
          sf.setOutputUnigramsIfNoShingles(true);
          ts = sf;
        }
        return new TokenStreamComponents(tok, ts);
      }
    };
  }

  /** Sorted distinct 64-bit hashes of the shingles of {@code text}. */
  public long[] of(String text) {
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream("t", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
        buf[n++] = XX.hashChars(term.buffer(), 0, term.length());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long[] out = Arrays.copyOf(buf, n);
    Arrays.sort(out);
    int u = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) out[u++] = out[i];
    }
    return u == out.length ? out : Arrays.copyOf(out, u);
  }

  /** Exact Jaccard similarity of two sorted distinct hash sets. */
  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) return 1.0;
    int i = 0;
    int j = 0;
    int inter = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        inter++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return inter / (double) (a.length + b.length - inter);
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
