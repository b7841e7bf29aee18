package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Cluster;
import dev.sluice.pipelines.model.Curated;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.dedup.KeepPolicy;
import dev.sluice.report.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The second half of near and perceptual dedup ({@link DedupNear}, {@link DedupPerceptual}), the same for both:
 * a band-grouping step emits candidate pairs ({@link #PAIR_TAG}) and the keep policy's view of each member
 * ({@link #MEMBER_TAG}); here the pairs' connected components ({@link ConnectedComponents}) get one survivor each
 * by the keep policy, and a join applies them to the records.
 */
public final class DuplicateClusters {
  private DuplicateClusters() {}

  private static final KvCoder<String, String> STR_KV =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private static final KvCoder<String, KeepPolicy.Member> MEMBER_KV =
      KvCoder.of(StringUtf8Coder.of(), Cluster.MEMBER_CODER);
  private static final TupleTag<RemovedDoc> EARLIER = new TupleTag<>("earlier");

  public static final TupleTag<KV<String, String>> PAIR_TAG = new TupleTag<>("pairs") {};
  public static final TupleTag<KV<String, KeepPolicy.Member>> MEMBER_TAG =
      new TupleTag<>("members") {};

  /** The candidate pairs ({@link #PAIR_TAG}) of a band-grouping step, each once. */
  public static PCollection<KV<String, String>> distinctPairs(PCollectionTuple candidates) {
    return candidates.get(PAIR_TAG).setCoder(STR_KV).apply("DistinctPairs", Distinct.create());
  }

  /** The keep policy's view of every member of a bucket with others ({@link #MEMBER_TAG}), once per id. */
  public static PCollection<KV<String, KeepPolicy.Member>> oneMemberPerId(
      PCollectionTuple candidates) {
    return candidates
        .get(MEMBER_TAG)
        .setCoder(MEMBER_KV)
        .apply("OneMemberPerId", Combine.perKey(new FirstMember()));
  }

  /**
   * Connected components of the verified edges (distributed, {@link ConnectedComponents}) and one survivor per
   * component by the keep policy: each member's id with its cluster.
   */
  public static PCollection<KV<String, Cluster>> of(
      PCollection<KV<String, String>> edges,
      PCollection<KV<String, KeepPolicy.Member>> members,
      int rounds,
      KeepPolicy policy) {
    PCollection<KV<String, String>> labels =
        edges.apply("Components", new ConnectedComponents(rounds));
    TupleTag<String> labelTag = new TupleTag<>();
    TupleTag<KeepPolicy.Member> mTag = new TupleTag<>();
    return KeyedPCollectionTuple.of(labelTag, labels)
        .and(mTag, members)
        .apply("JoinLabels", CoGroupByKey.create())
        .apply(
            "ByLabel",
            ParDo.of(
                new DoFn<KV<String, CoGbkResult>, KV<String, KeepPolicy.Member>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, CoGbkResult> kv,
                      OutputReceiver<KV<String, KeepPolicy.Member>> out) {
                    String label = kv.getValue().getOnly(labelTag, null);
                    if (label == null) return; // in a bucket with others, but no verified edge
                    out.output(KV.of(label, kv.getValue().getOnly(mTag)));
                  }
                }))
        .setCoder(MEMBER_KV)
        .apply("GroupCluster", GroupByKey.create())
        .apply("ChooseSurvivor", ParDo.of(new SurvivorFn(policy)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Cluster.CODER));
  }

  /**
   * What a dedup step that passes {@code earlier} to {@link #apply} declares as its additional input
   * ({@code PTransform.getAdditionalInputs}): that collection is joined without being the step's main input, and
   * the pipeline's graph records it as an input of the step, as it does side inputs.
   */
  static Map<TupleTag<?>, PValue> earlierInput(PCollection<RemovedDoc> earlier) {
    return earlier == null ? Map.of() : Map.of(EARLIER, earlier);
  }

  /**
   * Joins every record with its cluster: survivors go on under {@code kept} with the cluster's id and size (a
   * record without a cluster is its own, of size 1), the others are removed as {@code duplicate.<reason>} pointing
   * at the survivor; a few clusters are sampled into the report statistics.
   *
   * <p>{@code earlier} (may be null): the rows an earlier dedup step (exact) removed, pointing at the records this
   * step sees. They join here by the id they point at, in the same join, and come out under {@link Tags#REMOVED}
   * pointing at this step's survivor when their own survivor is removed now: a duplicate never points at a removed
   * record, and no extra shuffle pays for it.
   *
   * <p>With {@code keptObserver} (not null) the survivors are left in the stream ({@link Fanout#splitLeaving}) for
   * a next step that reads them there, and that observer sees them in the light copy.
   */
  public static <T extends Curated<T>> PCollectionTuple apply(
      PCollection<T> docs,
      Coder<T> coder,
      TupleTag<T> kept,
      Fanout.Outputs outputs,
      PCollection<KV<String, Cluster>> clusters,
      String stage,
      String reason,
      PCollection<RemovedDoc> earlier,
      Fanout.Observer keptObserver) {
    TupleTag<T> docTag = new TupleTag<>();
    TupleTag<Cluster> clusterTag = new TupleTag<>();
    TupleTag<RemovedDoc> earlierTag = earlier == null ? null : new TupleTag<>();
    PCollection<KV<String, T>> byId =
        docs.apply("KeyDocs", WithKeys.of((T d) -> d.id()).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
    KeyedPCollectionTuple<String> join =
        KeyedPCollectionTuple.of(docTag, byId).and(clusterTag, clusters);
    if (earlier != null) {
      join =
          join.and(
              earlierTag,
              earlier
                  .apply(
                      "KeyBySurvivor",
                      WithKeys.of((RemovedDoc r) -> r.duplicateOf())
                          .withKeyType(TypeDescriptors.strings()))
                  .setCoder(KvCoder.of(StringUtf8Coder.of(), RemovedDoc.CODER)));
    }
    PCollection<Fanout.Tagged> tagged =
        join.apply("JoinClusters", CoGroupByKey.create())
            .apply(
                "KeepSurvivors",
                ParDo.of(
                    new ApplyFn<T>(docTag, clusterTag, earlierTag, outputs, kept, stage, reason)));
    return keptObserver != null
        ? Fanout.splitLeaving(tagged, outputs, kept, keptObserver)
        : Fanout.split(tagged, outputs);
  }

  static final class FirstMember
      implements SerializableFunction<Iterable<KeepPolicy.Member>, KeepPolicy.Member> {
    @Override
    public KeepPolicy.Member apply(Iterable<KeepPolicy.Member> ms) {
      return ms.iterator().next();
    }
  }

  static final class SurvivorFn
      extends DoFn<KV<String, Iterable<KeepPolicy.Member>>, KV<String, Cluster>> {
    private final KeepPolicy policy;

    SurvivorFn(KeepPolicy policy) {
      this.policy = policy;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KeepPolicy.Member>> c,
        OutputReceiver<KV<String, Cluster>> out) {
      List<KeepPolicy.Member> members = new ArrayList<>();
      c.getValue().forEach(members::add); // a GBK result may be iterated once only (Flink)
      KeepPolicy.Member best = policy.survivor(members);
      Cluster cluster = new Cluster(c.getKey(), members.size(), best.id());
      for (KeepPolicy.Member m : members) out.output(KV.of(m.id(), cluster));
    }
  }

  static final class ApplyFn<T extends Curated<T>>
      extends DoFn<KV<String, CoGbkResult>, Fanout.Tagged> {
    private final TupleTag<T> docTag;
    private final TupleTag<Cluster> clusterTag;
    private final TupleTag<RemovedDoc> earlierTag;
    private final Fanout.Outputs outputs;
    private final TupleTag<T> kept;
    private final String stage;
    private final String reason;
    private transient RunStats stats;
    private transient Fanout.Emitter emit;

    ApplyFn(
        TupleTag<T> docTag,
        TupleTag<Cluster> clusterTag,
        TupleTag<RemovedDoc> earlierTag,
        Fanout.Outputs outputs,
        TupleTag<T> kept,
        String stage,
        String reason) {
      this.docTag = docTag;
      this.clusterTag = clusterTag;
      this.earlierTag = earlierTag;
      this.outputs = outputs;
      this.kept = kept;
      this.stage = stage;
      this.reason = reason;
    }

    @Setup
    public void setup() {
      emit = outputs.emitter();
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> kv, OutputReceiver<Fanout.Tagged> out) {
      T d = kv.getValue().getOnly(docTag, null);
      Cluster c = kv.getValue().getOnly(clusterTag, null);
      if (earlierTag != null) {
        // the earlier step's duplicates of this record: re-pointed when this step removes it
        String survivor =
            d != null && c != null && !c.survivor().equals(d.id()) ? c.survivor() : null;
        for (RemovedDoc r : kv.getValue().getAll(earlierTag)) {
          out.output(emit.of(Tags.REMOVED, survivor == null ? r : r.withDuplicateOf(survivor)));
        }
      }
      if (d == null) return;
      if (c == null) {
        out.output(emit.of(kept, d.withCluster(d.id(), 1)));
      } else if (c.survivor().equals(d.id())) {
        out.output(emit.of(kept, d.withCluster(c.id(), c.size())));
        stats()
            .cluster(
                new RunStats.ClusterExample(c.id(), c.size(), d.id(), d.excerpt(), null, null));
      } else {
        RemovedDoc r = d.removed(stage, reason, c.survivor());
        out.output(emit.of(Tags.REMOVED, r));
        stats()
            .cluster(
                new RunStats.ClusterExample(c.id(), c.size(), null, null, d.id(), d.excerpt()));
      }
    }

    private RunStats stats() {
      if (stats == null) stats = new RunStats();
      return stats;
    }

    @FinishBundle
    public void finish(FinishBundleContext fc) {
      if (stats != null) {
        fc.output(
            emit.of(Tags.STATS, stats),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        stats = null;
      }
    }
  }
}
