package dev.sluice.pipelines.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.text.Words;
import dev.sluice.report.RunStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.openhft.hashing.LongHashFunction;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Side branches that summarise a collection into per-bundle {@link RunStats} (fused with the producer: no extra
 * shuffle), and the final merge that writes the run's statistics for the report.
 */
public final class Observe {
  private static final LongHashFunction XX = LongHashFunction.xx3();

  private Observe() {}

  /** Statistics of every normalised document, as a per-document step (it removes nothing). */
  public static DocStep input() {
    return new DocStep() {
      private static final long serialVersionUID = 1L;

      @Override
      public String stage() {
        return null;
      }

      @Override
      public Doc apply(Doc d, Out out) {
        RunStats s = out.stats();
        s.docsIn++;
        s.bytesIn += utf8Bytes(d.text());
        s.charsIn.add(d.text().length());
        s.wordsIn.add(words(d.text()));
        return d;
      }
    };
  }

  public static PCollection<RunStats> kept(PCollection<Doc> docs) {
    return docs.apply(
            "ObserveKept",
            ParDo.of(
                new StatsFn<Doc>() {
                  @Override
                  void add(RunStats s, Doc d) {
                    s.docsOut++;
                    s.bytesOut += utf8Bytes(d.text());
                    s.charsOut.add(d.text().length());
                    s.wordsOut.add(words(d.text()));
                    s.qualityOut.add(d.quality());
                    if (d.clusterSize() > 1) s.clusterSizes.add(d.clusterSize());
                    for (Map.Entry<String, Double> e : d.signals().entrySet())
                      RunStats.addTo(s.signalsOut, e.getKey(), e.getValue());
                    s.langIn.merge(d.lang(), 1L, Long::sum);
                    s.langOut.merge(d.lang(), 1L, Long::sum);
                    s.langConfidence.add(d.langScore());
                    if (!Double.isNaN(d.difficulty())) s.difficultyOut.add(d.difficulty());
                    if (!Double.isNaN(d.qualityModelScore())) {
                      RunStats.addTo(s.signalsOut, ScoreQualityModel.SCORE, d.qualityModelScore());
                    }
                    if (!Double.isNaN(d.perplexity())) {
                      RunStats.addTo(s.signalsOut, ScoreQualityModel.PERPLEXITY, d.perplexity());
                    }
                  }
                }))
        .setCoder(SerializableCoder.of(RunStats.class));
  }

  public static PCollection<RunStats> removed(PCollection<RemovedDoc> rows, long seed) {
    return rows.apply(
            "ObserveRemoved",
            ParDo.of(
                new StatsFn<RemovedDoc>() {
                  @Override
                  void add(RunStats s, RemovedDoc r) {
                    String key = r.tallyKey();
                    s.removedChars.merge(key, (long) r.chars(), Long::sum);
                    if (key.equals("filtered:" + ScoreQualityModel.SCORE)
                        && !Double.isNaN(r.score())) s.qualityModelRemoved.add(r.score());
                    s.langIn.merge(r.lang() == null ? "und" : r.lang(), 1L, Long::sum);
                    s.langConfidence.add(r.langScore());
                    RunStats.sample(
                        s.examples,
                        key,
                        new RunStats.Example(
                            r.id(),
                            rank(seed, r.id()),
                            r.excerpt(),
                            Double.isNaN(r.score()) ? null : r.score(),
                            r.duplicateOf(),
                            r.source(),
                            r.location()));
                  }
                }))
        .setCoder(SerializableCoder.of(RunStats.class));
  }

  public static PCollection<RunStats> dead(PCollection<DeadLetter> rows, long seed) {
    return rows.apply(
            "ObserveDead",
            ParDo.of(
                new StatsFn<DeadLetter>() {
                  @Override
                  void add(RunStats s, DeadLetter d) {
                    String raw =
                        d.raw().length() <= RemovedDoc.EXCERPT_CHARS
                            ? d.raw()
                            : d.raw().substring(0, RemovedDoc.EXCERPT_CHARS);
                    RunStats.sample(
                        s.deadExamples,
                        d.stage() + "." + d.reason(),
                        new RunStats.Example(
                            d.detail(),
                            rank(seed, d.source() + "\u0000" + d.location()),
                            raw,
                            null,
                            null,
                            d.source(),
                            d.location()));
                  }
                }))
        .setCoder(SerializableCoder.of(RunStats.class));
  }

  /** The sample order: a hash of the recipe seed and the id, so the sample is the same on every run and runner. */
  static long rank(long seed, String id) {
    return XX.hashChars(seed + ":" + id);
  }

  abstract static class StatsFn<T> extends DoFn<T, RunStats> {
    private transient RunStats stats;

    abstract void add(RunStats s, T element);

    @ProcessElement
    public void process(@Element T e) {
      if (stats == null) stats = new RunStats();
      add(stats, e);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (stats != null) {
        c.output(stats, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        stats = null;
      }
    }
  }

  /** Merges every partial and writes the result as JSON to {@code file}. */
  public static final class Write extends PTransform<PCollection<RunStats>, PDone> {
    private final String file;

    public Write(String file) {
      this.file = file;
    }

    @Override
    public PDone expand(PCollection<RunStats> parts) {
      parts
          .apply("MergeStats", Combine.globally(new Merge()).withoutDefaults())
          .setCoder(SerializableCoder.of(RunStats.class))
          .apply(
              "WriteStats",
              ParDo.of(
                  new DoFn<RunStats, Void>() {
                    @ProcessElement
                    public void process(@Element RunStats s) {
                      AtomicFiles.writeJson(file, s);
                    }
                  }));
      return PDone.in(parts.getPipeline());
    }
  }

  static final class Merge extends Combine.CombineFn<RunStats, RunStats, RunStats> {
    @Override
    public RunStats createAccumulator() {
      return new RunStats();
    }

    @Override
    public RunStats addInput(RunStats acc, RunStats in) {
      return acc.merge(in);
    }

    @Override
    public RunStats mergeAccumulators(Iterable<RunStats> accs) {
      RunStats out = new RunStats();
      for (RunStats a : accs) out.merge(a);
      return out;
    }

    @Override
    public RunStats extractOutput(RunStats acc) {
      return acc;
    }
  }

  public static RunStats read(Path file) throws IOException {
    if (!Files.exists(file)) return new RunStats();
    return new ObjectMapper().readValue(file.toFile(), RunStats.class);
  }

  /** UTF-8 length without encoding. */
  public static long utf8Bytes(String s) {
    long b = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) b++;
      else if (c < 0x800) b += 2;
      else if (Character.isHighSurrogate(c)) {
        b += 4;
        i++;
      } else b += 3;
    }
    return b;
  }

  public static int words(String s) {
    int n = 0;
    boolean in = false;
    char[] c =
        s.toCharArray(); // one copy: charAt re-checks the string's coder and bounds on every char
    for (int i = 0; i < c.length; i++) {
      boolean sp = Words.isWhitespace(c[i]); // = Character.isWhitespace, ASCII fast
      if (!sp && !in) n++;
      in = !sp;
    }
    return n;
  }
}
