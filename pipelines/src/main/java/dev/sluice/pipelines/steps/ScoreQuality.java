package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.report.RunStats;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import dev.sluice.quality.rules.QualityScore;
import dev.sluice.quality.rules.Rejection;
import dev.sluice.quality.rules.RuleSet;
import dev.sluice.quality.rules.Scored;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Runs the recipe's rule sets in order; the first failing rule removes the document ({@code <ruleset>.<rule>},
 * with the failing value as score). Survivors carry every signal measured and their quality score.
 */
public final class ScoreQuality extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final List<RuleSet> rules;
  private final boolean observe;

  /** With {@code observe}, also emits per-bundle signal histograms of every scored document on Tags.STATS. */
  public ScoreQuality(List<RuleSet> rules, boolean observe) {
    this.rules = rules;
    this.observe = observe;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Tags.withCoders(docs.apply("ApplyRules",
        ParDo.of(new RulesFn(rules, observe)).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED).and(Tags.STATS))));
  }

  static final class RulesFn extends DoFn<Doc, Doc> {
    // each DoFn instance is deserialised on its own, so it gets its own rule objects (they keep scratch state)
    private final List<RuleSet> rules;
    private final boolean observe;
    private final StageClock clock = new StageClock("quality");
    private transient RunStats stats;

    RulesFn(List<RuleSet> rules, boolean observe) {
      this.rules = rules;
      this.observe = observe;
    }

    @ProcessElement
    public void process(@Element Doc in, MultiOutputReceiver out) {
      long t = clock.start();
      Doc d = in.copy();
      Scored s = new Scored(d.text);
      Rejection rejected = null;
      for (RuleSet r : rules) {
        rejected = r.apply(s);
        if (rejected != null) break;
      }
      d.signals.putAll(s.signals());
      if (observe) {
        if (stats == null) stats = new RunStats();
        for (java.util.Map.Entry<String, Double> e : s.signals().entrySet()) {
          RunStats.addTo(stats.signalsIn, e.getKey(), e.getValue());
        }
      }
      if (rejected != null) {
        out.get(Tags.REMOVED).output(RemovedDoc.of(d, RemovedDoc.QUALITY, rejected.rule(), null, rejected.value()));
      } else {
        d.text = s.text();
        d.quality = QualityScore.of(d.text, d.langScore);
        out.get(Tags.DOCS).output(d);
      }
      clock.stop(t);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      clock.flush();
      if (stats != null) {
        c.output(Tags.STATS, stats, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        stats = null;
      }
    }
  }
}
