package dev.sluice.pipelines.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Counts outcome keys ("input", "kept", "filtered:&lt;rule&gt;", "duplicate:&lt;kind&gt;",
 * "dead_letter:&lt;stage&gt;.&lt;reason&gt;") inside the pipeline and writes them as one small JSON object, which
 * the run turns into the manifest's counts. Counted from the data itself, not from metrics, so retried bundles
 * never count twice. The input is partial counts ({@link #keys}: one per key and bundle, not one element per row).
 */
public final class Tally extends PTransform<PCollection<KV<String, Long>>, PDone> {
  public static final KvCoder<String, Long> PARTIAL =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
  private final String file;

  public Tally(String file) {
    this.file = file;
  }

  /**
   * Partial counts of the outcome key of each element (null: not counted), one per key and bundle. Each element also bumps a Beam
   * counter named after its key ({@code sluice/filtered:c4.too_few_sentences}, ...), so the runner's metrics —
   * Flink's web UI and REST API — show Sluice's counts by name while the job runs. The manifest still counts from
   * the data: metrics of a retried bundle may count twice.
   */
  public static <T> PTransform<PCollection<T>, PCollection<KV<String, Long>>> keys(
      SerializableFunction<T, String> key) {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<T> rows) {
        return rows.apply(ParDo.of(new CountKeysFn<>(key))).setCoder(PARTIAL);
      }
    };
  }

  /** Per-bundle sums of {@code measure} under one key (a size, not an outcome: the counts ignore it). */
  public static <T> PTransform<PCollection<T>, PCollection<KV<String, Long>>> sum(
      String key, SerializableFunction<T, Long> measure) {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<T> rows) {
        return rows.apply(ParDo.of(new SumFn<>(key, measure))).setCoder(PARTIAL);
      }
    };
  }

  /**
   * Partial counts made elsewhere, under the tally's keys: {@code outcomes} renames keys that count elements (and
   * bumps their counters, as {@link #keys} does), {@code sizes} keys that sum a measure; other keys are dropped.
   */
  public static PTransform<PCollection<KV<String, Long>>, PCollection<KV<String, Long>>> renamed(
      Map<String, String> outcomes, Map<String, String> sizes) {
    HashMap<String, String> o = new HashMap<>(outcomes);
    HashMap<String, String> z = new HashMap<>(sizes);
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<KV<String, Long>> partials) {
        return partials.apply(ParDo.of(new RenameFn(o, z))).setCoder(PARTIAL);
      }
    };
  }

  static final class RenameFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final HashMap<String, String> outcomes;
    private final HashMap<String, String> sizes;

    RenameFn(HashMap<String, String> outcomes, HashMap<String, String> sizes) {
      this.outcomes = outcomes;
      this.sizes = sizes;
    }

    @ProcessElement
    public void process(@Element KV<String, Long> partial, OutputReceiver<KV<String, Long>> out) {
      String outcome = outcomes.get(partial.getKey());
      if (outcome != null) {
        Metrics.counter(StageClock.NAMESPACE, outcome).inc(partial.getValue());
        out.output(KV.of(outcome, partial.getValue()));
      }
      String size = sizes.get(partial.getKey());
      if (size != null) out.output(KV.of(size, partial.getValue()));
    }
  }

  static final class SumFn<T> extends DoFn<T, KV<String, Long>> {
    private final String key;
    private final SerializableFunction<T, Long> measure;
    private long sum;
    private boolean any;

    SumFn(String key, SerializableFunction<T, Long> measure) {
      this.key = key;
      this.measure = measure;
    }

    @ProcessElement
    public void process(@Element T row) {
      sum += measure.apply(row);
      any = true;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (any) {
        c.output(KV.of(key, sum), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      sum = 0;
      any = false;
    }
  }

  static final class CountKeysFn<T> extends DoFn<T, KV<String, Long>> {
    private final SerializableFunction<T, String> key;
    private transient Map<String, long[]> counts;
    private transient Map<String, Counter> counters;

    CountKeysFn(SerializableFunction<T, String> key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element T row) {
      if (counts == null) counts = new HashMap<>();
      if (counters == null) counters = new HashMap<>();
      String k = key.apply(row);
      if (k == null) return; // not counted
      counts.computeIfAbsent(k, x -> new long[1])[0]++;
      counters.computeIfAbsent(k, x -> Metrics.counter(StageClock.NAMESPACE, x)).inc();
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (counts == null) return;
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        c.output(
            KV.of(e.getKey(), e.getValue()[0]),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      counts = null;
    }
  }

  @Override
  public PDone expand(PCollection<KV<String, Long>> partials) {
    partials
        .apply("SumKeys", Sum.longsPerKey())
        .setCoder(PARTIAL)
        .apply("OneGroup", WithKeys.of("tally"))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply("Gather", GroupByKey.create())
        .apply("WriteTally", ParDo.of(new WriteFn(file)));
    return PDone.in(partials.getPipeline());
  }

  static final class WriteFn extends DoFn<KV<String, Iterable<KV<String, Long>>>, Void> {
    private final String file;

    WriteFn(String file) {
      this.file = file;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> all) {
      Map<String, Long> m = new TreeMap<>();
      for (KV<String, Long> kv : all.getValue()) m.merge(kv.getKey(), kv.getValue(), Long::sum);
      AtomicFiles.writeJson(file, m);
    }
  }

  /** Reads what {@link WriteFn} wrote; an empty map when nothing was counted (no input reached the tally). */
  @SuppressWarnings("unchecked")
  public static Map<String, Long> read(Path file) throws IOException {
    if (!Files.exists(file)) return new TreeMap<>();
    Map<String, Object> raw = new ObjectMapper().readValue(file.toFile(), Map.class);
    Map<String, Long> m = new TreeMap<>();
    raw.forEach((k, v) -> m.put(k, ((Number) v).longValue()));
    return m;
  }
}
