package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.rules.QualityScore;
import dev.sluice.quality.rules.Rejection;
import dev.sluice.quality.rules.RuleSet;
import dev.sluice.quality.rules.Scored;
import dev.sluice.report.RunStats;
import java.util.List;
import java.util.Map;

/**
 * Runs the recipe's rule sets in order; the first failing rule removes the document ({@code <ruleset>.<rule>},
 * with the failing value as score). Survivors carry every signal measured and their quality score.
 */
public final class ScoreQuality implements DocStep {
  private static final long serialVersionUID = 1L;
  // each DoFn instance is deserialised on its own, so it gets its own rule objects (they keep
  // scratch state)
  private final List<RuleSet> rules;
  private final boolean observe;

  /** With {@code observe}, also adds every scored document's signals to the bundle's report histograms. */
  public ScoreQuality(List<RuleSet> rules, boolean observe) {
    this.rules = List.copyOf(rules);
    this.observe = observe;
  }

  @Override
  public String stage() {
    return "quality";
  }

  @Override
  public Doc apply(Doc in, Out out) {
    Scored s = new Scored(in.text());
    Rejection rejected = null;
    for (RuleSet r : rules) {
      rejected = r.apply(s);
      if (rejected != null) break;
    }
    Doc d = in.withSignals(s.signals());
    if (observe) {
      RunStats stats = out.stats();
      for (Map.Entry<String, Double> e : s.signals().entrySet()) {
        RunStats.addTo(stats.signalsIn, e.getKey(), e.getValue());
      }
    }
    if (rejected != null) {
      out.removed(RemovedDoc.of(d, RemovedDoc.QUALITY, rejected.rule(), null, rejected.value()));
      return null;
    }
    return d.withText(s.text()).withQuality(QualityScore.of(s.text(), d.langScore()));
  }
}
