package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Curated;
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
import org.apache.beam.sdk.values.TupleTag;

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
    PCollection<KV<String, Doc>> keyed =
        docs.apply("HashText", ParDo.of(new KeyFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Doc.CODER));
    if (!enabled) {
      PCollection<Doc> docsOnly =
          keyed
              .apply(
                  "Unkey",
                  ParDo.of(
                      new DoFn<KV<String, Doc>, Doc>() {
                        @ProcessElement
                        public void process(@Element KV<String, Doc> kv, OutputReceiver<Doc> out) {
                          out.output(kv.getValue());
                        }
                      }))
              .setCoder(Doc.CODER);
      return PCollectionTuple.of(Tags.DOCS, docsOnly);
    }
    return keepOnePerKey(keyed, policy, OUTPUTS, Tags.DOCS, null);
  }

  /**
   * The shared half of exact dedup, for any record kind: group by the exact key, keep the policy's survivor under
   * {@code kept} (with its exact_dups), remove the rest as {@code duplicate.exact} pointing at it. With {@code
   * keptObserver} (not null) the survivors are left in the stream ({@link Fanout#splitLeaving}), and that observer
   * sees them in the light copy.
   */
  public static <T extends Curated<T>> PCollectionTuple keepOnePerKey(
      PCollection<KV<String, T>> keyed,
      KeepPolicy policy,
      Fanout.Outputs outputs,
      TupleTag<T> kept,
      Fanout.Observer keptObserver) {
    PCollection<Fanout.Tagged> tagged =
        keyed
            .apply("GroupByHash", GroupByKey.create())
            .apply("KeepOne", ParDo.of(new KeepFn<T>(policy, outputs, kept)));
    return keptObserver != null
        ? Fanout.splitLeaving(tagged, outputs, kept, keptObserver)
        : Fanout.split(tagged, outputs);
  }

  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED);

  static final class KeyFn extends DoFn<Doc, KV<String, Doc>> {
    private final StageClock clock = new StageClock("dedup_exact");

    @ProcessElement
    public void process(@Element Doc in, OutputReceiver<KV<String, Doc>> out) {
      long t = clock.start();
      Doc d = in.withExactKey(ExactKey.of(in.text()));
      out.output(KV.of(d.exactKey(), d));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }

  static KeepPolicy.Member member(Doc d) {
    return d.member();
  }

  static final class KeepFn<T extends Curated<T>>
      extends DoFn<KV<String, Iterable<T>>, Fanout.Tagged> {
    private final KeepPolicy policy;
    private final Fanout.Outputs outputs;
    private final TupleTag<T> kept;
    private transient Comparator<KeepPolicy.Member> order;
    private transient Fanout.Emitter emit;

    KeepFn(KeepPolicy policy, Fanout.Outputs outputs, TupleTag<T> kept) {
      this.policy = policy;
      this.outputs = outputs;
      this.kept = kept;
    }

    @Setup
    public void setup() {
      order = policy.comparator();
      emit = outputs.emitter();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> group, OutputReceiver<Fanout.Tagged> out) {
      T best = null;
      KeepPolicy.Member bestM = null;
      List<RemovedDoc> losers = new ArrayList<>();
      for (T d : group.getValue()) {
        KeepPolicy.Member m = d.member();
        if (best == null || order.compare(m, bestM) < 0) {
          if (best != null) losers.add(best.removed(RemovedDoc.DEDUP_EXACT, "exact", null));
          best = d;
          bestM = m;
        } else {
          losers.add(d.removed(RemovedDoc.DEDUP_EXACT, "exact", null));
        }
      }
      T survivor = best.withExactDups(losers.size());
      out.output(emit.of(kept, survivor));
      for (RemovedDoc r : losers)
        out.output(emit.of(Tags.REMOVED, r.withDuplicateOf(survivor.id())));
    }
  }
}
