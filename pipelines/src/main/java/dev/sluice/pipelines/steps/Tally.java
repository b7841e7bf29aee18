package dev.sluice.pipelines.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.AtomicFiles;
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
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Counts outcome keys ("input", "kept", "filtered:&lt;rule&gt;", "duplicate:&lt;kind&gt;",
 * "dead_letter:&lt;stage&gt;.&lt;reason&gt;") inside the pipeline and writes them as one small JSON object, which
 * the run turns into the manifest's counts. Counted from the data itself, not from metrics, so retried bundles
 * never count twice.
 */
public final class Tally extends PTransform<PCollection<String>, PDone> {
  private final String file;

  public Tally(String file) {
    this.file = file;
  }

  @Override
  public PDone expand(PCollection<String> keys) {
    keys.apply("Counters", ParDo.of(new CountersFn())).setCoder(StringUtf8Coder.of())
        .apply("CountKeys", Count.perElement())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("OneGroup", WithKeys.of("tally"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply("Gather", GroupByKey.create())
        .apply("WriteTally", ParDo.of(new WriteFn(file)));
    return PDone.in(keys.getPipeline());
  }

  /**
   * Bumps one Beam counter per outcome key ({@code sluice/filtered:c4.too_few_sentences}, ...), so the runner's
   * metrics — Flink's web UI and REST API — show Sluice's counts by name while the job runs. The manifest still
   * counts from the data above: metrics of a retried bundle may count twice.
   */
  static final class CountersFn extends DoFn<String, String> {
    static final String NAMESPACE = "sluice";
    private transient Map<String, Counter> counters;

    @ProcessElement
    public void process(@Element String key, OutputReceiver<String> out) {
      if (counters == null) counters = new HashMap<>();
      counters.computeIfAbsent(key, k -> Metrics.counter(NAMESPACE, k)).inc();
      out.output(key);
    }
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
