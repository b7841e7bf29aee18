package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Cluster;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.dedup.KeepPolicy;
import dev.sluice.quality.dedup.MinHasher;
import dev.sluice.quality.dedup.NearDedupConfig;
import dev.sluice.quality.dedup.Shingles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Near dedup, distributed end to end: MinHash signature per document over Lucene word shingles, LSH band keys,
 * one GroupByKey per band bucket to find candidate pairs, optional exact-Jaccard verification of each candidate
 * (two joins with the texts), then {@link DuplicateClusters}: connected components, one survivor per component by
 * the keep policy, and a final join that keeps survivors (with cluster id and size) and removes the rest as
 * {@code duplicate.near}, pointing at the survivor.
 */
public final class DedupNear extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private static final KvCoder<String, String> STR_KV =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  /** Band bucket keys travel as 8-byte longs: the runner's sort compares whole encoded keys, shorter is cheaper. */
  private static final KvCoder<Long, KeepPolicy.Member> BAND_KV =
      KvCoder.of(BigEndianLongCoder.of(), Cluster.MEMBER_CODER);

  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED, Tags.STATS);
  private final NearDedupConfig cfg;
  private final KeepPolicy policy;
  private final transient PCollection<RemovedDoc> earlier;

  public DedupNear(NearDedupConfig cfg, KeepPolicy policy) {
    this(cfg, policy, null);
  }

  /**
   * @param earlier the rows exact dedup removed (may be null): they come out under {@link Tags#REMOVED} pointing at
   *     the final survivor ({@link DuplicateClusters#apply})
   */
  public DedupNear(NearDedupConfig cfg, KeepPolicy policy, PCollection<RemovedDoc> earlier) {
    this.cfg = cfg;
    this.policy = policy;
    this.earlier = earlier;
  }

  @Override
  public Map<TupleTag<?>, PValue> getAdditionalInputs() {
    return DuplicateClusters.earlierInput(earlier);
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    PCollectionTuple candidates =
        docs.apply("BandKeys", ParDo.of(new BandFn(cfg)))
            .setCoder(BAND_KV)
            .apply("GroupByBand", GroupByKey.create())
            .apply(
                "CandidatePairs",
                ParDo.of(new PairsFn(cfg))
                    .withOutputTags(
                        DuplicateClusters.PAIR_TAG, TupleTagList.of(DuplicateClusters.MEMBER_TAG)));
    PCollection<KV<String, String>> pairs = DuplicateClusters.distinctPairs(candidates);
    PCollection<KV<String, String>> edges = cfg.verify() ? verify(docs, pairs) : pairs;
    PCollection<KV<String, Cluster>> clusters =
        DuplicateClusters.of(
            edges, DuplicateClusters.oneMemberPerId(candidates), cfg.componentRounds(), policy);
    return DuplicateClusters.apply(
        docs,
        Doc.CODER,
        Tags.DOCS,
        OUTPUTS,
        clusters,
        RemovedDoc.DEDUP_NEAR,
        "near",
        earlier,
        null);
  }

  /** Joins each candidate pair with both texts and keeps the pairs whose shingle Jaccard reaches the threshold. */
  private PCollection<KV<String, String>> verify(
      PCollection<Doc> docs, PCollection<KV<String, String>> pairs) {
    PCollection<KV<String, String>> texts =
        docs.apply(
                "TextById",
                ParDo.of(
                    new DoFn<Doc, KV<String, String>>() {
                      @ProcessElement
                      public void process(@Element Doc d, OutputReceiver<KV<String, String>> out) {
                        out.output(KV.of(d.id(), d.text()));
                      }
                    }))
            .setCoder(STR_KV);
    TupleTag<String> text = new TupleTag<>();
    TupleTag<String> partner = new TupleTag<>();
    PCollection<KV<String, KV<String, String>>> half =
        KeyedPCollectionTuple.of(text, texts)
            .and(partner, pairs)
            .apply("JoinFirstText", CoGroupByKey.create())
            .apply(
                "CarryFirstText",
                ParDo.of(
                    new DoFn<KV<String, CoGbkResult>, KV<String, KV<String, String>>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, CoGbkResult> kv,
                          OutputReceiver<KV<String, KV<String, String>>> out) {
                        List<String> others = new ArrayList<>();
                        kv.getValue().getAll(partner).forEach(others::add);
                        if (others.isEmpty()) return;
                        String t = kv.getValue().getOnly(text);
                        for (String b : others) out.output(KV.of(b, KV.of(kv.getKey(), t)));
                      }
                    }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), STR_KV));
    TupleTag<KV<String, String>> first = new TupleTag<>();
    return KeyedPCollectionTuple.of(text, texts)
        .and(first, half)
        .apply("JoinSecondText", CoGroupByKey.create())
        .apply("VerifyJaccard", ParDo.of(new VerifyFn(cfg, text, first)))
        .setCoder(STR_KV);
  }

  static final class BandFn extends DoFn<Doc, KV<Long, KeepPolicy.Member>> {
    private final NearDedupConfig cfg;
    private final StageClock clock = new StageClock("dedup_near");
    private transient Shingles shingles;
    private transient MinHasher hasher;

    BandFn(NearDedupConfig cfg) {
      this.cfg = cfg;
    }

    @Setup
    public void setup() {
      shingles = new Shingles(cfg.shingle());
      hasher = new MinHasher(cfg);
    }

    @ProcessElement
    public void process(@Element Doc d, OutputReceiver<KV<Long, KeepPolicy.Member>> out) {
      long t = clock.start();
      long[] sh = shingles.hashes(d.text());
      KeepPolicy.Member m = d.member();
      if (sh.length > 0) {
        for (long b : hasher.bandKeys(hasher.signature(sh))) out.output(KV.of(b, m));
      }
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }

    @Teardown
    public void teardown() {
      if (shingles != null) shingles.close();
    }
  }

  /**
   * Candidate pairs of one bucket, members in id order. Without verification a star on the smallest id is
   * enough (all collide). With it: every pair while their number stays under max_bucket_pairs, else each
   * member against a few anchors and its predecessor.
   */
  static final class PairsFn
      extends DoFn<KV<Long, Iterable<KeepPolicy.Member>>, KV<String, String>> {
    private final NearDedupConfig cfg;

    PairsFn(NearDedupConfig cfg) {
      this.cfg = cfg;
    }

    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<KeepPolicy.Member>> bucket, MultiOutputReceiver out) {
      List<KeepPolicy.Member> ms = new ArrayList<>();
      bucket.getValue().forEach(ms::add);
      if (ms.size() < 2) return;
      ms.sort(Comparator.comparing(KeepPolicy.Member::id));
      OutputReceiver<KV<String, String>> pairs = out.get(DuplicateClusters.PAIR_TAG);
      int k = ms.size();
      if (!cfg.verify()) {
        for (int j = 1; j < k; j++) pairs.output(KV.of(ms.get(0).id(), ms.get(j).id()));
      } else if ((long) k * (k - 1) / 2 <= cfg.maxBucketPairs()) {
        for (int i = 0; i < k; i++)
          for (int j = i + 1; j < k; j++) pairs.output(KV.of(ms.get(i).id(), ms.get(j).id()));
      } else {
        int anchors = Math.max(1, cfg.maxBucketPairs() / k);
        for (int j = 1; j < k; j++) {
          for (int a = 0; a < Math.min(anchors, j); a++)
            pairs.output(KV.of(ms.get(a).id(), ms.get(j).id()));
          if (j - 1 >= anchors) pairs.output(KV.of(ms.get(j - 1).id(), ms.get(j).id()));
        }
      }
      OutputReceiver<KV<String, KeepPolicy.Member>> mo = out.get(DuplicateClusters.MEMBER_TAG);
      for (KeepPolicy.Member m : ms) mo.output(KV.of(m.id(), m));
    }
  }

  static final class VerifyFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final NearDedupConfig cfg;
    private final TupleTag<String> text;
    private final TupleTag<KV<String, String>> first;
    private final Counter verified = Metrics.counter(StageClock.NAMESPACE, "near.pairs_verified");
    private final Counter rejected = Metrics.counter(StageClock.NAMESPACE, "near.pairs_rejected");
    private final StageClock clock = new StageClock("dedup_near");
    private transient Shingles shingles;

    VerifyFn(NearDedupConfig cfg, TupleTag<String> text, TupleTag<KV<String, String>> first) {
      this.cfg = cfg;
      this.text = text;
      this.first = first;
    }

    @Setup
    public void setup() {
      shingles = new Shingles(cfg.shingle());
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> kv, OutputReceiver<KV<String, String>> out) {
      List<KV<String, String>> partners = new ArrayList<>();
      kv.getValue().getAll(first).forEach(partners::add);
      if (partners.isEmpty()) return;
      long t = clock.start();
      long[] b = shingles.of(kv.getValue().getOnly(text));
      for (KV<String, String> a : partners) {
        if (Shingles.jaccard(shingles.of(a.getValue()), b) >= cfg.verifyJaccard()) {
          verified.inc();
          out.output(KV.of(a.getKey(), kv.getKey()));
        } else {
          rejected.inc();
        }
      }
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }

    @Teardown
    public void teardown() {
      if (shingles != null) shingles.close();
    }
  }
}
