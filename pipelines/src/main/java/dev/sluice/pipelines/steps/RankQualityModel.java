package dev.sluice.pipelines.steps;

import dev.sluice.core.io.AtomicFiles;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.QualityModelSettings;
import dev.sluice.quality.model.PerplexityBuckets;
import dev.sluice.quality.model.QuantileBins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@code quality_model}, over the whole run: counts every document's classifier score and perplexity into fine
 * fixed bins ({@link QuantileBins}; counts add up the same in any order, so every runner gets the same totals, and
 * no step holds the documents), then, with the totals as a side input, keeps the top fraction by score ({@code
 * keep.top_fraction}; the rest removed as {@code quality_model.score}), puts each document in its CCNet perplexity
 * bucket and removes those of buckets the recipe does not keep ({@code quality_model.perplexity_bucket}). The
 * cutoffs it used go to {@code cutoffsFile} for the manifest, and the documents put in each bucket to the tally
 * ({@link #COUNTS}: {@code quality_model.bucket:head}, ...; outside the counts).
 */
public final class RankQualityModel extends PTransform<PCollection<Doc>, PCollectionTuple> {
  public static final String BUCKET = "quality_model.perplexity_bucket";

  /** The tally key of the documents given a bucket: this prefix and the bucket's name. */
  public static final String BUCKET_COUNT = "quality_model.bucket:";

  /** Per-bundle partial counts of {@link #BUCKET_COUNT} keys, for the tally. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("bucket_counts") {};

  private final QualityModelSettings settings;
  private final boolean scored;
  private final String cutoffsFile;

  /** @param scored whether the documents carry a classifier score */
  public RankQualityModel(QualityModelSettings settings, boolean scored, String cutoffsFile) {
    this.settings = settings;
    this.scored = scored;
    this.cutoffsFile = cutoffsFile;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    PCollection<long[][]> totals =
        docs.apply("CountScoreBins", Combine.globally(new ScoreBins(scored, settings.perplexity())))
            .setCoder(ScoreBins.CODER);
    PCollectionView<long[][]> view = totals.apply("ScoreBinsView", View.asSingleton());
    totals.apply(
        "WriteCutoffs",
        ParDo.of(
            new DoFn<long[][], Void>() {
              @ProcessElement
              public void process(@Element long[][] t) {
                AtomicFiles.writeJson(cutoffsFile, Cutoffs.of(t, settings).describe());
              }
            }));
    PCollectionTuple out =
        docs.apply(
            "KeepByRank",
            ParDo.of(new KeepFn(settings, view))
                .withSideInputs(view)
                .withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED).and(COUNTS)));
    out.get(Tags.DOCS).setCoder(Doc.CODER);
    out.get(Tags.REMOVED).setCoder(RemovedDoc.CODER);
    out.get(COUNTS).setCoder(Tally.PARTIAL);
    return out;
  }

  /** The bins read off the run's totals: the score threshold bin, the perplexity cutoff bins (-1: unused). */
  record Cutoffs(
      long documents, int scoreBin, int headBin, int middleBin, QualityModelSettings settings) {
    static Cutoffs of(long[][] totals, QualityModelSettings s) {
      long n = 0;
      long[] any = totals[0] != null ? totals[0] : totals[1];
      if (any != null) for (long c : any) n += c;
      int score =
          totals[0] == null || Double.isNaN(s.topFraction())
              ? -1
              : QuantileBins.topBin(totals[0], s.topFraction());
      int head = totals[1] == null ? -1 : QuantileBins.percentileBin(totals[1], s.headPercentile());
      int middle =
          totals[1] == null ? -1 : QuantileBins.percentileBin(totals[1], s.middlePercentile());
      return new Cutoffs(n, score, head, middle, s);
    }

    Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("documents", documents);
      if (scoreBin >= 0) {
        m.put("top_fraction", settings.topFraction());
        double logit = QuantileBins.classifier().lowerEdge(scoreBin);
        m.put("score_threshold", 1 / (1 + Math.exp(-logit)));
      }
      if (headBin >= 0) {
        QuantileBins b = QuantileBins.perplexity();
        m.put(
            "perplexity_percentiles",
            List.of(settings.headPercentile(), settings.middlePercentile()));
        m.put("perplexity_head_max", Math.exp(b.lowerEdge(headBin + 1)));
        m.put("perplexity_middle_max", Math.exp(b.lowerEdge(middleBin + 1)));
      }
      return m;
    }
  }

  static final class KeepFn extends DoFn<Doc, Doc> {
    private final QualityModelSettings settings;
    private final PCollectionView<long[][]> view;
    private final StageClock clock = new StageClock(ScoreQualityModel.STAGE);
    private transient Cutoffs cutoffs;
    private transient TreeMap<String, long[]> buckets;

    KeepFn(QualityModelSettings settings, PCollectionView<long[][]> view) {
      this.settings = settings;
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long t = clock.start();
      if (cutoffs == null) cutoffs = Cutoffs.of(c.sideInput(view), settings);
      Doc d = c.element();
      if (cutoffs.scoreBin() >= 0
          && QuantileBins.classifier().scoreBin(d.qualityModelScore()) < cutoffs.scoreBin()) {
        c.output(
            Tags.REMOVED,
            RemovedDoc.of(
                d, ScoreQualityModel.STAGE, ScoreQualityModel.SCORE, null, d.qualityModelScore()));
      } else if (cutoffs.headBin() >= 0) {
        // a text with no code point has no perplexity: it goes to the tail
        String bucket =
            Double.isNaN(d.perplexity())
                ? PerplexityBuckets.TAIL
                : PerplexityBuckets.of(
                    QuantileBins.perplexity().perplexityBin(d.perplexity()),
                    cutoffs.headBin(),
                    cutoffs.middleBin());
        Doc b = d.withPerplexityBucket(bucket);
        if (buckets == null) buckets = new TreeMap<>();
        buckets.computeIfAbsent(bucket, k -> new long[1])[0]++;
        if (settings.keepBuckets().contains(bucket)) {
          c.output(b);
        } else {
          c.output(
              Tags.REMOVED,
              RemovedDoc.of(b, ScoreQualityModel.STAGE, BUCKET, null, d.perplexity()));
        }
      } else {
        c.output(d);
      }
      clock.stop(t);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      clock.flush();
      if (buckets == null) return;
      for (Map.Entry<String, long[]> e : buckets.entrySet()) {
        c.output(
            COUNTS,
            KV.of(BUCKET_COUNT + e.getKey(), e.getValue()[0]),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      buckets = null;
    }
  }
}
