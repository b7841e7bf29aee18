package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.dedup.ExactKey;
import dev.sluice.quality.dedup.KeepPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Exact dedup: documents with the same 128-bit hash of their (normalised, cleaned) text form a group; the keep
 * policy picks the survivor, the rest are removed as {@code duplicate.exact} pointing at it. One pass over each
 * group, holding only the best document and the small removal rows.
 */
public final class DedupExact extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final KeepPolicy policy;
  private final boolean enabled;

  public DedupExact(KeepPolicy policy, boolean enabled) {
    this.policy = policy;
    this.enabled = enabled;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    PCollection<KV<String, Doc>> keyed = docs.apply("HashText", ParDo.of(new KeyFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Doc.CODER));
    if (!enabled) {
      return Tags.withCoders(keyed.apply("Unkey", ParDo.of(new DoFn<KV<String, Doc>, Doc>() {
        @ProcessElement
        public void process(@Element KV<String, Doc> kv, MultiOutputReceiver out) {
          out.get(Tags.DOCS).output(kv.getValue());
        }
      }).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED))));
    }
    return Tags.withCoders(keyed
        .apply("GroupByHash", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new KeepFn(policy)).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED))));
  }

  static final class KeyFn extends DoFn<Doc, KV<String, Doc>> {
    private final StageClock clock = new StageClock("dedup_exact");

    @ProcessElement
    public void process(@Element Doc in, OutputReceiver<KV<String, Doc>> out) {
      long t = clock.start();
      Doc d = in.copy();
      d.exactKey = ExactKey.of(d.text);
      out.output(KV.of(d.exactKey, d));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }

  static KeepPolicy.Member member(Doc d) {
    return new KeepPolicy.Member(d.id, d.quality, d.text.length());
  }

  static final class KeepFn extends DoFn<KV<String, Iterable<Doc>>, Doc> {
    private final KeepPolicy policy;
    private transient Comparator<KeepPolicy.Member> order;

    KeepFn(KeepPolicy policy) {
      this.policy = policy;
    }

    @Setup
    public void setup() {
      order = policy.comparator();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Doc>> group, MultiOutputReceiver out) {
      Doc best = null;
      KeepPolicy.Member bestM = null;
      List<RemovedDoc> losers = new ArrayList<>();
      for (Doc d : group.getValue()) {
        KeepPolicy.Member m = member(d);
        if (best == null || order.compare(m, bestM) < 0) {
          if (best != null) losers.add(RemovedDoc.of(best, RemovedDoc.DEDUP_EXACT, "exact", null, Double.NaN));
          best = d;
          bestM = m;
        } else {
          losers.add(RemovedDoc.of(d, RemovedDoc.DEDUP_EXACT, "exact", null, Double.NaN));
        }
      }
      Doc kept = best.copy();
      kept.exactDups = losers.size();
      out.get(Tags.DOCS).output(kept);
      for (RemovedDoc r : losers) out.get(Tags.REMOVED).output(r.withDuplicateOf(kept.id));
    }
  }
}
